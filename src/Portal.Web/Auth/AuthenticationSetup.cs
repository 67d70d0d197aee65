using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;
using Portal.Web.Auth.Sessions;

namespace Portal.Web.Auth;

public static class AuthenticationSetup
{
    /// <summary>
    /// Cookie sign-in for people (over OpenID Connect, or the development sign-in when no provider is
    /// configured outside Production), bearer tokens for pipelines, and one policy per permission.
    /// </summary>
    public static WebApplicationBuilder AddPortalAuthentication(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection(PortalAuthOptions.Section);
        builder.Services.AddOptions<PortalAuthOptions>().Bind(section)
            .Validate(o => o.Session.AbsoluteLifetime > TimeSpan.Zero && o.Session.RevalidationInterval > TimeSpan.Zero,
                "Auth:Session:AbsoluteLifetime and Auth:Session:RevalidationInterval must be positive.")
            .ValidateOnStart();
        builder.Services.Configure<List<StaticServiceToken>>(builder.Configuration.GetSection("Portal:ServiceTokens"));
        var options = section.Get<PortalAuthOptions>() ?? new PortalAuthOptions();
        if (!options.Oidc.IsConfigured && !AllowsDevelopmentSignIn(builder.Environment))
        {
            throw new InvalidOperationException(
                $"No identity provider is configured (Auth:Oidc:Authority) and the environment is '{builder.Environment.EnvironmentName}': " +
                "the development sign-in exists only in Development. Configure Auth:Oidc:Authority, ClientId and ClientSecret.");
        }
        builder.Services.AddSingleton(new SignInMode(options.Oidc.IsConfigured));
        builder.Services.AddScoped<UserDirectoryService>();
        builder.Services.AddScoped<IdentityProviderClaims>();
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<ActiveUserCheck>();
        builder.Services.AddPortalSessions();

        var authentication = builder.Services.AddAuthentication(o =>
        {
            o.DefaultScheme = PortalAuthSchemes.Cookie;
            o.DefaultChallengeScheme = options.Oidc.IsConfigured ? PortalAuthSchemes.Oidc : PortalAuthSchemes.Cookie;
        });
        authentication.AddCookie(PortalAuthSchemes.Cookie, ConfigureCookie);
        authentication.AddScheme<AuthenticationSchemeOptions, ServiceTokenAuthenticationHandler>(PortalAuthSchemes.ServiceToken, null);
        authentication.AddPolicyScheme(PortalAuthSchemes.Bearer, "Bearer token", o =>
            o.ForwardDefaultSelector = context => SelectBearerScheme(context, options.Oidc.IsConfigured));
        if (options.Oidc.IsConfigured)
        {
            authentication.AddPortalOpenIdConnect(options);
            authentication.AddPortalJwtBearer(options);
        }

        builder.Services.AddAuthorizationBuilder().AddPortalPolicies();
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, AuditingAuthorizationResultHandler>();
        builder.Services.AddCascadingAuthenticationState();
        return builder;
    }

    /// <summary>
    /// Server-side sessions, open pages that recheck them, and the check that a person is active on every write.
    /// Call before the data context is registered, so that the write check runs before the audit trail is sealed.
    /// </summary>
    public static IServiceCollection AddActivePersonWriteCheck(this IServiceCollection services) => services
        .AddSingleton<ActivePersonWriteCheck>()
        .ConfigureDbContext<PortalDbContext>((provider, options) => options.AddInterceptors(provider.GetRequiredService<ActivePersonWriteCheck>()),
            ServiceLifetime.Singleton);

    private static void AddPortalSessions(this IServiceCollection services)
    {
        services.AddSingleton<SessionStore>();
        services.AddSingleton<LiveCircuits>();
        services.AddSingleton<IUserLifecycleListener, EndSessionsOnDeactivation>();
        services.AddScoped<PortalAuthenticationStateProvider>();
        services.AddScoped<AuthenticationStateProvider>(provider => provider.GetRequiredService<PortalAuthenticationStateProvider>());
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, SessionCircuitHandler>());
    }

    public static bool AllowsDevelopmentSignIn(IHostEnvironment environment) =>
        environment.IsDevelopment() || environment.IsEnvironment("Testing");

    private static void ConfigureCookie(CookieAuthenticationOptions cookie)
    {
        cookie.Cookie.Name = "portal.auth";
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Lax;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.LoginPath = "/account/login";
        cookie.AccessDeniedPath = "/no-access";
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.SlidingExpiration = true;
        SessionCookieEvents.Attach(cookie.Events);
    }

    private static string SelectBearerScheme(HttpContext context, bool jwtConfigured)
    {
        var token = ServiceTokenAuthenticationHandler.BearerToken(context.Request.Headers.Authorization.ToString());
        // A JWT has three dot-separated parts; portal service tokens have none.
        return jwtConfigured && token is not null && token.Count(c => c == '.') == 2
            ? PortalAuthSchemes.Jwt
            : PortalAuthSchemes.ServiceToken;
    }

    private static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder authorization)
    {
        authorization.AddPolicy(PortalAuthSchemes.PortalUserPolicy, p => p.RequireRole(PortalRoles.All));
        foreach (var permission in Enum.GetValues<Permission>())
        {
            authorization.AddPolicy(permission.ToString(), p => p.RequireRole(RolePermissions.RolesFor(permission)));
        }
        return authorization;
    }
}

/// <summary>Whether people sign in at an identity provider or, in Development, as a demo user.</summary>
public sealed record SignInMode(bool UsesIdentityProvider);

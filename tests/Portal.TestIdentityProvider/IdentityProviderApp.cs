using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Portal.TestIdentityProvider;

/// <summary>The one place that wires the provider; both Program.cs and <see cref="TestIdentityProviderHost"/> use it.</summary>
public static class IdentityProviderApp
{
    public const string ApiScope = "portal-api";
    public const string AuthorizePath = "/connect/authorize";
    public const string TokenPath = "/connect/token";
    public const string UserInfoPath = "/connect/userinfo";
    public const string LogoutPath = "/connect/logout";

    /// <summary>Configuration key (e.g. <c>--Issuer http://idp:5100/</c>) that overrides the issuer read from the bound address.</summary>
    public const string IssuerSetting = "Issuer";

    /// <summary>Adds services, builds the app, maps endpoints and registers the clients; the caller starts it.</summary>
    public static async Task<WebApplication> BuildAsync(WebApplicationBuilder builder, IdentityConfiguration configuration, CancellationToken cancellationToken = default)
    {
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // Its only warning says in-memory keys are unencrypted, which is the point of keeping them in memory.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        AddServices(builder.Services, configuration.Validated(), builder.Configuration[IssuerSetting]);

        var app = builder.Build();
        // Runs OpenIddict's request handling, which answers discovery, jwks and token errors itself.
        app.UseAuthentication();
        app.MapAccountEndpoints();
        app.MapAuthorizationEndpoints();
        app.MapTokenEndpoints();

        await ClientRegistration.RegisterAsync(app.Services, cancellationToken);
        return app;
    }

    /// <summary>The issuer with a trailing slash; valid once the app has started listening.</summary>
    public static string GetIssuer(WebApplication app) =>
        app.Services.GetRequiredService<IOptionsMonitor<OpenIddictServerOptions>>().CurrentValue.Issuer?.AbsoluteUri
            ?? throw new InvalidOperationException("The issuer is not known yet.");

    private static void AddServices(IServiceCollection services, IdentityConfiguration configuration, string? issuer)
    {
        services.AddSingleton(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<InMemoryDatabase>();
        services.AddDbContext<IdentityProviderDbContext>((provider, options) => options
            .UseSqlite(provider.GetRequiredService<InMemoryDatabase>().ConnectionString)
            .UseOpenIddict());

        services.AddDataProtection();
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = new InMemoryKeyRepository());
        // Distinct cookie names so the IdP and the portal, both on 127.0.0.1, never overwrite each other's cookies.
        services.AddAntiforgery(options => options.Cookie.Name = ".TestIdentityProvider.Antiforgery");
        services.AddAuthentication(AccountEndpoints.SessionScheme)
            .AddCookie(AccountEndpoints.SessionScheme, options =>
            {
                options.Cookie.Name = ".TestIdentityProvider.Session";
                options.LoginPath = AccountEndpoints.LoginPath;
                options.ReturnUrlParameter = "returnUrl";
                options.ExpireTimeSpan = TimeSpan.FromHours(8);
                // auth_time is a claim in the cookie, so renewing the cookie would not change it anyway.
                options.SlidingExpiration = false;
            });

        services.AddOpenIddict()
            // Real EF Core stores rather than the degraded mode: OpenIddict then validates clients, secrets,
            // redirect URIs and one-time use of codes itself, which degraded mode would leave to custom handlers.
            .AddCore(options => options.UseEntityFrameworkCore().UseDbContext<IdentityProviderDbContext>())
            .AddServer(options => ConfigureServer(options, issuer));

        // With port 0 the issuer is only known once Kestrel has bound, so it is read from the server lazily:
        // OpenIddict resolves its options on the first request, which comes after the server has started.
        services.AddOptions<OpenIddictServerOptions>()
            .Configure<IServer>((options, server) => options.Issuer ??= IssuerFromServer(server));
    }

    private static void ConfigureServer(OpenIddictServerBuilder options, string? issuer)
    {
        options.SetAuthorizationEndpointUris(AuthorizePath.TrimStart('/'))
               .SetTokenEndpointUris(TokenPath.TrimStart('/'))
               .SetUserInfoEndpointUris(UserInfoPath.TrimStart('/'))
               .SetEndSessionEndpointUris(LogoutPath.TrimStart('/'));

        options.AllowAuthorizationCodeFlow()
               .AllowClientCredentialsFlow()
               .AllowRefreshTokenFlow()
               .RequireProofKeyForCodeExchange();
        // S256 only: "plain" PKCE protects nothing, and the ASP.NET Core OpenIdConnect handler sends S256.
        options.Configure(server => server.CodeChallengeMethods.Remove(CodeChallengeMethods.Plain));

        options.RegisterScopes(Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess, ApiScope);
        options.RegisterClaims(
            Claims.Subject, Claims.Name, Claims.PreferredUsername, Claims.Email, TokenClaims.Groups, Claims.AuthenticationTime);

        options.AddSigningKey(SigningKeys.Signing)
               .AddEncryptionKey(SigningKeys.NewEncryptionKey());
        // Plain signed JWTs, so a stock JwtBearer handler (Authority = issuer, Audience = portal-api) validates them.
        options.DisableAccessTokenEncryption();

        if (!string.IsNullOrEmpty(issuer))
        {
            options.SetIssuer(new Uri(issuer, UriKind.Absolute));
        }

        options.UseAspNetCore()
               .DisableTransportSecurityRequirement()
               .EnableAuthorizationEndpointPassthrough()
               .EnableTokenEndpointPassthrough()
               .EnableUserInfoEndpointPassthrough()
               .EnableEndSessionEndpointPassthrough();
    }

    private static Uri IssuerFromServer(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; start it before sending requests.");
        // Wildcard bindings (http://+:5100, http://[::]:5100) are not addresses a client can use.
        var uri = new UriBuilder(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal));
        if (uri.Host is "0.0.0.0" or "[::]")
        {
            uri.Host = "localhost";
        }

        if (uri.Port == 0)
        {
            throw new InvalidOperationException("The server has not bound its port yet; start it before sending requests.");
        }

        uri.Path = "/";
        return uri.Uri;
    }
}

using Microsoft.EntityFrameworkCore;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Portal.TestIdentityProvider;

/// <summary>Creates the database and registers the configured clients with OpenIddict before the server listens.</summary>
internal static class ClientRegistration
{
    public static async Task RegisterAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var database = scope.ServiceProvider.GetRequiredService<IdentityProviderDbContext>();
        await database.Database.EnsureCreatedAsync(cancellationToken);

        var configuration = scope.ServiceProvider.GetRequiredService<IdentityConfiguration>();
        var applications = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        foreach (var client in configuration.Clients)
        {
            await applications.CreateAsync(Describe(client), cancellationToken);
        }
    }

    private static OpenIddictApplicationDescriptor Describe(IdentityClient client)
    {
        var descriptor = new OpenIddictApplicationDescriptor
        {
            ClientId = client.ClientId,
            ClientSecret = client.ClientSecret,
            ClientType = string.IsNullOrEmpty(client.ClientSecret) ? ClientTypes.Public : ClientTypes.Confidential,
            ApplicationType = ApplicationTypes.Web,
            DisplayName = client.ClientId,
            // No consent screen: every configured client is trusted, as a company IdP would be for the portal.
            ConsentType = ConsentTypes.Implicit,
        };

        // Scope permissions are granted to every client; OpenIddict checks them per request.
        descriptor.Permissions.UnionWith(
        [
            Permissions.Endpoints.Token,
            Permissions.Scopes.Profile,
            Permissions.Scopes.Email,
            Permissions.Prefixes.Scope + IdentityProviderApp.ApiScope,
        ]);

        if (client.AllowCodeFlow)
        {
            descriptor.Permissions.UnionWith(
            [
                Permissions.Endpoints.Authorization,
                Permissions.Endpoints.EndSession,
                Permissions.GrantTypes.AuthorizationCode,
                Permissions.GrantTypes.RefreshToken,
                Permissions.ResponseTypes.Code,
            ]);
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
            descriptor.RedirectUris.UnionWith(client.RedirectUris.Select(uri => new Uri(uri)));
            descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris.Select(uri => new Uri(uri)));
        }

        if (client.AllowClientCredentials)
        {
            descriptor.Permissions.Add(Permissions.GrantTypes.ClientCredentials);
        }

        return descriptor;
    }
}

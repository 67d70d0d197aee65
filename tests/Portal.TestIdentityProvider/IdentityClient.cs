namespace Portal.TestIdentityProvider;

/// <summary>An OAuth client registered with the provider when the host starts.</summary>
public sealed record IdentityClient
{
    public required string ClientId { get; init; }

    /// <summary>Without a secret the client is public (PKCE alone protects its code flow).</summary>
    public string? ClientSecret { get; init; }

    public IReadOnlyList<string> RedirectUris { get; init; } = [];

    public IReadOnlyList<string> PostLogoutRedirectUris { get; init; } = [];

    /// <summary>Authorization code flow with PKCE, refresh tokens and end session.</summary>
    public bool AllowCodeFlow { get; init; }

    public bool AllowClientCredentials { get; init; }

    /// <summary>Groups issued in client-credentials tokens, where the client itself is the subject.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];
}

namespace Portal.Web.Auth;

/// <summary>Configuration section <c>Auth</c>.</summary>
public sealed class PortalAuthOptions
{
    public const string Section = "Auth";

    public OidcProviderOptions Oidc { get; set; } = new();

    /// <summary>The claim of the identity provider's tokens that carries group names.</summary>
    public string RoleClaim { get; set; } = "groups";

    /// <summary>Identity-provider group name to portal role. Groups not listed grant nothing.</summary>
    public Dictionary<string, string> GroupRoleMap { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The audience the identity provider's access tokens must carry to call the API.</summary>
    public string ApiAudience { get; set; } = "portal-api";

    public SessionOptions Session { get; set; } = new();
}

/// <summary>Configuration section <c>Auth:Session</c>: how long a signed-in session may last, how often open pages recheck it.</summary>
public sealed class SessionOptions
{
    /// <summary>A session ends this long after sign-in, however active the person is.</summary>
    public TimeSpan AbsoluteLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>How often an open page (a Blazor circuit) rechecks that its person is active and its session not revoked.</summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}

public sealed class OidcProviderOptions
{
    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Authority);

    /// <summary>Plain HTTP is accepted only for an identity provider on this machine (tests, local runs).</summary>
    public bool RequireHttpsMetadata =>
        Authority is null || !Uri.TryCreate(Authority, UriKind.Absolute, out var uri) || !(uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);
}

namespace Portal.Web.Auth;

/// <summary>
/// A service token from configuration (<c>Portal:ServiceTokens:N:Name</c>, <c>:Role</c>, and <c>:Token</c> or its
/// SHA-256 as <c>:TokenHash</c>), so a pipeline or smoke test can start with nobody signing in.
/// </summary>
public sealed class StaticServiceToken
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string? Token { get; set; }
    public string? TokenHash { get; set; }
}

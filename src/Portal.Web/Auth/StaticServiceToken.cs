namespace Portal.Web.Auth;

/// <summary>
/// A service token from configuration (<c>Portal:ServiceTokens:N:Name</c>, <c>:Role</c>, and <c>:Token</c> or its
/// SHA-256 as <c>:TokenHash</c>), so a pipeline or smoke test can start with nobody signing in. <c>:Teams</c> (a list,
/// <c>Portal:ServiceTokens:N:Teams:0</c> and on) names the teams whose models it acts on as a member.
/// </summary>
public sealed class StaticServiceToken
{
    public string Name { get; set; } = "";
    public string Role { get; set; } = "";
    public string? Token { get; set; }
    public string? TokenHash { get; set; }
    public List<string> Teams { get; set; } = [];
}

using Portal.Domain.Directory;

namespace Portal.Web.Features.Scim;

/// <summary>The SCIM attributes of one user while a request changes them; becomes a <see cref="DirectoryProfile"/> when valid.</summary>
public sealed class ScimDraft
{
    public string? UserName { get; set; }
    public string? ExternalId { get; set; }
    public string? DisplayName { get; set; }
    public string? Formatted { get; set; }
    public string? GivenName { get; set; }
    public string? FamilyName { get; set; }
    public string? Email { get; set; }
    public bool? Active { get; set; }

    public static ScimDraft From(UserAccount user) => new()
    {
        UserName = user.UserName,
        ExternalId = user.ExternalId,
        DisplayName = user.Name,
        GivenName = user.GivenName,
        FamilyName = user.FamilyName,
        Email = user.Email,
        Active = user.IsActive,
    };

    /// <summary>The profile to store; the display name falls back to name.formatted, the given and family names, then userName.</summary>
    public DirectoryProfile ToProfile()
    {
        var userName = UserName?.Trim() ?? throw ScimException.Invalid("invalidValue", "userName is required.");
        var joined = string.Join(' ', new[] { GivenName, FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)).Select(n => n!.Trim()));
        var display = FirstNonBlank(DisplayName, Formatted, joined, userName)!;
        var profile = new DirectoryProfile(userName, Blank(ExternalId), display, Blank(GivenName), Blank(FamilyName), Blank(Email));
        var problems = profile.Problems();
        return problems.Count == 0 ? profile : throw ScimException.Invalid("invalidValue", string.Join(" ", problems.Values));
    }

    private static string? FirstNonBlank(params string?[] values) => values.FirstOrDefault(v => !string.IsNullOrWhiteSpace(v))?.Trim();

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

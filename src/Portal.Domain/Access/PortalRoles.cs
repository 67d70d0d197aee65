namespace Portal.Domain.Access;

/// <summary>The portal's roles. Anything else a token or directory says grants nothing.</summary>
public static class PortalRoles
{
    public const string Admin = "Admin";
    public const string Manager = "Manager";
    public const string ComplianceReviewer = "ComplianceReviewer";
    public const string Engineer = "Engineer";
    public const string Auditor = "Auditor";

    public static readonly IReadOnlyList<string> All = [Admin, Manager, ComplianceReviewer, Engineer, Auditor];

    public static bool IsKnown(string role) => All.Contains(role, StringComparer.Ordinal);

    /// <summary>"ComplianceReviewer" → "Compliance reviewer"; anything unknown is shown as it is.</summary>
    public static string Words(string role) => role == ComplianceReviewer ? "Compliance reviewer" : role;

    /// <summary>"Admin, Manager or Compliance reviewer" (<paramref name="conjunction"/> "or"), or joined with "and".</summary>
    public static string Words(IEnumerable<string> roles, string conjunction = "or")
    {
        var names = roles.Select(Words).ToList();
        return names.Count <= 1 ? string.Join("", names) : string.Join(", ", names[..^1]) + $" {conjunction} " + names[^1];
    }
}

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
}

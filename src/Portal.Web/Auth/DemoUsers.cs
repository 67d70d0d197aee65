using Portal.Domain.Access;

namespace Portal.Web.Auth;

/// <summary>The people offered by the development sign-in (never in Production): one per role, and one with none.</summary>
public static class DemoUsers
{
    public sealed record DemoUser(string Subject, string Name, string Email, string? Role, string Team);

    public static readonly IReadOnlyList<DemoUser> All =
    [
        new("demo-alice", "Alice Admin", "alice@example.test", PortalRoles.Admin, "Platform"),
        new("demo-mona", "Mona Manager", "mona@example.test", PortalRoles.Manager, "Credit Risk"),
        new("demo-rita", "Rita Reviewer", "rita@example.test", PortalRoles.ComplianceReviewer, "Compliance"),
        new("demo-eric", "Eric Engineer", "eric@example.test", PortalRoles.Engineer, "Credit Risk"),
        new("demo-audrey", "Audrey Auditor", "audrey@example.test", PortalRoles.Auditor, "Internal Audit"),
        new("demo-nadia", "Nadia Newcomer", "nadia@example.test", null, "Marketing"),
    ];

    public static DemoUser? Find(string? subject) => All.FirstOrDefault(u => u.Subject == subject);
}

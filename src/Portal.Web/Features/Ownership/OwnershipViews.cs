using Portal.Domain.Ownership;
using Portal.Domain.Teams;

namespace Portal.Web.Features.Ownership;

/// <summary>One owner assignment as pages and the API show it, active or ended.</summary>
public sealed record OwnerView(
    string OwnerSubject, string OwnerName, OwnerRole Role, DateTime AssignedAt, string AssignedBy, string Reason,
    DateTime? AcknowledgedAt, DateTime? EndedAt, string? EndedBy, string? EndReason)
{
    public bool IsActive => EndedAt is null;

    public static OwnerView From(OwnershipAssignment a) => new(a.OwnerSubject, a.OwnerName, a.Role, a.AssignedAt, a.AssignedBy,
        a.Reason, a.AcknowledgedAt, a.EndedAt, a.EndedBy, a.EndReason);
}

/// <summary>A model's owners: who holds a role now (primary first) and every assignment ever made, newest first.</summary>
public sealed record OwnersView(IReadOnlyList<OwnerView> Active, IReadOnlyList<OwnerView> History);

/// <summary>One active owner role of a person, with whether they have acknowledged it.</summary>
public sealed record OwnedModelView(string ModelKey, string ModelName, string Team, string OwnerSubject, string OwnerName,
    OwnerRole Role, DateTime AssignedAt, string AssignedBy, string Reason, DateTime? AcknowledgedAt);

/// <summary>One model whose owner role passes from one person to another in a bulk reassignment.</summary>
public sealed record ReassignmentChange(string ModelKey, string ModelName, string Team, OwnerRole Role,
    string FromSubject, string FromName, string ToSubject, string ToName, string Outcome);

/// <summary>
/// What a bulk reassignment does (preview) or did (applied). Models the actor may not manage are listed and left alone.
/// </summary>
public sealed record ReassignmentResult(string FromSubject, string ToSubject, bool Applied,
    IReadOnlyList<ReassignmentChange> Changes, IReadOnlyList<string> NotManaged);

/// <summary>A person in the user directory, for pickers.</summary>
public sealed record PersonOption(string Subject, string Name, string? Email, bool IsActive)
{
    public string Display => IsActive ? $"{Name} ({Email ?? Subject})" : $"{Name} ({Email ?? Subject}, deactivated)";
}

public sealed record TeamMemberView(string Subject, string Name, bool IsManager);

/// <summary>A team with its people, managers first; <see cref="Revision"/> is sent back with edits.</summary>
public sealed record TeamView(string Name, string? Description, IReadOnlyList<TeamMemberView> Members, int Revision)
{
    public IEnumerable<TeamMemberView> Managers => Members.Where(m => m.IsManager);

    public static TeamView From(Team t) => new(t.Name, t.Description,
        [.. t.Members.OrderByDescending(m => m.IsManager).ThenBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
            .Select(m => new TeamMemberView(m.Subject, m.Name, m.IsManager))],
        t.Revision);
}

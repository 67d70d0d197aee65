namespace Portal.Domain.Outputs;

/// <summary>Who asks to read an output, seen against the output's model: roles, ownership, teams (normalized names).</summary>
public sealed record OutputReader(string Id, IReadOnlySet<string> Roles, bool IsServiceToken, bool IsOwner, bool IsInModelTeam, IReadOnlySet<string> Teams)
{
    public bool IsIn(OutputAudience audience) =>
        (audience.HasFlag(OutputAudience.AnyReader) && Roles.Count > 0)
        || (audience.HasFlag(OutputAudience.Owners) && IsOwner)
        || (audience.HasFlag(OutputAudience.Team) && IsInModelTeam)
        || (audience.HasFlag(OutputAudience.ComplianceReviewer) && Roles.Contains(Access.PortalRoles.ComplianceReviewer))
        || (audience.HasFlag(OutputAudience.Auditor) && Roles.Contains(Access.PortalRoles.Auditor))
        || (audience.HasFlag(OutputAudience.Admin) && Roles.Contains(Access.PortalRoles.Admin));
}

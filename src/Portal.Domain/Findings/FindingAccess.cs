using Portal.Domain.Access;
using Portal.Domain.Releases;

namespace Portal.Domain.Findings;

/// <summary>
/// Who may move a finding, with separation of duties: a ComplianceReviewer or an Admin raises it (never as its own
/// remediation owner); only the remediation owner remediates it; a ComplianceReviewer who is neither its remediation owner
/// nor an owner of the model closes or reopens it. Reviewers and Admins act on every model; a service token only on the
/// models of the teams it is scoped to (an unscoped one on none) unless it holds Admin. Null means allowed.
/// </summary>
public static class FindingAccess
{
    public static string? RaiseProblem(Actor actor, ModelPeople people, string remediationOwner)
    {
        if (RoleOrScopeProblem(actor, Permission.RaiseFinding, people) is { } problem)
        {
            return problem;
        }
        return remediationOwner.Trim() == actor.Id
            ? $"You cannot be the remediation owner of a finding you raise on {people.ModelKey}: pick the person who will fix it, normally an owner of the model."
            : null;
    }

    public static string? RemediateProblem(Actor actor, Finding finding)
    {
        if (!actor.Can(Permission.RemediateFinding))
        {
            return RolePermissions.ExplainDenial(actor.Roles, Permission.RemediateFinding);
        }
        return actor.Id == finding.RemediationOwner
            ? null
            : $"Only {finding.RemediationOwnerName}, the remediation owner of finding '{finding.Title}' on {finding.ModelKey}, remediates it.";
    }

    /// <summary>Closing or reopening: the reviewer's judgement of someone else's remediation.</summary>
    public static string? DecideProblem(Actor actor, Finding finding, ModelPeople people, bool closing)
    {
        if (RoleOrScopeProblem(actor, Permission.CloseFinding, people) is { } problem)
        {
            return problem;
        }
        var act = closing ? "close" : "reopen";
        if (actor.Id == finding.RemediationOwner || actor.Id == finding.RemediatedBy)
        {
            return $"You cannot {act} finding '{finding.Title}': you are its remediation owner, and another reviewer judges the remediation (separation of duties).";
        }
        return people.Owners.Contains(actor.Id)
            ? $"You cannot {act} finding '{finding.Title}': you own model {people.ModelKey}, and a reviewer outside its owners judges it (separation of duties)."
            : null;
    }

    /// <summary>
    /// Handing a finding that awaits remediation to another person: a ComplianceReviewer, the reviewer who raised it, or a manager
    /// of the model's primary owner (<paramref name="managesOwner"/>: a Manager of the model's team or of a team the primary owner
    /// is in, or an Admin). Never the remediation owner handing their own finding away, and never to the person who raised it.
    /// </summary>
    public static string? ReassignProblem(Actor actor, Finding finding, ModelPeople people, bool managesOwner)
    {
        if (RoleOrScopeProblem(actor, Permission.ReassignFinding, people) is { } problem)
        {
            return problem;
        }
        if (actor.Id == finding.RemediationOwner)
        {
            return $"You cannot hand off finding '{finding.Title}' yourself: you are its remediation owner; ask the reviewer who raised it or your manager.";
        }
        return actor.Roles.Contains(PortalRoles.ComplianceReviewer) || actor.Id == finding.RaisedBy || managesOwner
            ? null
            : $"Reassigning finding '{finding.Title}' needs a ComplianceReviewer, {finding.RaisedByName} who raised it, or a manager of the primary owner of {people.ModelKey}.";
    }

    /// <summary>The person a finding goes to: someone else than its remediation owner now, and never the reviewer who raised it.</summary>
    public static string? NewOwnerProblem(Finding finding, string subject) =>
        subject == finding.RemediationOwner ? $"{finding.RemediationOwnerName} is the remediation owner already; pick another person."
        : subject == finding.RaisedBy ? $"{finding.RaisedByName} raised finding '{finding.Title}' and cannot remediate it too (separation of duties); pick another person."
        : null;

    private static string? RoleOrScopeProblem(Actor actor, Permission permission, ModelPeople people)
    {
        if (!actor.Can(permission))
        {
            return RolePermissions.ExplainDenial(actor.Roles, permission);
        }
        if (actor.TokenTeams is not { } teams || actor.Roles.Contains(PortalRoles.Admin) || ModelWriteScope.InScope(actor, people))
        {
            return null;
        }
        var scoped = teams.Count == 0 ? "no team" : "team(s) " + string.Join(", ", teams.Order(StringComparer.Ordinal));
        return $"{RolePermissions.Describe(permission)} ({people.ModelKey}) needs a token scoped to team {people.Team}; this service token is scoped to {scoped}.";
    }
}

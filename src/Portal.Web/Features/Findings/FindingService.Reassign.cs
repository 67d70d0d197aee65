using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Findings;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.Teams;
using Portal.Web.Features.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Findings;

/// <summary>Handing a finding that awaits remediation to a new remediation owner (see <see cref="FindingAccess.ReassignProblem"/>).</summary>
public sealed partial class FindingService
{
    /// <summary>The new owner and the previous one are told; the audit event keeps both (the owner before and after).</summary>
    public async Task<FindingView> ReassignAsync(Actor actor, Guid id, string? remediationOwner, int? revision, CancellationToken cancellationToken = default)
    {
        var target = $"finding {id}";
        await guard.EnsureAsync(actor, Permission.ReassignFinding, target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var finding = await FindAsync(db, id, cancellationToken);
        var model = await db.Models.AsNoTracking().SingleAsync(m => m.Id == finding.ModelId, cancellationToken);
        var people = await ModelWriteGuard.PeopleAsync(db, model, cancellationToken);
        if (FindingAccess.ReassignProblem(actor, finding, people, await ManagesPrimaryOwnerAsync(db, actor, model, cancellationToken)) is { } problem)
        {
            await writes.RefuseAsync(actor, Permission.ReassignFinding, target, problem, finding.ModelKey, cancellationToken);
        }
        if (!finding.AwaitsRemediation)
        {
            throw new ConflictException($"Finding '{finding.Title}' is {FindingRules.Describe(finding.Status)}; only an open or reopened finding changes hands.");
        }
        var person = await NewOwnerAsync(db, finding, remediationOwner, cancellationToken);
        var previous = finding.RemediationOwner;
        await ApplyAsync(db, actor, finding, revision, f => f.Reassign(person.Subject, person.Name), cancellationToken);
        await notifications.ReassignedAsync(finding, previous, actor, cancellationToken);
        return (await ViewsAsync(db, [finding], cancellationToken)).Single();
    }

    /// <summary>
    /// A manager of the model's primary owner: an Admin, or a Manager of the model's team or of a team the current primary owner is in.
    /// </summary>
    private static async Task<bool> ManagesPrimaryOwnerAsync(PortalDbContext db, Actor actor, Model model, CancellationToken cancellationToken)
    {
        var teams = await db.Teams.AsNoTracking().ToListAsync(cancellationToken);
        if (TeamScope.CanManageModelsOf(actor, model.Team, teams))
        {
            return true;
        }
        if (!actor.Roles.Contains(PortalRoles.Manager))
        {
            return false;
        }
        var primary = await db.OwnershipAssignments.AsNoTracking()
            .Where(a => a.ModelId == model.Id && a.EndedAt == null && a.Role == OwnerRole.Primary)
            .Select(a => a.OwnerSubject).FirstOrDefaultAsync(cancellationToken);
        return primary is not null && teams.Any(t => t.IsManager(actor.Id) && t.IsMember(primary));
    }

    private static async Task<OwnerCandidate> NewOwnerAsync(PortalDbContext db, Finding finding, string? subject, CancellationToken cancellationToken)
    {
        var trimmed = subject?.Trim() ?? "";
        if (trimmed.Length == 0 || trimmed.Length > Domain.FieldLengths.Identity || Domain.QueryText.HasControlCharacter(trimmed))
        {
            throw InputRejectedException.For("remediationOwner", "Name the new remediation owner by their subject in the user directory.");
        }
        if (FindingAccess.NewOwnerProblem(finding, trimmed) is { } problem)
        {
            throw InputRejectedException.For("remediationOwner", problem);
        }
        var person = await PeopleDirectory.FindAsync(db, trimmed, cancellationToken);
        return person is { IsActive: true }
            ? person
            : throw InputRejectedException.For("remediationOwner", person is null
                ? $"Nobody in the user directory has the subject '{trimmed}'; pick the new remediation owner from the directory."
                : $"{person.Name} is deactivated; pick an active person as the remediation owner.");
    }
}

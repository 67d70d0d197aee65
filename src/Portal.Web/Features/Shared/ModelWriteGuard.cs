using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Teams;

namespace Portal.Web.Features.Shared;

/// <summary>
/// The service-layer check of <see cref="ModelWriteScope"/> for every write on a model: the role, then being one of the
/// model's people (or an Admin). A refusal is audited as Access.Denied and names what is missing.
/// </summary>
public sealed class ModelWriteGuard(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, AuditRecorder audit)
{
    /// <summary>Checks the actor may perform <paramref name="permission"/> on the model with <paramref name="modelKey"/>; 404 when there is none.</summary>
    public async Task EnsureAsync(Actor actor, Permission permission, string modelKey, string target, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, permission, target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindAsync(db, modelKey, cancellationToken) ?? throw new NotFoundException($"No model has the key '{modelKey}'.");
        await EnsureInScopeAsync(db, actor, permission, model, target, cancellationToken);
    }

    public async Task EnsureAsync(PortalDbContext db, Actor actor, Permission permission, Model model, string target,
        CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, permission, target, cancellationToken);
        await EnsureInScopeAsync(db, actor, permission, model, target, cancellationToken);
    }

    /// <summary>The scope half of the check, once the role is known to be held.</summary>
    private async Task EnsureInScopeAsync(PortalDbContext db, Actor actor, Permission permission, Model model, string target,
        CancellationToken cancellationToken)
    {
        if (ModelWriteScope.Problem(actor, permission, await PeopleAsync(db, model, cancellationToken)) is { } problem)
        {
            await RefuseAsync(actor, permission, target, problem, model.Key, cancellationToken);
        }
    }

    /// <summary>Checks the actor may register a model for <paramref name="team"/>.</summary>
    public async Task EnsureCanRegisterAsync(Actor actor, string modelKey, string team, CancellationToken cancellationToken = default)
    {
        var target = $"model {modelKey}";
        await guard.EnsureAsync(actor, Permission.RegisterModel, target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = Team.Normalize(team);
        var record = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.NameNormalized == normalized, cancellationToken);
        if (ModelWriteScope.RegistrationProblem(actor, team, record) is { } problem)
        {
            await RefuseAsync(actor, Permission.RegisterModel, target, problem, null, cancellationToken);
        }
    }

    /// <summary>Whether the actor may perform <paramref name="permission"/> on the model; for showing buttons, not audited.</summary>
    public async Task<bool> CanAsync(Actor actor, Permission permission, string modelKey, CancellationToken cancellationToken = default)
    {
        if (!actor.Can(permission))
        {
            return false;
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return await FindAsync(db, modelKey, cancellationToken) is { } model
            && ModelWriteScope.Problem(actor, permission, await PeopleAsync(db, model, cancellationToken)) is null;
    }

    /// <summary>Which of <paramref name="permissions"/> the actor holds on the model, read once; for showing buttons, not audited.</summary>
    public async Task<ModelWriteRights> RightsAsync(Actor actor, string modelKey, IEnumerable<Permission> permissions,
        CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await FindAsync(db, modelKey, cancellationToken) is not { } model)
        {
            return ModelWriteRights.None;
        }
        var people = await PeopleAsync(db, model, cancellationToken);
        return new ModelWriteRights(permissions.Where(p => ModelWriteScope.Problem(actor, p, people) is null).ToHashSet());
    }

    /// <summary>The model's active owners (primary and backup) and its team's members, managers included.</summary>
    public static async Task<ModelPeople> PeopleAsync(PortalDbContext db, Model model, CancellationToken cancellationToken)
    {
        var owners = await db.OwnershipAssignments.AsNoTracking().Where(o => o.ModelId == model.Id && o.EndedAt == null)
            .Select(o => o.OwnerSubject).ToListAsync(cancellationToken);
        var normalized = Team.Normalize(model.Team);
        var team = await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.NameNormalized == normalized, cancellationToken);
        return new ModelPeople(model.Key, model.Team, owners.ToHashSet(StringComparer.Ordinal),
            (team?.Members.Select(m => m.Subject) ?? []).ToHashSet(StringComparer.Ordinal));
    }

    private static Task<Model?> FindAsync(PortalDbContext db, string modelKey, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(modelKey ?? "");
        return db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken);
    }

    /// <summary>Audits a refusal as Access.Denied and throws it (403 with <paramref name="problem"/> as its detail).</summary>
    public async Task RefuseAsync(Actor actor, Permission permission, string target, string problem, string? modelKey, CancellationToken cancellationToken)
    {
        await audit.RecordAsync(actor, AuditActions.AccessDenied, "Permission", permission.ToString(),
            new { target, reason = problem }, modelKey, cancellationToken);
        throw new AccessDeniedException(permission, problem);
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

/// <summary>Reads the facts of a model's "next steps" checklist (one small query each) and lets <see cref="NextSteps"/> judge them.</summary>
public sealed class NextStepsService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard)
{
    public async Task<IReadOnlyList<NextStep>> ForAsync(Actor actor, string modelKey, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"model {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var normalized = ModelRules.NormalizeKey(modelKey ?? "");
        var model = await db.Models.AsNoTracking().Where(m => m.KeyNormalized == normalized).Select(m => new { m.Id, m.Key, m.Team })
            .SingleOrDefaultAsync(cancellationToken) ?? throw new NotFoundException($"No model has the key '{modelKey}'.");
        var owner = await db.OwnershipAssignments.AsNoTracking().Where(a => a.ModelId == model.Id && a.EndedAt == null && a.Role == OwnerRole.Primary)
            .Select(a => a.OwnerName).FirstOrDefaultAsync(cancellationToken);
        var newest = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id).OrderByDescending(v => v.RegisteredAt).ThenByDescending(v => v.Id)
            .Select(v => new { v.Id, v.Label }).FirstOrDefaultAsync(cancellationToken);
        var fairness = newest is null ? null : await db.FairnessEvaluations.AsNoTracking().Where(e => e.VersionId == newest.Id)
            .OrderByDescending(e => e.EvaluatedAt).ThenByDescending(e => e.Id).Select(e => (bool?)e.Passed).FirstOrDefaultAsync(cancellationToken);
        var request = await db.ReleaseRequests.AsNoTracking().Where(r => r.ModelId == model.Id).OrderByDescending(r => r.Id)
            .Select(r => new { r.Id, r.VersionLabel, r.Status }).FirstOrDefaultAsync(cancellationToken);
        var card = await db.ModelCardRevisions.AsNoTracking().Where(r => r.ModelId == model.Id).OrderByDescending(r => r.Number)
            .Select(r => new { r.Number, Reviewed = db.ModelCardReviews.Any(v => v.ModelId == model.Id && v.RevisionNumber == r.Number) })
            .FirstOrDefaultAsync(cancellationToken);
        return NextSteps.For(new NextStepFacts(model.Key, model.Team, owner, newest?.Label, fairness, request?.Id, request?.VersionLabel, request?.Status,
            card?.Number, card?.Reviewed ?? false));
    }
}

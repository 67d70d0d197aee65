using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.ModelCards;

/// <summary>The reads the card's service, gate, flag facts and inventory share.</summary>
internal static class CardModels
{
    public static string Link(string modelKey) => $"/models/{Uri.EscapeDataString(modelKey)}?tab=card";

    public static async Task<Model> FindModelAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(key ?? "");
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
    }

    public static Task<Model> FindAsync(PortalDbContext db, string key, CancellationToken cancellationToken) => FindModelAsync(db, key, cancellationToken);

    public static Task<ModelCardRevision?> LatestAsync(PortalDbContext db, int modelId, CancellationToken cancellationToken, DateTime? asOf = null) =>
        db.ModelCardRevisions.AsNoTracking().Where(r => r.ModelId == modelId && (asOf == null || r.CreatedAt <= asOf))
            .OrderByDescending(r => r.Number).FirstOrDefaultAsync(cancellationToken);

    public static async Task<IReadOnlySet<string>> OwnersAsync(PortalDbContext db, int modelId, CancellationToken cancellationToken) =>
        (await db.OwnershipAssignments.AsNoTracking().Where(o => o.ModelId == modelId && o.EndedAt == null).Select(o => o.OwnerSubject)
            .ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);

    public static async Task<CardTemplate> TemplateAsync(PortalDbContext db, RiskTier tier, DateTime moment, CancellationToken cancellationToken) =>
        await db.CardTemplates.AsNoTracking().Where(t => t.RiskTier == tier && t.EffectiveFrom <= moment).OrderByDescending(t => t.Version)
            .FirstOrDefaultAsync(cancellationToken)
        ?? CardTemplate.Default(tier);
}

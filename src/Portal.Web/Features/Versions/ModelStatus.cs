using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Features.Versions;

/// <summary>Keeps a model's lifecycle status in step with its versions' stages, in the transaction that moved a version.</summary>
internal static class ModelStatus
{
    /// <summary>Reads the model and its versions tracked (a version moved in this context keeps its new stage) and lets the model follow them.</summary>
    public static async Task FollowVersionsAsync(PortalDbContext db, int modelId, DateTime now, CancellationToken cancellationToken)
    {
        var model = await db.Models.SingleAsync(m => m.Id == modelId, cancellationToken);
        var versions = await db.ModelVersions.Where(v => v.ModelId == modelId).ToListAsync(cancellationToken);
        model.FollowVersionStages(versions.Select(v => v.Stage), now);
    }
}

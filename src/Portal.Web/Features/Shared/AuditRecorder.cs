using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;

namespace Portal.Web.Features.Shared;

/// <summary>Records audit events that are not entity changes: denials, token uses, exports, verifications.</summary>
public sealed class AuditRecorder(IDbContextFactory<PortalDbContext> dbFactory)
{
    public async Task RecordAsync(Actor actor, string action, string entityType, string entityId, object? details,
        string? modelKey = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        db.Record(new AuditEvent
        {
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = action,
            EntityType = entityType,
            EntityId = AuditEntityIds.Bounded(entityId),
            ModelKey = modelKey,
            After = details is null ? null : JsonSerializer.Serialize(details),
        });
        await db.SaveChangesAsync(cancellationToken);
    }
}

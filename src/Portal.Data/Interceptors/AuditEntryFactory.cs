using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Portal.Domain.Access;
using Portal.Domain.Audit;

namespace Portal.Data.Interceptors;

/// <summary>Turns tracked changes of audited entities into audit events, with values before and after.</summary>
internal static class AuditEntryFactory
{
    private static readonly JsonSerializerOptions Json = new()
    {
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static List<AuditEvent> Collect(PortalDbContext db, DateTime now)
    {
        db.ChangeTracker.DetectChanges();
        RefuseEditsOfTheTrail(db);
        var events = new List<AuditEvent>();
        foreach (var entry in db.ChangeTracker.Entries<IAuditedEntity>())
        {
            if (entry.State == EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"{entry.Entity.AuditEntityType} {entry.Entity.AuditEntityId} cannot be deleted: nothing in the portal is ever deleted, it is retired.");
            }
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                var actor = db.Actor ?? throw new InvalidOperationException("Audited changes need an actor: set PortalDbContext.Actor before saving.");
                events.Add(FromEntry(entry, actor));
            }
        }
        events.AddRange(db.PendingAuditEvents);
        foreach (var audit in events)
        {
            audit.OccurredAt = now;
        }
        return events;
    }

    private static void RefuseEditsOfTheTrail(PortalDbContext db)
    {
        // Events enter the chain only through the interceptor, which seals them first.
        if (db.ChangeTracker.Entries<AuditEvent>().Any(e => e.State != EntityState.Unchanged && e.State != EntityState.Detached))
        {
            throw new InvalidOperationException("The audit trail is append-only and sealed by the portal: events cannot be added, changed or deleted directly.");
        }
    }

    private static AuditEvent FromEntry(EntityEntry<IAuditedEntity> entry, Actor actor)
    {
        var entity = entry.Entity;
        var added = entry.State == EntityState.Added;
        var properties = entry.Properties
            .Where(p => !IsRedacted(p) && !(p.Metadata.IsPrimaryKey() && p.IsTemporary))
            .Where(p => added || p.IsModified)
            .ToList();
        var verb = added ? "Created" : "Updated";
        return new AuditEvent
        {
            ActorId = actor.Id,
            ActorName = actor.Name,
            Action = entity.PendingAuditAction ?? $"{entity.AuditEntityType}.{verb}",
            EntityType = entity.AuditEntityType,
            EntityId = entity.AuditEntityId,
            ModelKey = entity.AuditModelKey,
            Before = added ? null : Serialize(properties, p => p.OriginalValue),
            After = Serialize(properties, p => p.CurrentValue),
        };
    }

    private static bool IsRedacted(PropertyEntry property) =>
        property.Metadata.PropertyInfo?.GetCustomAttribute<AuditRedactedAttribute>() is not null;

    private static string Serialize(List<PropertyEntry> properties, Func<PropertyEntry, object?> value) =>
        JsonSerializer.Serialize(properties.ToDictionary(p => p.Metadata.Name, value), Json);
}

using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Domain.Access;
using Portal.Domain.Audit;

namespace Portal.Data.Interceptors;

/// <summary>
/// Turns tracked changes of audited entities into audit events, with values before and after. Owned
/// records (team members, a version's data sets, hyperparameters and metrics, stored as JSON) are part
/// of their owner's values: a change inside them is a change of the owner.
/// </summary>
internal static class AuditEntryFactory
{
    public static List<AuditEvent> Collect(PortalDbContext db, DateTime now)
    {
        if (db.ChangeTracker.AutoDetectChangesEnabled)
        {
            // PortalDbContext.SaveChangesAsync has detected the changes already and turned this off for the save.
            db.ChangeTracker.DetectChanges();
        }
        RefuseEditsOfTheTrail(db);
        var owned = new OwnedEntries(db);
        var events = new List<AuditEvent>();
        foreach (var entry in db.ChangeTracker.Entries<IAuditedEntity>())
        {
            if (entry.State == EntityState.Deleted)
            {
                throw new InvalidOperationException(
                    $"{entry.Entity.AuditEntityType} {entry.Entity.AuditEntityId} cannot be deleted: nothing in the portal is ever deleted, it is retired.");
            }
            var ownedChanges = owned.Changes(entry, added: entry.State == EntityState.Added);
            if (entry.State is EntityState.Added or EntityState.Modified || ownedChanges.Count > 0)
            {
                var actor = db.Actor ?? throw new InvalidOperationException("Audited changes need an actor: set PortalDbContext.Actor before saving.");
                events.Add(FromEntry(entry, actor, ownedChanges));
            }
        }
        events.AddRange(db.PendingAuditEvents);
        foreach (var audit in events)
        {
            audit.OccurredAt = now;
        }
        return events;
    }

    /// <summary>
    /// The "created" events of new rows that are not tracked, with the values an added entry would record: every property but
    /// redacted ones and the key the database generates. Their type must keep all its values on the entity (no shadow values,
    /// no owned records), since no change tracker holds them.
    /// </summary>
    public static List<AuditEvent> Created<T>(PortalDbContext db, IReadOnlyList<T> rows, DateTime now) where T : class, IAuditedEntity
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not an entity type of the portal.");
        if (type.GetProperties().Any(p => p.IsShadowProperty()) || OwnedEntries.OwnedNavigations(type).Any())
        {
            throw new InvalidOperationException($"{type.DisplayName()} rows keep values outside the entity: save them with SaveChangesAsync.");
        }
        var actor = db.Actor ?? throw new InvalidOperationException("Audited changes need an actor: set PortalDbContext.Actor before saving.");
        var properties = type.GetProperties()
            .Where(p => !IsRedacted(p) && !(p.IsPrimaryKey() && p.ValueGenerated == ValueGenerated.OnAdd))
            .Select(p => (p.Name, Getter: p.GetGetter()))
            .ToArray();
        var events = new List<AuditEvent>(rows.Count);
        var after = new KeyValuePair<string, object?>[properties.Length];
        foreach (var row in rows)
        {
            for (var i = 0; i < properties.Length; i++)
            {
                after[i] = new(properties[i].Name, properties[i].Getter.GetClrValue(row));
            }
            var audit = Event(row, actor, row.PendingAuditAction ?? $"{row.AuditEntityType}.Created", before: null, after);
            audit.OccurredAt = now;
            events.Add(audit);
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

    private static AuditEvent FromEntry(EntityEntry<IAuditedEntity> entry, Actor actor, List<OwnedChange> ownedChanges)
    {
        var entity = entry.Entity;
        var added = entry.State == EntityState.Added;
        var properties = entry.Properties
            .Where(p => !IsRedacted(p.Metadata) && !(p.Metadata.IsPrimaryKey() && p.IsTemporary))
            .Where(p => added || p.IsModified)
            .ToList();
        var verb = added ? "Created" : "Updated";
        var before = added ? null : properties.ToDictionary(p => p.Metadata.Name, p => p.OriginalValue);
        var after = properties.ToDictionary(p => p.Metadata.Name, p => p.CurrentValue);
        foreach (var change in ownedChanges)
        {
            before?[change.Navigation] = change.Before;
            after[change.Navigation] = change.After;
        }
        return Event(entity, actor, entity.PendingAuditAction ?? $"{entity.AuditEntityType}.{verb}", before, after);
    }

    private static AuditEvent Event(IAuditedEntity entity, Actor actor, string action, IEnumerable<KeyValuePair<string, object?>>? before,
        IEnumerable<KeyValuePair<string, object?>> after) => new()
    {
        ActorId = actor.Id,
        ActorName = actor.Name,
        Action = action,
        EntityType = entity.AuditEntityType,
        EntityId = AuditEntityIds.Bounded(entity.AuditEntityId),
        ModelKey = entity.AuditModelKey,
        Before = before is null ? null : AuditValuesJson.Write(before),
        After = AuditValuesJson.Write(after),
    };

    /// <summary>Whether each CLR property is redacted, looked up once: reading attributes by reflection on every save costs more than the save.</summary>
    private static readonly ConcurrentDictionary<PropertyInfo, bool> Redacted = new();

    private static bool IsRedacted(IReadOnlyPropertyBase property) =>
        property.PropertyInfo is { } info
        && Redacted.GetOrAdd(info, static p => p.GetCustomAttribute<AuditRedactedAttribute>() is not null);

    private sealed record OwnedChange(string Navigation, object? Before, object? After);

    /// <summary>
    /// The tracked owned records, found by their owner's key. Removed records are tracked as Deleted and no
    /// longer in the owner's collection, so the values before are read from the tracker, not the navigation.
    /// </summary>
    private sealed class OwnedEntries(PortalDbContext db)
    {
        private readonly ILookup<IEntityType, EntityEntry> byType =
            db.ChangeTracker.Entries().Where(e => e.Metadata.IsOwned()).ToLookup(e => e.Metadata);

        /// <summary>Each owned navigation whose values differ before and after (every one when the owner is added).</summary>
        public List<OwnedChange> Changes(EntityEntry owner, bool added)
        {
            var changes = new List<OwnedChange>();
            foreach (var navigation in OwnedNavigations(owner.Metadata))
            {
                var before = added ? null : Values(owner, navigation, original: true);
                var after = Values(owner, navigation, original: false);
                if (added || JsonSerializer.Serialize(before, AuditValuesJson.Options) != JsonSerializer.Serialize(after, AuditValuesJson.Options))
                {
                    changes.Add(new OwnedChange(navigation.Name, before, after));
                }
            }
            return changes;
        }

        public static IEnumerable<INavigation> OwnedNavigations(IEntityType type) =>
            type.GetNavigations().Where(n => n.ForeignKey.IsOwnership && !n.IsOnDependent && !IsRedacted(n));

        private object? Values(EntityEntry owner, INavigation navigation, bool original)
        {
            var dependents = Dependents(owner, navigation, original)
                .Select(d => Record(d, original))
                .ToList();
            return navigation.IsCollection ? dependents : dependents.FirstOrDefault();
        }

        private IEnumerable<EntityEntry> Dependents(EntityEntry owner, INavigation navigation, bool original)
        {
            var foreignKey = navigation.ForeignKey;
            var ownerKey = foreignKey.PrincipalKey.Properties.Select(p => owner.Property(p.Name).CurrentValue).ToList();
            var ordinal = foreignKey.DeclaringEntityType.FindPrimaryKey()!.Properties.Except(foreignKey.Properties).FirstOrDefault();
            return byType[foreignKey.DeclaringEntityType]
                .Where(d => original ? d.State != EntityState.Added : d.State != EntityState.Deleted)
                .Where(d => foreignKey.Properties.Select(p => Value(d.Property(p.Name), original)).SequenceEqual(ownerKey))
                .OrderBy(d => ordinal is null ? 0 : Value(d.Property(ordinal.Name), original) as int? ?? 0);
        }

        private Dictionary<string, object?> Record(EntityEntry dependent, bool original)
        {
            var values = dependent.Properties
                .Where(p => !p.Metadata.IsShadowProperty() && !p.Metadata.IsKey() && !IsRedacted(p.Metadata))
                .ToDictionary(p => p.Metadata.Name, p => Value(p, original));
            foreach (var navigation in OwnedNavigations(dependent.Metadata))
            {
                values[navigation.Name] = Values(dependent, navigation, original);
            }
            return values;
        }

        private static object? Value(PropertyEntry property, bool original) => original ? property.OriginalValue : property.CurrentValue;
    }
}

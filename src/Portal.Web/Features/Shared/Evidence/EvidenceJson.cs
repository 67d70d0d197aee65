using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Portal.Domain.Audit;

namespace Portal.Web.Features.Shared.Evidence;

/// <summary>
/// How records are written into a package: camelCase, enums as names, timestamps round-trip, and without the audit plumbing
/// of <see cref="IAuditedEntity"/> (which is not the record's content) or navigation collections (a part writes those itself).
/// </summary>
public static class EvidenceJson
{
    private static readonly HashSet<string> Plumbing = new(StringComparer.Ordinal)
    {
        nameof(IAuditedEntity.AuditEntityType), nameof(IAuditedEntity.AuditEntityId), nameof(IAuditedEntity.AuditModelKey),
        nameof(IAuditedEntity.PendingAuditAction),
    };

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { LeaveOutPlumbing } },
    };

    public static void Write<T>(Utf8JsonWriter writer, T value) => JsonSerializer.Serialize(writer, value, Options);

    private static void LeaveOutPlumbing(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }
        var audited = typeof(IAuditedEntity).IsAssignableFrom(type.Type);
        foreach (var property in type.Properties.Where(p => audited && (Plumbing.Contains(p.Name[..1].ToUpperInvariant() + p.Name[1..])
            || (p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(List<>) && IsAudited(p.PropertyType)))).ToList())
        {
            type.Properties.Remove(property);
        }
    }

    private static bool IsAudited(Type listType) => typeof(IAuditedEntity).IsAssignableFrom(listType.GetGenericArguments()[0]);
}

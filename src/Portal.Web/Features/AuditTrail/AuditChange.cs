using System.Text.Json;

namespace Portal.Web.Features.AuditTrail;

/// <summary>One field of an audit event: its value before and after, as text a person reads.</summary>
public sealed record AuditChange(string Field, string? Before, string? After)
{
    /// <summary>Pairs the fields of the before and after JSON objects; anything that is not an object is shown whole.</summary>
    public static IReadOnlyList<AuditChange> From(string? before, string? after)
    {
        var beforeValues = Fields(before);
        var afterValues = Fields(after);
        return beforeValues.Keys.Union(afterValues.Keys)
            .Select(field => new AuditChange(field, beforeValues.GetValueOrDefault(field), afterValues.GetValueOrDefault(field)))
            .ToList();
    }

    private static Dictionary<string, string?> Fields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => Display(p.Value))
                : new Dictionary<string, string?> { ["value"] = json };
        }
        catch (JsonException)
        {
            return new Dictionary<string, string?> { ["value"] = json };
        }
    }

    private static string? Display(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Array => string.Join(", ", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
        _ => value.GetRawText(),
    };
}

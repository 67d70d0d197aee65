using System.Text.Json;
using Humanizer;

namespace Portal.Web.Features.AuditTrail;

/// <summary>
/// One field of an audit event: its value before and after, as text a person reads. A list of records
/// (team members, hyperparameters, metrics) is shown as what was added, removed and changed in it
/// (<see cref="Details"/>), such as "added Mona (Manager)".
/// </summary>
public sealed record AuditChange(string Field, string? Before, string? After, IReadOnlyList<string>? Details = null)
{
    /// <summary>Pairs the fields of the before and after JSON objects; anything that is not an object is shown whole.</summary>
    public static IReadOnlyList<AuditChange> From(string? before, string? after)
    {
        var beforeValues = Fields(before);
        var afterValues = Fields(after);
        return beforeValues.Keys.Union(afterValues.Keys)
            .Select(field => Change(field, beforeValues.GetValueOrDefault(field), afterValues.GetValueOrDefault(field)))
            .ToList();
    }

    /// <summary>
    /// The fields that hold a value before or after: what a person reads as the event's changes. The database's own
    /// numbers for records (ModelId: 12) mean nothing to a person and stay in the export only.
    /// </summary>
    public static IReadOnlyList<AuditChange> Recorded(string? before, string? after) =>
        [.. From(before, after).Where(c => (c.Before is not null || c.After is not null) && !IsRecordNumber(c))];

    private static bool IsRecordNumber(AuditChange change) =>
        (change.Field == "Id" || change.Field.EndsWith("Id", StringComparison.Ordinal))
        && long.TryParse(change.After ?? change.Before, System.Globalization.CultureInfo.InvariantCulture, out _);

    /// <summary>"Risk tier, Team and 2 more": the changed fields named in one line, for a list of events.</summary>
    public static string Summary(string? before, string? after, int named = 3)
    {
        if (before is null)
        {
            return Recorded(before, after) is { Count: > 0 } values ? $"{"value".ToQuantity(values.Count)} recorded" : "";
        }
        var fields = Recorded(before, after).Where(c => c.Before != c.After || c.Details is { Count: > 0 }).Select(c => AuditWords.Field(c.Field)).ToList();
        return fields.Count <= named
            ? string.Join(", ", fields)
            : $"{string.Join(", ", fields.Take(named))} and {fields.Count - named} more";
    }

    private static AuditChange Change(string field, JsonElement? before, JsonElement? after)
    {
        if (IsRecordList(before) || IsRecordList(after))
        {
            var details = NestedRecords.Differences(Records(before), Records(after));
            return new AuditChange(field, Display(before), Display(after), details);
        }
        return new AuditChange(field, Display(before), Display(after));
    }

    private static Dictionary<string, JsonElement?> Fields(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => (JsonElement?)p.Value.Clone())
                : new Dictionary<string, JsonElement?> { ["value"] = JsonSerializer.SerializeToElement(json) };
        }
        catch (JsonException)
        {
            return new Dictionary<string, JsonElement?> { ["value"] = JsonSerializer.SerializeToElement(json) };
        }
    }

    private static bool IsRecordList(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Array } array && array.GetArrayLength() > 0 && array.EnumerateArray().All(e => e.ValueKind == JsonValueKind.Object);

    private static IReadOnlyList<JsonElement> Records(JsonElement? value) =>
        value is { ValueKind: JsonValueKind.Array } array ? [.. array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object)] : [];

    private static string? Display(JsonElement? value) => value switch
    {
        null => null,
        { ValueKind: JsonValueKind.Null } => null,
        { ValueKind: JsonValueKind.String } text => AuditWords.Value(text.GetString() ?? ""),
        { ValueKind: JsonValueKind.Array } array => string.Join(", ", array.EnumerateArray().Select(NestedRecords.Describe)),
        { ValueKind: JsonValueKind.Object } record => NestedRecords.DescribeFields(record),
        { } other => other.GetRawText(),
    };
}

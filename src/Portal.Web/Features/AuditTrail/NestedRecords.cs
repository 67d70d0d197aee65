using System.Text.Json;

namespace Portal.Web.Features.AuditTrail;

/// <summary>
/// Reads the owned records inside an audit event's values (team members, a version's data sets,
/// hyperparameters and metrics) the way a person would: a record is named by its name, key or address,
/// identified by its subject or key, and a flag such as <c>IsManager: true</c> reads "Manager".
/// </summary>
internal static class NestedRecords
{
    private static readonly string[] LabelFields = ["Name", "Key", "Label", "Uri"];
    private static readonly string[] IdentityFields = ["Subject", "Key", "Id", "Name", "Uri"];

    /// <summary>"added …", "removed …" and "… : field before → after", in the order of the records after the change.</summary>
    public static IReadOnlyList<string> Differences(IReadOnlyList<JsonElement> before, IReadOnlyList<JsonElement> after)
    {
        var lines = new List<string>();
        var earlier = before.ToDictionary(Identity, r => r, StringComparer.Ordinal);
        foreach (var record in after)
        {
            if (!earlier.Remove(Identity(record), out var previous))
            {
                lines.Add($"added {Describe(record)}");
                continue;
            }
            var changed = FieldChanges(previous, record);
            if (changed.Count > 0)
            {
                lines.Add($"{Label(record)}: {string.Join(", ", changed)}");
            }
        }
        lines.AddRange(earlier.Values.Select(r => $"removed {Describe(r)}"));
        return lines;
    }

    /// <summary>"Mona (Manager)", "learning_rate (Float, 0.1)".</summary>
    public static string Describe(JsonElement record)
    {
        if (record.ValueKind != JsonValueKind.Object)
        {
            return record.ValueKind == JsonValueKind.String ? record.GetString() ?? "" : record.GetRawText();
        }
        var label = Label(record);
        var extras = record.EnumerateObject()
            .Where(p => p.Name != LabelField(record) && p.Name != IdentityField(record))
            .Select(Extra)
            .Where(e => e is not null)
            .ToList();
        return extras.Count == 0 ? label : $"{label} ({string.Join(", ", extras)})";
    }

    /// <summary>An owned record on its own (a data set): "Uri: …, Sha256: …".</summary>
    public static string DescribeFields(JsonElement record) =>
        string.Join(", ", record.EnumerateObject().Select(p => $"{AuditWords.Field(p.Name)}: {Text(p.Value)}"));

    private static List<string> FieldChanges(JsonElement before, JsonElement after)
    {
        var earlier = before.EnumerateObject().ToDictionary(p => p.Name, p => Text(p.Value));
        return [.. after.EnumerateObject()
            .Where(p => earlier.GetValueOrDefault(p.Name) != Text(p.Value))
            .Select(p => $"{AuditWords.Field(p.Name)} {earlier.GetValueOrDefault(p.Name) ?? "—"} → {Text(p.Value)}")];
    }

    private static string? Extra(JsonProperty property) => property.Value.ValueKind switch
    {
        JsonValueKind.True => property.Name.StartsWith("Is", StringComparison.Ordinal) ? property.Name[2..] : property.Name,
        JsonValueKind.False or JsonValueKind.Null => null,
        _ => Text(property.Value),
    };

    private static string Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => AuditWords.Value(value.GetString() ?? ""),
        JsonValueKind.Object => DescribeFields(value),
        _ => value.GetRawText(),
    };

    private static string Label(JsonElement record) => LabelField(record) is { } field ? Text(record.GetProperty(field)) : DescribeFields(record);

    private static string Identity(JsonElement record) => IdentityField(record) is { } field ? Text(record.GetProperty(field)) : record.GetRawText();

    private static string? LabelField(JsonElement record) => LabelFields.FirstOrDefault(f => record.TryGetProperty(f, out _));

    private static string? IdentityField(JsonElement record) => IdentityFields.FirstOrDefault(f => record.TryGetProperty(f, out _));
}

using System.Text;
using System.Text.Json;

namespace Portal.Domain.PointInTime;

/// <summary>
/// Reads the values an audit event recorded (the interceptor's JSON object of changed properties) as text, keeping only
/// the properties asked for: a bulk read of a large inventory parses hundreds of thousands of these.
/// </summary>
public static class AuditValues
{
    public static IReadOnlyDictionary<string, string?>? Read(string? json, IReadOnlySet<string> wanted)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }
        var values = new Dictionary<string, string?>(StringComparer.Ordinal);
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            return values;
        }
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            if (!wanted.Contains(name))
            {
                reader.Skip();
                continue;
            }
            values[name] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString(),
                JsonTokenType.Null => null,
                JsonTokenType.StartObject or JsonTokenType.StartArray => Skipped(ref reader),
                _ => Encoding.UTF8.GetString(reader.ValueSpan),
            };
        }
        return values;
    }

    private static string? Skipped(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return null;
    }
}

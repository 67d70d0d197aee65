using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Domain.Audits;

/// <summary>
/// A record of the portal as it read when someone linked it as evidence: what kind of record, the reference that names it, a
/// title, a link to the record, its content as JSON, when it was captured and the SHA-256 of that JSON (UTF-8), so that a
/// later reader can check the snapshot is the one captured.
/// </summary>
public sealed record EvidenceSnapshot(string Kind, string Reference, string Title, string Link, string ContentJson, DateTime CapturedAt, string Sha256)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    /// <summary>Serializes <paramref name="content"/> (camelCase, enums by name) and hashes it.</summary>
    public static EvidenceSnapshot Capture(string kind, string reference, string title, string link, object content, DateTime capturedAt)
    {
        var json = JsonSerializer.Serialize(content, Json);
        return new(kind, reference, title, link, json, capturedAt, HashOf(json));
    }

    public static string HashOf(string json) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(json)));

    /// <summary>Whether the content still hashes to the SHA-256 captured with it.</summary>
    public bool IsIntact => HashOf(ContentJson) == Sha256;
}

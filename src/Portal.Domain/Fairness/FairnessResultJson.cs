using System.Text.Json;

namespace Portal.Domain.Fairness;

/// <summary>How stored results are written: camelCase JSON, doubles round-tripping exactly.</summary>
public static class FairnessResultJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static FairnessResult DeserializeResult(string json) =>
        JsonSerializer.Deserialize<FairnessResult>(json, Options) ?? throw new InvalidOperationException("Stored fairness results are empty.");

    public static IReadOnlyList<FailedCheck> DeserializeFailures(string json) =>
        JsonSerializer.Deserialize<List<FailedCheck>>(json, Options) ?? [];
}

using System.Text.Json;
using Portal.Domain.Versions;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Versions;

/// <summary>A data set reference as the API takes it: <c>{"uri": "...", "sha256": "..."}</c>.</summary>
public sealed record DataSetRequest(string? Uri, string? Sha256);

/// <summary>
/// A hyperparameter or metric as the API takes it. The value may be sent as JSON text, number or
/// boolean, because pipelines write what their language gives them; it is stored as invariant text.
/// </summary>
public sealed record TypedValueRequest(string? Key, string? Type, JsonElement? Value);

/// <summary>Body of <c>POST /api/v1/models/{key}/versions</c>.</summary>
public sealed record RegisterVersionRequest(
    string? Label,
    DataSetRequest? TrainingData,
    DataSetRequest? EvaluationData,
    string? CodeRepository,
    string? CodeCommit,
    List<TypedValueRequest?>? Hyperparameters,
    List<TypedValueRequest?>? Metrics,
    string? ArtifactUri,
    string? Notes);

/// <summary>Body of <c>PUT /api/v1/models/{key}/versions/{label}/stage</c>; <c>revision</c> is the one read, so a stale move is refused.</summary>
public sealed record SetStageRequest(string? Stage, int? Revision);

internal static class VersionRequestParsing
{
    public static VersionDetails ToDetails(RegisterVersionRequest request) => new(
        request.Label ?? "",
        DataSet(request.TrainingData),
        DataSet(request.EvaluationData),
        request.CodeRepository,
        request.CodeCommit,
        Values(request.Hyperparameters),
        Values(request.Metrics),
        request.ArtifactUri,
        request.Notes);

    public static (VersionStage Stage, int Revision) ToStageMove(SetStageRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        var stage = VersionStage.None;
        var names = string.Join(", ", Enum.GetNames<VersionStage>().Where(n => n != nameof(VersionStage.None)));
        if (string.IsNullOrWhiteSpace(request.Stage)
            || int.TryParse(request.Stage, out _)
            || !Enum.TryParse(request.Stage.Trim(), ignoreCase: true, out stage)
            || !Enum.IsDefined(stage))
        {
            errors["stage"] = [$"'{request.Stage}' is not a stage; use one of {names}."];
        }
        if (request.Revision is null)
        {
            errors["revision"] = ["The revision you read is required, so that a move based on stale data is refused."];
        }
        return errors.Count > 0 ? throw new InputRejectedException(errors) : (stage, request.Revision!.Value);
    }

    private static DataSetReference? DataSet(DataSetRequest? data) =>
        data is null || (string.IsNullOrWhiteSpace(data.Uri) && string.IsNullOrWhiteSpace(data.Sha256))
            ? null
            : new DataSetReference(data.Uri ?? "", data.Sha256 ?? "");

    // A null entry becomes an entry without a key, so the rules report it by its row rather than the request failing whole.
    private static List<TypedValue> Values(List<TypedValueRequest?>? values) =>
        [.. (values ?? []).Select(v => new TypedValue(v?.Key ?? "", v?.Type?.Trim().ToLowerInvariant() ?? "", Text(v?.Value)))];

    private static string Text(JsonElement? value) => value switch
    {
        null => "",
        { ValueKind: JsonValueKind.String } text => text.GetString() ?? "",
        { ValueKind: JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False } raw => raw.GetRawText(),
        { ValueKind: JsonValueKind.Null or JsonValueKind.Undefined } => "",
        { } other => other.GetRawText(),
    };
}

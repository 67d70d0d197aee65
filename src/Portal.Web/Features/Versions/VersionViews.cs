using Portal.Domain.Versions;

namespace Portal.Web.Features.Versions;

/// <summary>A version with its full lineage, as pages and the API show it.</summary>
public sealed record VersionView(
    string ModelKey,
    string Label,
    DataSetReference? TrainingData,
    DataSetReference? EvaluationData,
    string? CodeRepository,
    string? CodeCommit,
    IReadOnlyList<TypedValue> Hyperparameters,
    IReadOnlyList<TypedValue> Metrics,
    string? ArtifactUri,
    string? Notes,
    VersionStage Stage,
    DateTime RegisteredAt,
    string RegisteredBy,
    DateTime? StageChangedAt,
    string? StageChangedBy,
    int Revision)
{
    public static VersionView From(ModelVersion v) => new(v.ModelKey, v.Label, v.TrainingData, v.EvaluationData, v.CodeRepository, v.CodeCommit,
        [.. v.Hyperparameters], [.. v.Metrics], v.ArtifactUri, v.Notes, v.Stage, v.RegisteredAt, v.RegisteredBy, v.StageChangedAt, v.StageChangedBy, v.Revision);
}

/// <summary>The result of a stage move: the version moved, and the labels of the versions it archived on the way.</summary>
public sealed record StageChangeResult(VersionView Version, IReadOnlyList<string> ArchivedLabels);

namespace Portal.Domain.Versions;

/// <summary>What a person or pipeline supplies to register a version. Nothing of it can change afterwards.</summary>
public sealed record VersionDetails(
    string Label,
    DataSetReference? TrainingData,
    DataSetReference? EvaluationData,
    string? CodeRepository,
    string? CodeCommit,
    IReadOnlyList<TypedValue> Hyperparameters,
    IReadOnlyList<TypedValue> Metrics,
    string? ArtifactUri,
    string? Notes);

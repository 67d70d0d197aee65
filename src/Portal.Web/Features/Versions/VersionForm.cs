using Portal.Domain.Versions;

namespace Portal.Web.Features.Versions;

/// <summary>The fields of the register-version form; hyperparameters and metrics are edited as rows.</summary>
public sealed class VersionForm
{
    public string Label { get; set; } = "";
    public string TrainingUri { get; set; } = "";
    public string TrainingSha256 { get; set; } = "";
    public string EvaluationUri { get; set; } = "";
    public string EvaluationSha256 { get; set; } = "";
    public string CodeRepository { get; set; } = "";
    public string CodeCommit { get; set; } = "";
    public string ArtifactUri { get; set; } = "";
    public string Notes { get; set; } = "";
    public List<TypedValueRow> Hyperparameters { get; } = [];
    public List<TypedValueRow> Metrics { get; } = [];

    public VersionDetails ToDetails() => new(
        Label,
        DataSet(TrainingUri, TrainingSha256),
        DataSet(EvaluationUri, EvaluationSha256),
        CodeRepository,
        CodeCommit,
        Values(Hyperparameters),
        Values(Metrics),
        ArtifactUri,
        Notes);

    private static DataSetReference? DataSet(string uri, string sha256) =>
        string.IsNullOrWhiteSpace(uri) && string.IsNullOrWhiteSpace(sha256) ? null : new DataSetReference(uri, sha256);

    // A row left entirely empty is a row the person added and did not use, not a mistake to report.
    private static List<TypedValue> Values(List<TypedValueRow> rows) =>
        [.. rows.Where(r => !(string.IsNullOrWhiteSpace(r.Key) && string.IsNullOrWhiteSpace(r.Value))).Select(r => new TypedValue(r.Key, r.Type, r.Value))];
}

/// <summary>One editable hyperparameter or metric row.</summary>
public sealed class TypedValueRow
{
    public string Key { get; set; } = "";
    public string Type { get; set; } = TypedValue.Number;
    public string Value { get; set; } = "";
}

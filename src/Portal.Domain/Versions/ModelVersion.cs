using Portal.Domain.Audit;

namespace Portal.Domain.Versions;

/// <summary>
/// An immutable trained artifact with its lineage. Only its stage moves (through releases, or an Admin
/// until releases exist); a correction is a new version.
/// </summary>
public sealed class ModelVersion : IAuditedEntity
{
    public int Id { get; private set; }
    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public string Label { get; private set; } = "";
    public DataSetReference? TrainingData { get; private set; }
    public DataSetReference? EvaluationData { get; private set; }
    public string? CodeRepository { get; private set; }
    public string? CodeCommit { get; private set; }
    public List<TypedValue> Hyperparameters { get; private set; } = [];
    public List<TypedValue> Metrics { get; private set; } = [];
    public string? ArtifactUri { get; private set; }
    public string? Notes { get; private set; }
    public DateTime RegisteredAt { get; private set; }
    public string RegisteredBy { get; private set; } = "";
    public VersionStage Stage { get; private set; }
    public DateTime? StageChangedAt { get; private set; }
    public string? StageChangedBy { get; private set; }
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "ModelVersion";
    public string AuditEntityId => $"{ModelKey}@{Label}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public static ModelVersion Register(int modelId, string modelKey, VersionDetails details, string registeredBy, DateTime now) => new()
    {
        ModelId = modelId,
        ModelKey = modelKey,
        Label = details.Label.Trim(),
        TrainingData = Normalize(details.TrainingData),
        EvaluationData = Normalize(details.EvaluationData),
        CodeRepository = Blank(details.CodeRepository),
        CodeCommit = Blank(details.CodeCommit)?.ToLowerInvariant(),
        Hyperparameters = [.. details.Hyperparameters.Select(v => v with { Key = v.Key.Trim(), Value = v.Value.Trim() })],
        Metrics = [.. details.Metrics.Select(v => v with { Key = v.Key.Trim(), Value = v.Value.Trim() })],
        ArtifactUri = Blank(details.ArtifactUri),
        Notes = Blank(details.Notes),
        RegisteredAt = now,
        RegisteredBy = registeredBy,
        Stage = VersionStage.None,
        PendingAuditAction = "Version.Registered",
    };

    public void MoveToStage(VersionStage stage, string changedBy, DateTime now)
    {
        if (stage == Stage)
        {
            throw new InvalidOperationException($"Version {Label} is already in {Stage}.");
        }
        Stage = stage;
        StageChangedAt = now;
        StageChangedBy = changedBy;
        Revision++;
        PendingAuditAction = "Version.StageChanged";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static DataSetReference? Normalize(DataSetReference? reference) =>
        reference is null || string.IsNullOrWhiteSpace(reference.Uri) ? null : new(reference.Uri.Trim(), reference.Sha256.Trim().ToLowerInvariant());
}

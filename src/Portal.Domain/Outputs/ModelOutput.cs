using Portal.Domain.Audit;

namespace Portal.Domain.Outputs;

/// <summary>
/// What a model version produced (batch predictions, scores, explanations): its schema with column tags and its
/// classification, and either the data itself in the outputs store (checksummed) or a reference to where it lives, in
/// which case only its metadata and access log are governed here.
/// </summary>
public sealed class ModelOutput : IAuditedEntity
{
    public int Id { get; private set; }
    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public int VersionId { get; private set; }
    public string VersionLabel { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public DateTime ProducedAt { get; private set; }
    public OutputClassification Classification { get; private set; }
    public List<OutputColumn> Columns { get; private set; } = [];
    public long RowCount { get; private set; }
    public ScoreRange? ExpectedScoreRange { get; private set; }

    /// <summary>Values of the score column outside <see cref="ExpectedScoreRange"/>, counted as the data came in; null when not checked.</summary>
    public long? OutOfRangeCount { get; private set; }

    public string? OutOfRangeExample { get; private set; }
    public OutputFormat? Format { get; private set; }

    /// <summary>The outputs store's key of the data; null for an external reference.</summary>
    public string? StorageKey { get; private set; }

    public long? SizeBytes { get; private set; }
    public string? Sha256 { get; private set; }
    public string? ExternalReference { get; private set; }
    public string RegisteredBy { get; private set; } = "";
    public DateTime RegisteredAt { get; private set; }
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "ModelOutput";
    public string AuditEntityId => $"{ModelKey}@{VersionLabel}/{Name}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public bool IsStored => StorageKey is not null;

    public static ModelOutput Register(int modelId, string modelKey, int versionId, string versionLabel, OutputDetails details,
        OutputData data, string registeredBy, DateTime now) => new()
    {
        ModelId = modelId,
        ModelKey = modelKey,
        VersionId = versionId,
        VersionLabel = versionLabel,
        Name = details.Name.Trim(),
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim(),
        ProducedAt = details.ProducedAt,
        Classification = details.Classification,
        Columns = [.. details.Columns.Select(c => c with { Name = c.Name.Trim(), Tags = [.. c.Tags.Select(OutputTags.Normalize).Distinct()] })],
        RowCount = data.RowCount,
        ExpectedScoreRange = details.ExpectedScoreRange,
        Format = data.Format,
        StorageKey = data.StorageKey,
        SizeBytes = data.SizeBytes,
        Sha256 = data.Sha256,
        ExternalReference = data.ExternalReference,
        RegisteredBy = registeredBy,
        RegisteredAt = now,
        PendingAuditAction = "Output.Registered",
    };

    public OutputColumn? Column(string name) => Columns.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.Ordinal));

    /// <summary>Keeps what <see cref="ScoreRangeCheck"/> found in the stored data, for the out-of-range flag.</summary>
    public void RecordRangeCheck(ScoreRangeFinding finding)
    {
        OutOfRangeCount = finding.OutOfRange;
        OutOfRangeExample = finding.Example;
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

/// <summary>What the person or pipeline declares about an output.</summary>
public sealed record OutputDetails(
    string Name,
    string? Description,
    DateTime ProducedAt,
    OutputClassification Classification,
    IReadOnlyList<OutputColumn> Columns,
    long? RowCount,
    ScoreRange? ExpectedScoreRange);

/// <summary>Where the data is: stored here (key, size, checksum, counted rows) or referenced elsewhere (declared rows).</summary>
public sealed record OutputData(OutputFormat? Format, string? StorageKey, long? SizeBytes, string? Sha256, string? ExternalReference, long RowCount)
{
    public static OutputData Stored(OutputFormat format, string key, long size, string sha256, long rows) => new(format, key, size, sha256, null, rows);

    public static OutputData Referenced(string reference, long rows) => new(null, null, null, null, reference, rows);
}

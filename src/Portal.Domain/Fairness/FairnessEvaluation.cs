using Portal.Domain.Audit;
using Portal.Domain.Inventory;

namespace Portal.Domain.Fairness;

/// <summary>Computed by the portal from predictions, or imported from figures a pipeline computed itself.</summary>
public enum EvaluationSource
{
    Computed,
    Imported,
}

/// <summary>
/// One fairness evaluation of one model version: its figures (stored whole as JSON, with a SHA-256 of them
/// in the audit trail), and the verdict against the tier's policy version in force when it was made.
/// Immutable once recorded; a new evaluation supersedes it.
/// </summary>
public sealed class FairnessEvaluation : IAuditedEntity
{
    /// <summary>The uploaded file's name as kept (a path's usual limit).</summary>
    public const int FileNameMaxLength = 260;

    /// <summary>The mapping as kept (<see cref="FairnessMapping.Describe"/>).</summary>
    public const int MappingMaxLength = 2000;

    /// <summary>Why an uploaded file's name cannot be kept, or null.</summary>
    public static string? FileNameProblem(string fileName) =>
        fileName.Length > FileNameMaxLength ? $"The file name is at most {FileNameMaxLength} characters."
        : fileName.Any(char.IsControl) ? "The file name cannot hold control characters."
        : null;

    public int Id { get; private set; }
    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public int VersionId { get; private set; }
    public string VersionLabel { get; private set; } = "";
    public EvaluationSource Source { get; private set; }
    public List<string> SensitiveFeatures { get; private set; } = [];
    public long RowCount { get; private set; }
    public string? FileName { get; private set; }
    public string? Mapping { get; private set; }

    [AuditRedacted]
    public string ResultsJson { get; private set; } = "";

    public string ResultsSha256 { get; private set; } = "";
    public DateTime EvaluatedAt { get; private set; }
    public string EvaluatedBy { get; private set; } = "";
    public RiskTier RiskTier { get; private set; }
    public int PolicyVersion { get; private set; }
    public bool Passed { get; private set; }

    [AuditRedacted]
    public string FailuresJson { get; private set; } = "[]";

    /// <summary>An imported evaluation counts for the release gate only once a ComplianceReviewer (a person) vouched for it.</summary>
    public string? AttestedBy { get; private set; }

    public string? AttestedByName { get; private set; }
    public DateTime? AttestedAt { get; private set; }
    public string? AttestationReason { get; private set; }

    public bool IsAttested => AttestedAt is not null;

    /// <summary>Whether the release gate may count this evaluation's figures: computed here, or imported and attested.</summary>
    public bool IsTrusted => Source == EvaluationSource.Computed || IsAttested;

    public int Revision { get; private set; } = 1;

    public const int AttestationReasonMaxLength = 1000;

    public string AuditEntityType => "FairnessEvaluation";
    public string AuditEntityId => $"{ModelKey}@{VersionLabel}#{EvaluatedAt:O}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public static FairnessEvaluation Record(EvaluationSubject subject, FairnessResult result, EvaluationSource source, FairnessPolicy policy,
        string? fileName, string? mapping, string evaluatedBy, DateTime now)
    {
        var verdict = FairnessJudgement.Judge(result, policy.Thresholds);
        var json = FairnessResultJson.Serialize(result);
        return new FairnessEvaluation
        {
            ModelId = subject.ModelId,
            ModelKey = subject.ModelKey,
            VersionId = subject.VersionId,
            VersionLabel = subject.VersionLabel,
            Source = source,
            SensitiveFeatures = [.. result.SensitiveColumns],
            RowCount = result.Overall.Count,
            FileName = fileName,
            Mapping = mapping,
            ResultsJson = json,
            ResultsSha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))),
            EvaluatedAt = now,
            EvaluatedBy = evaluatedBy,
            RiskTier = subject.RiskTier,
            PolicyVersion = policy.Version,
            Passed = verdict.Passed,
            FailuresJson = FairnessResultJson.Serialize(verdict.Failures),
            PendingAuditAction = source == EvaluationSource.Computed ? "Fairness.Computed" : "Fairness.Imported",
        };
    }

    /// <summary>Where the figures came from, in words: "computed here", "imported (not attested)", "imported and attested by Rita on 2026-03-01".</summary>
    public string SourceDescription() => Source == EvaluationSource.Computed ? "computed here"
        : AttestedAt is { } at ? $"imported and attested by {AttestedByName} on {at.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}"
        : "imported (not attested)";

    /// <summary>Null when the person may attest this evaluation; otherwise why not (separation of duties: not an owner of the model).</summary>
    public string? AttestationProblem(string attesterId, IReadOnlySet<string> modelOwners, string? reason)
    {
        if (Source != EvaluationSource.Imported)
        {
            return "Only imported evaluations are attested; this one was computed by the portal from the predictions.";
        }
        if (IsAttested)
        {
            return $"This evaluation was already attested by {AttestedByName}.";
        }
        if (modelOwners.Contains(attesterId))
        {
            return $"Separation of duties: you own {ModelKey}, so you cannot attest its fairness evidence.";
        }
        return string.IsNullOrWhiteSpace(reason) ? "An attestation needs a reason (what you checked)."
            : reason.Trim().Length > AttestationReasonMaxLength ? $"The reason is at most {AttestationReasonMaxLength} characters." : null;
    }

    /// <summary>A reviewer vouches for imported figures; audited, with who, when and why.</summary>
    public void Attest(string attesterId, string attesterName, string reason, DateTime now)
    {
        AttestedBy = attesterId;
        AttestedByName = attesterName;
        AttestedAt = now;
        AttestationReason = reason.Trim();
        Revision++;
        PendingAuditAction = "Fairness.Attested";
    }

    public FairnessResult Results() => FairnessResultJson.DeserializeResult(ResultsJson);

    public IReadOnlyList<FailedCheck> Failures() => FairnessResultJson.DeserializeFailures(FailuresJson);

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

/// <summary>The model version an evaluation is of, with the model's risk tier at that moment.</summary>
public sealed record EvaluationSubject(int ModelId, string ModelKey, RiskTier RiskTier, int VersionId, string VersionLabel);

using Portal.Domain.Audit;

namespace Portal.Domain.Outputs;

/// <summary>Who reads an output of a classification without a grant. None means grants only.</summary>
[Flags]
public enum OutputAudience
{
    None = 0,

    /// <summary>Anyone with a portal role, since every role reads models.</summary>
    AnyReader = 1,
    Owners = 2,
    Team = 4,
    ComplianceReviewer = 8,
    Auditor = 16,
    Admin = 32,
}

/// <summary>Ordered from weakest to strongest: when two tags of a column mask it differently, the strongest applies.</summary>
public enum MaskingFunction
{
    LastFour,
    Hash,
    Redact,
    Null,
}

public sealed record ClassificationRule(OutputClassification Classification, OutputAudience Readers);

public sealed record TagMask(string Tag, MaskingFunction Function);

/// <summary>
/// The attribute-based policy for every output: who reads each classification without a grant, and how each tag's columns
/// are masked unless a grant unmasks the tag. Versioned like the other policies: a change is a new version in force from its
/// moment on; version 0 is the built-in default. A classification without a rule is readable by grant only (fail closed).
/// </summary>
public sealed class OutputPolicy : IAuditedEntity
{
    public const int ReasonMaxLength = 1000;

    public int Id { get; private set; }
    public int Version { get; private set; }
    public List<ClassificationRule> Readers { get; private set; } = [];
    public List<TagMask> Masks { get; private set; } = [];
    public DateTime EffectiveFrom { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public string? Reason { get; private set; }

    public string AuditEntityType => "OutputPolicy";
    public string AuditEntityId => $"v{Version}";
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public static OutputPolicy Default() => new()
    {
        Version = 0,
        Readers =
        [
            new(OutputClassification.Public, OutputAudience.AnyReader),
            new(OutputClassification.Internal, OutputAudience.Owners | OutputAudience.Team | OutputAudience.ComplianceReviewer | OutputAudience.Auditor),
            new(OutputClassification.Confidential, OutputAudience.Owners | OutputAudience.ComplianceReviewer),
            new(OutputClassification.Restricted, OutputAudience.ComplianceReviewer),
        ],
        Masks =
        [
            new(OutputTags.Pii, MaskingFunction.Hash),
            new(OutputTags.Sensitive, MaskingFunction.Redact),
            new(OutputTags.Financial, MaskingFunction.LastFour),
        ],
        EffectiveFrom = DateTime.MinValue,
        ChangedBy = "Portal default",
    };

    public OutputAudience ReadersOf(OutputClassification classification) =>
        Readers.FirstOrDefault(r => r.Classification == classification)?.Readers ?? OutputAudience.None;

    /// <summary>The strongest masking function of <paramref name="tags"/>, leaving out those in <paramref name="unmasked"/>; null when none masks.</summary>
    public MaskingFunction? MaskFor(IEnumerable<string> tags, Func<string, bool> unmasked)
    {
        MaskingFunction? strongest = null;
        foreach (var tag in tags)
        {
            if (unmasked(tag))
            {
                continue;
            }
            foreach (var mask in Masks)
            {
                if (mask.Tag == tag && (strongest is null || mask.Function > strongest))
                {
                    strongest = mask.Function;
                }
            }
        }
        return strongest;
    }

    public OutputPolicy Next(IReadOnlyList<ClassificationRule> readers, IReadOnlyList<TagMask> masks, string changedBy, string? reason, DateTime now) => new()
    {
        Version = Version + 1,
        Readers = [.. readers],
        Masks = [.. masks.Select(m => m with { Tag = OutputTags.Normalize(m.Tag) })],
        EffectiveFrom = now,
        ChangedBy = changedBy,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        PendingAuditAction = "OutputPolicy.Changed",
    };

    /// <summary>What an Admin's change must satisfy.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<ClassificationRule>? readers, IReadOnlyList<TagMask>? masks, string? reason,
        IReadOnlySet<string> knownTags)
    {
        var errors = new Dictionary<string, string[]>();
        if (readers is null || readers.Any(r => !Enum.IsDefined(r.Classification) || (r.Readers & ~AllAudiences) != 0)
            || readers.Select(r => r.Classification).Distinct().Count() != readers.Count)
        {
            errors["readers"] = ["One rule per classification, each naming known audiences (AnyReader, Owners, Team, ComplianceReviewer, Auditor, Admin)."];
        }
        if (masks is null || masks.Any(m => m.Tag is null || !knownTags.Contains(OutputTags.Normalize(m.Tag)) || !Enum.IsDefined(m.Function))
            || masks.Select(m => OutputTags.Normalize(m.Tag ?? "")).Distinct().Count() != masks.Count)
        {
            errors["masks"] = ["At most one mask per defined tag, each with a function (Redact, Hash, LastFour, Null)."];
        }
        if (reason?.Trim().Length > ReasonMaxLength || QueryText.HasControlCharacter(reason))
        {
            errors["reason"] = [$"The reason is at most {ReasonMaxLength} characters without control characters."];
        }
        return errors;
    }

    private const OutputAudience AllAudiences = OutputAudience.AnyReader | OutputAudience.Owners | OutputAudience.Team
        | OutputAudience.ComplianceReviewer | OutputAudience.Auditor | OutputAudience.Admin;

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

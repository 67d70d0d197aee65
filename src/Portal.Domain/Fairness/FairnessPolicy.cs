using Portal.Domain.Audit;
using Portal.Domain.Inventory;

namespace Portal.Domain.Fairness;

/// <summary>
/// The fairness thresholds of one risk tier, versioned: a change is a new version in force from its moment
/// on, and earlier versions stay, so that every evaluation is judged against the policy in force when it
/// was made. Version 0 is the portal's built-in default, in force until a reviewer sets the tier's own.
/// </summary>
public sealed class FairnessPolicy : IAuditedEntity
{
    public const int ReasonMaxLength = 1000;

    /// <summary>Why a change's reason cannot be kept, or null (a reason is optional).</summary>
    public static string? ReasonProblem(string? reason) =>
        reason?.Trim().Length > ReasonMaxLength ? $"The reason is at most {ReasonMaxLength} characters." : null;

    public int Id { get; private set; }
    public RiskTier RiskTier { get; private set; }
    public int Version { get; private set; }
    public double MinDemographicParityRatio { get; private set; }
    public double MaxDemographicParityDifference { get; private set; }
    public double MaxEqualizedOddsDifference { get; private set; }
    public List<string> RequiredSensitiveFeatures { get; private set; } = [];
    public int MaximumAgeDays { get; private set; }
    public DateTime EffectiveFrom { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public string? Reason { get; private set; }

    public string AuditEntityType => "FairnessPolicy";
    public string AuditEntityId => $"{RiskTier}@v{Version}";
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public bool IsBuiltIn => Version == 0;

    public FairnessThresholds Thresholds => new(MinDemographicParityRatio, MaxDemographicParityDifference, MaxEqualizedOddsDifference, RequiredSensitiveFeatures, MaximumAgeDays);

    /// <summary>The four-fifths rule, 0.1 for both differences, no required feature; older evaluations expire sooner for riskier models.</summary>
    public static FairnessPolicy Default(RiskTier tier) => new()
    {
        RiskTier = tier,
        Version = 0,
        MinDemographicParityRatio = 0.8,
        MaxDemographicParityDifference = 0.1,
        MaxEqualizedOddsDifference = 0.1,
        MaximumAgeDays = tier switch { RiskTier.High => 90, RiskTier.Medium => 180, _ => 365 },
        EffectiveFrom = DateTime.MinValue,
        ChangedBy = "Portal default",
    };

    /// <summary>The next version of this tier's policy, in force from <paramref name="now"/>.</summary>
    public FairnessPolicy Next(FairnessThresholds thresholds, string changedBy, string? reason, DateTime now) => new()
    {
        RiskTier = RiskTier,
        Version = Version + 1,
        MinDemographicParityRatio = thresholds.MinDemographicParityRatio,
        MaxDemographicParityDifference = thresholds.MaxDemographicParityDifference,
        MaxEqualizedOddsDifference = thresholds.MaxEqualizedOddsDifference,
        RequiredSensitiveFeatures = [.. thresholds.RequiredSensitiveFeatures.Select(f => f.Trim()).Where(f => f.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase)],
        MaximumAgeDays = thresholds.MaximumAgeDays,
        EffectiveFrom = now,
        ChangedBy = changedBy,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        PendingAuditAction = "FairnessPolicy.Changed",
    };

    /// <summary>The version in force at <paramref name="moment"/> among a tier's versions, or the default.</summary>
    public static FairnessPolicy InForce(IEnumerable<FairnessPolicy> versions, RiskTier tier, DateTime moment) =>
        versions.Where(p => p.RiskTier == tier && p.EffectiveFrom <= moment).MaxBy(p => p.Version) ?? Default(tier);

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

/// <summary>What a reviewer sets for a tier.</summary>
public sealed record FairnessThresholds(
    double MinDemographicParityRatio,
    double MaxDemographicParityDifference,
    double MaxEqualizedOddsDifference,
    IReadOnlyList<string> RequiredSensitiveFeatures,
    int MaximumAgeDays)
{
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        Fraction(errors, "minDemographicParityRatio", MinDemographicParityRatio, "The minimum demographic parity ratio");
        Fraction(errors, "maxDemographicParityDifference", MaxDemographicParityDifference, "The maximum demographic parity difference");
        Fraction(errors, "maxEqualizedOddsDifference", MaxEqualizedOddsDifference, "The maximum equalized odds difference");
        if (MaximumAgeDays is < 1 or > 3650)
        {
            errors["maximumAgeDays"] = ["The maximum evaluation age must be between 1 and 3650 days."];
        }

        if (RequiredSensitiveFeatures.Any(f => f.Length > 100) || RequiredSensitiveFeatures.Count > 20)
        {
            errors["requiredSensitiveFeatures"] = ["At most 20 required sensitive features of up to 100 characters each."];
        }

        return errors;
    }

    private static void Fraction(Dictionary<string, string[]> errors, string field, double value, string what)
    {
        if (!double.IsFinite(value) || value < 0 || value > 1)
        {
            errors[field] = [$"{what} must be between 0 and 1."];
        }
    }
}

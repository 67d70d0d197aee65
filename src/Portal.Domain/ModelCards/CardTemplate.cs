using System.Text.Json;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;

namespace Portal.Domain.ModelCards;

/// <summary>A section a tier's template requires, and how many words it must hold at least.</summary>
public sealed record SectionRequirement(string Key, string Title, int MinWords);

/// <summary>
/// What a risk tier's cards must hold, versioned like the fairness policy: a change is a new version in force from its
/// moment on. Version 0 is the portal's built-in default for the tier, in force until an Admin or Compliance reviewer sets one.
/// </summary>
public sealed class CardTemplate : IAuditedEntity
{
    public const int ReasonMaxLength = 1000;
    public const int MaxMinWords = 5000;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int Id { get; private set; }
    public RiskTier RiskTier { get; private set; }
    public int Version { get; private set; }
    public string RequirementsJson { get; private set; } = "[]";
    public DateTime EffectiveFrom { get; private set; }
    public string ChangedBy { get; private set; } = "";
    public string? Reason { get; private set; }

    public string AuditEntityType => "CardTemplate";
    public string AuditEntityId => $"{RiskTier}@v{Version}";
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public IReadOnlyList<SectionRequirement> Requirements() => JsonSerializer.Deserialize<List<SectionRequirement>>(RequirementsJson, Json) ?? [];

    /// <summary>
    /// Low: what the model is and is for. Medium adds how it was measured, on what data, and its limits. High: every section
    /// of the paper, with more words.
    /// </summary>
    public static CardTemplate Default(RiskTier tier)
    {
        IReadOnlyList<(string Key, int Words)> required = tier switch
        {
            RiskTier.High => [("model-details", 50), ("intended-use", 50), ("factors", 30), ("metrics", 30), ("evaluation-data", 30),
                ("training-data", 30), ("quantitative-analyses", 30), ("ethical-considerations", 30), ("caveats-and-recommendations", 20)],
            RiskTier.Medium => [("model-details", 30), ("intended-use", 30), ("metrics", 20), ("evaluation-data", 20), ("training-data", 20),
                ("caveats-and-recommendations", 10)],
            _ => [("model-details", 20), ("intended-use", 20)],
        };
        return new CardTemplate
        {
            RiskTier = tier,
            Version = 0,
            RequirementsJson = Serialize(required.Select(r => new SectionRequirement(r.Key, CardSections.StandardTitle(r.Key)!, r.Words))),
            EffectiveFrom = DateTime.MinValue,
            ChangedBy = "Portal default",
        };
    }

    /// <summary>What is wrong with a proposed set of requirements, by field; empty when none.</summary>
    public static Dictionary<string, string[]> Validate(IReadOnlyList<SectionRequirement>? requirements, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (requirements is null || requirements.Count > CardRules.MaxSections)
        {
            errors["requirements"] = [$"Send the list of required sections (at most {CardRules.MaxSections})."];
        }
        else if (requirements.FirstOrDefault(r => CardRules.TitleProblem(r.Title) is not null || string.IsNullOrWhiteSpace(r.Key)
            || r.Key.Length > CardRules.TitleMaxLength + CardSections.CustomPrefix.Length) is { } bad)
        {
            errors["requirements"] = [$"The requirement '{bad.Key}' needs a key and a title of at most {CardRules.TitleMaxLength} printable characters."];
        }
        else if (requirements.FirstOrDefault(r => r.MinWords is < 0 or > MaxMinWords) is { } words)
        {
            errors["requirements"] = [$"The minimum words of '{words.Title}' must be between 0 and {MaxMinWords}."];
        }
        else if (requirements.GroupBy(r => r.Key).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            errors["requirements"] = [$"The section '{twice.Key}' is listed twice."];
        }
        if (reason?.Trim().Length > ReasonMaxLength)
        {
            errors["reason"] = [$"The reason is at most {ReasonMaxLength} characters."];
        }
        return errors;
    }

    public CardTemplate Next(IEnumerable<SectionRequirement> requirements, string changedBy, string? reason, DateTime now) => new()
    {
        RiskTier = RiskTier,
        Version = Version + 1,
        RequirementsJson = Serialize(requirements.Select(r => r with { Key = r.Key.Trim(), Title = r.Title.Trim() })),
        EffectiveFrom = now,
        ChangedBy = changedBy,
        Reason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim(),
        PendingAuditAction = "CardTemplate.Changed",
    };

    /// <summary>The version in force at <paramref name="moment"/> among a tier's versions, or the default.</summary>
    public static CardTemplate InForce(IEnumerable<CardTemplate> versions, RiskTier tier, DateTime moment) =>
        versions.Where(t => t.RiskTier == tier && t.EffectiveFrom <= moment).MaxBy(t => t.Version) ?? Default(tier);

    private static string Serialize(IEnumerable<SectionRequirement> requirements) => JsonSerializer.Serialize(requirements.ToList(), Json);

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

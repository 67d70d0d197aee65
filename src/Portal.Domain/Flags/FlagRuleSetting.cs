using Portal.Domain.Audit;

namespace Portal.Domain.Flags;

/// <summary>An Admin's stored settings for one rule; a rule without a row runs with its defaults.</summary>
public sealed class FlagRuleSetting : IAuditedEntity
{
    public string Rule { get; private set; } = "";
    public bool Enabled { get; private set; }
    public FlagSeverity Severity { get; private set; }
    public bool BlocksReleases { get; private set; }
    public Dictionary<string, int> Thresholds { get; private set; } = [];
    public DateTime UpdatedAt { get; private set; }
    public string UpdatedBy { get; private set; } = "";
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "FlagRule";
    public string AuditEntityId => Rule;
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public static FlagRuleSetting Create(string rule, RuleSettings settings, string by, DateTime now)
    {
        var setting = new FlagRuleSetting { Rule = rule };
        setting.Apply(settings, by, now);
        setting.Revision = 1;
        setting.PendingAuditAction = "FlagRule.Changed";
        return setting;
    }

    public void Change(RuleSettings settings, string by, DateTime now)
    {
        Apply(settings, by, now);
        Revision++;
        PendingAuditAction = "FlagRule.Changed";
    }

    public RuleSettings ToSettings() => new(Enabled, Severity, BlocksReleases, Thresholds);

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private void Apply(RuleSettings settings, string by, DateTime now)
    {
        Enabled = settings.Enabled;
        Severity = settings.Severity;
        BlocksReleases = settings.BlocksReleases;
        Thresholds = new Dictionary<string, int>(settings.Thresholds);
        UpdatedAt = now;
        UpdatedBy = by;
    }
}

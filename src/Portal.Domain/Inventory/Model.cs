using Portal.Domain.Audit;
using Teams = Portal.Domain.Teams;

namespace Portal.Domain.Inventory;

/// <summary>A registered ML capability. Never deleted: retired, with the trail saying when and by whom.</summary>
public sealed class Model : IAuditedEntity
{
    public int Id { get; private set; }
    public string Key { get; private set; } = "";
    public string KeyNormalized { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public string Team { get; private set; } = "";
    public RiskTier RiskTier { get; private set; }
    public LifecycleStatus Status { get; private set; }
    public List<string> Tags { get; private set; } = [];
    public DateTime RegisteredAt { get; private set; }
    public string RegisteredBy { get; private set; } = "";
    public DateTime UpdatedAt { get; private set; }
    public DateTime? RetiredAt { get; private set; }
    public string? RetirementReason { get; private set; }

    /// <summary>Why the risk tier or team last changed, so the audit event of the change carries it.</summary>
    public string? ClassificationReason { get; private set; }

    /// <summary>Optimistic concurrency: raised on every change, checked by the database on update.</summary>
    public int Revision { get; private set; }

    public string AuditEntityType => "Model";
    public string AuditEntityId => Key;
    public string? AuditModelKey => Key;
    public string? PendingAuditAction { get; private set; }

    public static Model Register(ModelDetails details, string registeredBy, DateTime now)
    {
        var model = new Model
        {
            Key = details.Key.Trim(),
            KeyNormalized = ModelRules.NormalizeKey(details.Key),
            RegisteredAt = now,
            RegisteredBy = registeredBy,
            Revision = 1,
            PendingAuditAction = "Model.Registered",
        };
        model.Apply(details, now);
        return model;
    }

    public void Edit(ModelDetails details, DateTime now)
    {
        if (Status == LifecycleStatus.Retired)
        {
            throw new InvalidOperationException($"Model {Key} is retired; a retired model cannot be edited.");
        }
        Apply(details, now);
        Revision++;
        PendingAuditAction = "Model.Updated";
    }

    /// <summary>
    /// Changes the risk tier and team, which decide the release policy and who may act on the model; the caller checks who
    /// may (ModelWriteScope, the classifying roles) and that no release is pending.
    /// </summary>
    public void Classify(RiskTier riskTier, string team, string reason, DateTime now)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new InvalidOperationException("Changing a model's risk tier or team needs a reason.");
        }
        if (Status == LifecycleStatus.Retired)
        {
            throw new InvalidOperationException($"Model {Key} is retired; its classification no longer changes.");
        }
        if (riskTier == RiskTier && Teams.Team.Normalize(team) == Teams.Team.Normalize(Team))
        {
            throw new InvalidOperationException($"Model {Key} is already {RiskTier} risk in team {Team}; nothing to change.");
        }
        RiskTier = riskTier;
        Team = team.Trim();
        ClassificationReason = reason.Trim();
        UpdatedAt = now;
        Revision++;
        PendingAuditAction = "Model.Reclassified";
    }

    /// <summary>Whether <paramref name="details"/> would change the risk tier or the team (teams compare regardless of case).</summary>
    public bool ChangesClassification(ModelDetails details) =>
        details.RiskTier != RiskTier || Teams.Team.Normalize(details.Team) != Teams.Team.Normalize(Team);

    public void Retire(string reason, DateTime now)
    {
        if (Status == LifecycleStatus.Retired)
        {
            throw new InvalidOperationException($"Model {Key} is already retired.");
        }
        Status = LifecycleStatus.Retired;
        RetiredAt = now;
        RetirementReason = reason.Trim();
        UpdatedAt = now;
        Revision++;
        PendingAuditAction = "Model.Retired";
    }

    /// <summary>
    /// After a version changed stage, the lifecycle status says what the versions say (see <see cref="StatusOf"/>), so a model
    /// whose version went to Production reads Production everywhere, the dashboard's counts included. A retired model stays retired.
    /// </summary>
    public void FollowVersionStages(IEnumerable<Versions.VersionStage> stages, DateTime now)
    {
        var derived = StatusOf(stages);
        if (Status == LifecycleStatus.Retired || derived == Status)
        {
            return;
        }
        Status = derived;
        UpdatedAt = now;
        Revision++;
        PendingAuditAction = "Model.StatusChanged";
    }

    /// <summary>Production while a version is in Production, Validation while one is in Staging, Development otherwise.</summary>
    public static LifecycleStatus StatusOf(IEnumerable<Versions.VersionStage> stages)
    {
        var all = stages.ToList();
        return all.Contains(Versions.VersionStage.Production) ? LifecycleStatus.Production
            : all.Contains(Versions.VersionStage.Staging) ? LifecycleStatus.Validation
            : LifecycleStatus.Development;
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private void Apply(ModelDetails details, DateTime now)
    {
        if (details.Status == LifecycleStatus.Retired)
        {
            throw new InvalidOperationException("A model is retired with Retire, which records a reason.");
        }
        Name = details.Name.Trim();
        Description = string.IsNullOrWhiteSpace(details.Description) ? null : details.Description.Trim();
        Team = details.Team.Trim();
        RiskTier = details.RiskTier ?? throw new InvalidOperationException("A model needs a risk tier; it has no default.");
        Status = details.Status;
        Tags = ModelRules.NormalizeTags(details.Tags);
        UpdatedAt = now;
    }
}

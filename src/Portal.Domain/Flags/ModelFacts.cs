using Portal.Domain.Inventory;
using Portal.Domain.Ownership;

namespace Portal.Domain.Flags;

/// <summary>
/// A plain snapshot of what the rules judge about one model. Identity comes from the model; every other fact is filled
/// by a fact contributor (one bulk query each) and stays null while no contributor knows it; a rule whose fact kinds
/// nobody contributes is not evaluated at all (<see cref="IFlagRule.RequiredFacts"/>), so null means "none" for the rest.
/// </summary>
public sealed class ModelFacts(int modelId, string key, string team, RiskTier riskTier, LifecycleStatus status, DateTime registeredAt)
{
    public int ModelId { get; } = modelId;
    public string Key { get; } = key;
    public string Team { get; } = team;
    public RiskTier RiskTier { get; } = riskTier;
    public LifecycleStatus Status { get; } = status;
    public DateTime RegisteredAt { get; } = registeredAt;

    /// <summary>Active owner roles, with whether the person is still active in the user directory.</summary>
    public List<OwnerFact> Owners { get; } = [];

    /// <summary>When an owner role of this model last ended; null when none ever did.</summary>
    public DateTime? LastOwnershipEndedAt { get; set; }

    public int? ProductionVersionId { get; set; }
    public DateTime? ProductionSince { get; set; }
    public DateTime? LastVersionAt { get; set; }
    public DateTime? LastReleaseAt { get; set; }
    public DateTime? LastCardEditAt { get; set; }
    public DateTime? NewestFairnessEvaluationAt { get; set; }
    public DateTime? ProductionApprovalExpiresAt { get; set; }

    /// <summary>When a revision of the model's card was last reviewed; null when none ever was.</summary>
    public DateTime? LastCardReviewAt { get; set; }

    /// <summary>The production version when the card was last reviewed (null when there was none then).</summary>
    public int? CardReviewedProductionVersionId { get; set; }
    /// <summary>The model's outputs whose score values fell outside their expected range.</summary>
    public List<OutOfRangeOutputFact> OutOfRangeOutputs { get; } = [];

    /// <summary>The model's findings that are not closed, with their due dates (the rule judges lateness against the scan's moment).</summary>
    public List<OpenFindingFact> OpenFindings { get; } = [];
    /// <summary>Questions of open audit requests about the model that wait for their assignee's answer (open or returned).</summary>
    public List<AuditItemFact> OpenAuditItems { get; } = [];

    public bool IsRetired => Status == LifecycleStatus.Retired;
}

/// <summary>One active owner role and the state of the person holding it.</summary>
public sealed record OwnerFact(string Subject, string Name, OwnerRole Role, bool PersonActive, DateTime AssignedAt, DateTime? AcknowledgedAt);

/// <summary>An output with score values outside its expected range: how many, the first example, when it was registered.</summary>
public sealed record OutOfRangeOutputFact(int OutputId, string Name, string VersionLabel, string Column, double Minimum, double Maximum,
    long OutOfRange, string? Example, DateTime RegisteredAt);

/// <summary>A finding not closed: what it is, who remediates it, when it is due.</summary>
public sealed record OpenFindingFact(Guid FindingId, string Title, string Severity, string RemediationOwnerName, DateOnly DueDate);
/// <summary>An audit request's question waiting for its assignee's answer, and when it is due.</summary>
public sealed record AuditItemFact(Guid RequestId, int Number, string RequestTitle, DateTime DueAt, string AssigneeName);

/// <summary>The kinds of facts contributors provide; a rule names the ones it needs.</summary>
public static class FactKinds
{
    public const string Ownership = "ownership";
    public const string Versions = "versions";
    public const string Releases = "releases";
    public const string Fairness = "fairness";
    public const string Approvals = "approvals";
    public const string ModelCards = "model-cards";
    public const string Outputs = "outputs";
    public const string Findings = "findings";
    public const string AuditRequests = "audit-requests";
}

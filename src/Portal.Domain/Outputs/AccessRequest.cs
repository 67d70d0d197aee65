using Portal.Domain.Audit;

namespace Portal.Domain.Outputs;

public enum AccessRequestStatus
{
    Pending,
    Granted,
    Denied,
}

/// <summary>
/// A person's request to read one output, with a purpose, a wanted duration and whether they need unmasked columns. The
/// model's primary owner or a Compliance reviewer grants it (as a grant with an expiry, possibly narrower than asked) or
/// denies it with a reason; never the requester. Decided once; never deleted.
/// </summary>
public sealed class AccessRequest : IAuditedEntity
{
    public const int PurposeMaxLength = OutputGrant.PurposeMaxLength;
    public const int ReasonMaxLength = OutputGrant.ReasonMaxLength;
    public const int MaxDays = 365;

    public int Id { get; private set; }
    public int OutputId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public string OutputName { get; private set; } = "";
    public string RequestedBy { get; private set; } = "";
    public string RequestedByName { get; private set; } = "";
    public string Purpose { get; private set; } = "";
    public int WantedDays { get; private set; }
    public bool WantsUnmasked { get; private set; }
    public DateTime RequestedAt { get; private set; }
    public AccessRequestStatus Status { get; private set; }
    public string? DecidedBy { get; private set; }
    public string? DecidedByName { get; private set; }
    public DateTime? DecidedAt { get; private set; }
    public string? Reason { get; private set; }
    public int? GrantId { get; private set; }
    public DateTime? GrantedUntil { get; private set; }
    public bool GrantedUnmasked { get; private set; }
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "AccessRequest";
    /// <summary>Known before the first save (the id is not), so every event of one request carries the same id.</summary>
    public string AuditEntityId => $"output-{OutputId}:{RequestedBy}#{RequestedAt:yyyy-MM-ddTHH:mm:ss.fffffff}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public bool IsPending => Status == AccessRequestStatus.Pending;

    public static AccessRequest Open(ModelOutput output, string requestedBy, string requestedByName, AccessWish wish, DateTime now) => new()
    {
        OutputId = output.Id,
        ModelKey = output.ModelKey,
        OutputName = output.Name,
        RequestedBy = requestedBy,
        RequestedByName = requestedByName,
        Purpose = wish.Purpose!.Trim(),
        WantedDays = wish.Days,
        WantsUnmasked = wish.Unmasked,
        RequestedAt = now,
        Status = AccessRequestStatus.Pending,
        PendingAuditAction = "AccessRequest.Opened",
    };

    /// <summary>Problems of a wish, keyed by field; empty when it can be asked.</summary>
    public static Dictionary<string, string[]> Validate(AccessWish wish)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(wish.Purpose) || wish.Purpose.Trim().Length > PurposeMaxLength || QueryText.HasControlCharacter(wish.Purpose))
        {
            errors["purpose"] = [$"Say why you need the data: 1 to {PurposeMaxLength} characters without control characters."];
        }
        if (wish.Days is < 1 or > MaxDays)
        {
            errors["days"] = [$"Ask for 1 to {MaxDays} days."];
        }
        return errors;
    }

    /// <summary>
    /// Why <paramref name="deciderId"/> may not decide this request, or null. Separation of duties comes first: nobody decides
    /// their own request, whatever roles they hold.
    /// </summary>
    public string? DeciderProblem(string deciderId, bool isPrimaryOwner, bool isComplianceReviewer)
    {
        if (string.Equals(deciderId, RequestedBy, StringComparison.Ordinal))
        {
            return "Nobody decides their own access request: the model's primary owner or a Compliance reviewer decides it.";
        }
        return isPrimaryOwner || isComplianceReviewer
            ? null
            : $"Only the primary owner of {ModelKey} or a Compliance reviewer decides access requests for its outputs.";
    }

    /// <summary>Problems of a grant decision (at most what was asked), keyed by field; empty when it can be given.</summary>
    public Dictionary<string, string[]> GrantProblems(int days, bool unmasked)
    {
        var errors = new Dictionary<string, string[]>();
        if (days < 1 || days > WantedDays)
        {
            errors["days"] = [$"Grant 1 to {WantedDays} days: as long as asked or shorter."];
        }
        if (unmasked && !WantsUnmasked)
        {
            errors["unmasked"] = ["The request asked for masked data; a grant may be narrower than asked, never wider."];
        }
        return errors;
    }

    public static string? ReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ReasonMaxLength || QueryText.HasControlCharacter(reason)
            ? $"A denial gives its reason: 1 to {ReasonMaxLength} characters without control characters."
            : null;

    /// <summary>The terms of the personal grant that carries a decision to grant: the request's purpose, until the expiry.</summary>
    public GrantTerms GrantTermsFor(ModelOutput output, int days, bool unmasked, DateTime now) => new(
        GranteeKind.Person,
        RequestedBy,
        RequestedByName,
        unmasked ? GrantAccess.ReadUnmasked : GrantAccess.Read,
        unmasked ? [.. output.Columns.SelectMany(c => c.Tags).Distinct(StringComparer.Ordinal)] : [],
        null,
        Purpose,
        now.AddDays(days));

    public void Grant(string decidedBy, string decidedByName, OutputGrant grant, DateTime now)
    {
        EnsurePending();
        Status = AccessRequestStatus.Granted;
        Decided(decidedBy, decidedByName, now);
        GrantId = grant.Id;
        GrantedUntil = grant.ExpiresAt;
        GrantedUnmasked = grant.Access == GrantAccess.ReadUnmasked;
        PendingAuditAction = "AccessRequest.Granted";
    }

    public void Deny(string decidedBy, string decidedByName, string reason, DateTime now)
    {
        EnsurePending();
        Status = AccessRequestStatus.Denied;
        Decided(decidedBy, decidedByName, now);
        Reason = reason.Trim();
        PendingAuditAction = "AccessRequest.Denied";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private void Decided(string decidedBy, string decidedByName, DateTime now)
    {
        DecidedBy = decidedBy;
        DecidedByName = decidedByName;
        DecidedAt = now;
        Revision++;
    }

    private void EnsurePending()
    {
        if (!IsPending)
        {
            throw new InvalidOperationException($"Access request {Id} was already {Status.ToString().ToLowerInvariant()} on {DecidedAt:yyyy-MM-dd HH:mm} UTC.");
        }
    }
}

/// <summary>What a person asks for: why, for how many days, and whether they need the masked columns in clear.</summary>
public sealed record AccessWish(string? Purpose, int Days, bool Unmasked);

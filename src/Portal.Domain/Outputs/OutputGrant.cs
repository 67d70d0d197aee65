using Portal.Domain.Audit;

namespace Portal.Domain.Outputs;

public enum GranteeKind
{
    Person,
    Team,
    ServiceToken,
}

/// <summary>Read sees masked columns masked; read-unmasked also sees the columns carrying <see cref="OutputGrant.UnmaskedTags"/> in clear.</summary>
public enum GrantAccess
{
    Read,
    ReadUnmasked,
}

public enum GrantState
{
    Active,
    Expired,
    Revoked,
}

/// <summary>Limits a grant to the rows whose <paramref name="Column"/> holds one of <paramref name="Values"/> (compared exactly).</summary>
public sealed record RowFilter(string Column, List<string> Values)
{
    public bool Matches(ReadOnlySpan<char> value)
    {
        foreach (var allowed in Values)
        {
            if (value.SequenceEqual(allowed))
            {
                return true;
            }
        }
        return false;
    }

    public override string ToString() => $"{Column} in ({string.Join(", ", Values)})";
}

/// <summary>
/// Permission for a person, a team's members or a service token to read one output, possibly unmasking some tags, limited to
/// some rows, until an expiry; revocable. Never deleted, so the access log can always say which grant allowed a read.
/// </summary>
public sealed class OutputGrant : IAuditedEntity
{
    public const int PurposeMaxLength = 500;
    public const int ReasonMaxLength = 500;

    public int Id { get; private set; }
    public int OutputId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public GranteeKind GranteeKind { get; private set; }

    /// <summary>A person's subject, a token's subject, or a team's normalized name.</summary>
    public string Grantee { get; private set; } = "";

    public string GranteeName { get; private set; } = "";
    public GrantAccess Access { get; private set; }
    public List<string> UnmaskedTags { get; private set; } = [];
    public RowFilter? RowFilter { get; private set; }
    public string? Purpose { get; private set; }
    public DateTime? ExpiresAt { get; private set; }
    public string GrantedBy { get; private set; } = "";
    public string GrantedByName { get; private set; } = "";
    public DateTime GrantedAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public string? RevokeReason { get; private set; }
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "OutputGrant";
    // Stable from the first event on: the database gives the Id only after the "created" event is sealed.
    public string AuditEntityId => $"output-{OutputId}:{GranteeKind}:{Grantee}#{GrantedAt:yyyy-MM-ddTHH:mm:ss.fffffff}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public static OutputGrant Give(int outputId, string modelKey, GrantTerms terms, string grantedBy, string grantedByName, DateTime now) => new()
    {
        OutputId = outputId,
        ModelKey = modelKey,
        GranteeKind = terms.GranteeKind,
        Grantee = terms.Grantee,
        GranteeName = terms.GranteeName,
        Access = terms.Access,
        UnmaskedTags = terms.Access == GrantAccess.ReadUnmasked ? [.. terms.UnmaskedTags.Select(OutputTags.Normalize).Distinct()] : [],
        RowFilter = terms.RowFilter,
        Purpose = string.IsNullOrWhiteSpace(terms.Purpose) ? null : terms.Purpose.Trim(),
        ExpiresAt = terms.ExpiresAt,
        GrantedBy = grantedBy,
        GrantedByName = grantedByName,
        GrantedAt = now,
        PendingAuditAction = "OutputGrant.Given",
    };

    public GrantState StateAt(DateTime now) =>
        RevokedAt is not null ? GrantState.Revoked : ExpiresAt is { } expiry && expiry <= now ? GrantState.Expired : GrantState.Active;

    public bool IsActiveAt(DateTime now) => StateAt(now) == GrantState.Active;

    /// <summary>Whether this grant is held by the reader: personally, through a team, or as the token it names.</summary>
    public bool IsHeldBy(OutputReader reader) => GranteeKind switch
    {
        GranteeKind.Person => !reader.IsServiceToken && Grantee == reader.Id,
        GranteeKind.ServiceToken => reader.IsServiceToken && Grantee == reader.Id,
        GranteeKind.Team => reader.Teams.Contains(Grantee),
        _ => false,
    };

    public bool Unmasks(string tag) => Access == GrantAccess.ReadUnmasked && UnmaskedTags.Contains(tag, StringComparer.Ordinal);

    public void Revoke(string revokedBy, string? reason, DateTime now)
    {
        if (RevokedAt is not null)
        {
            throw new InvalidOperationException($"Grant {Id} was already revoked on {RevokedAt:yyyy-MM-dd HH:mm} UTC.");
        }
        RevokedAt = now;
        RevokedBy = revokedBy;
        RevokeReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Revision++;
        PendingAuditAction = "OutputGrant.Revoked";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

/// <summary>What a grant gives, as asked for; <see cref="OutputGrantRules"/> checks it.</summary>
public sealed record GrantTerms(
    GranteeKind GranteeKind,
    string Grantee,
    string GranteeName,
    GrantAccess Access,
    IReadOnlyList<string> UnmaskedTags,
    RowFilter? RowFilter,
    string? Purpose,
    DateTime? ExpiresAt);

using Portal.Domain.Audit;

namespace Portal.Domain.Tokens;

/// <summary>A bearer token the portal issued to a pipeline: one role, an expiry, revocable, stored only as a hash.</summary>
public sealed class ServiceToken : IAuditedEntity
{
    public const int NameMaxLength = 100;

    public int Id { get; private set; }
    public string Name { get; private set; } = "";
    public string Role { get; private set; } = "";

    /// <summary>The teams whose models the token acts on as a member; none means no team's (an Admin token acts on all).</summary>
    public List<string> Teams { get; private set; } = [];
    [AuditRedacted]
    public string TokenHash { get; private set; } = "";

    /// <summary>The first characters of the token, so that people can tell tokens apart without the secret.</summary>
    public string Prefix { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    public string CreatedBy { get; private set; } = "";
    public DateTime ExpiresAt { get; private set; }
    public DateTime? RevokedAt { get; private set; }
    public string? RevokedBy { get; private set; }
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "ServiceToken";
    public string AuditEntityId => Name;
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public static ServiceToken Issue(string name, string role, IEnumerable<string> teams, string tokenHash, string prefix, string createdBy,
        DateTime now, DateTime expiresAt) => new()
    {
        Name = name,
        Role = role,
        Teams = NormalizeTeams(teams),
        TokenHash = tokenHash,
        Prefix = prefix,
        CreatedBy = createdBy,
        CreatedAt = now,
        ExpiresAt = expiresAt,
        PendingAuditAction = "ServiceToken.Issued",
    };

    public bool IsValidAt(DateTime now) => RevokedAt is null && now < ExpiresAt;

    public void Revoke(string revokedBy, DateTime now)
    {
        if (RevokedAt is not null)
        {
            throw new InvalidOperationException($"Service token {Name} is already revoked.");
        }
        RevokedAt = now;
        RevokedBy = revokedBy;
        Revision++;
        PendingAuditAction = "ServiceToken.Revoked";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    /// <summary>Team names trimmed, without blanks or duplicates (regardless of case).</summary>
    public static List<string> NormalizeTeams(IEnumerable<string>? teams) =>
        (teams ?? []).Select(t => t.Trim()).Where(t => t.Length > 0).DistinctBy(t => t.ToUpperInvariant()).ToList();
}

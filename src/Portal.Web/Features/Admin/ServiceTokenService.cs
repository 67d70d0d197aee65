using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Tokens;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Admin;

public sealed record TokenHolder(string Subject, string Name, string Role, string Kind, IReadOnlyList<string> Teams);

public sealed record ServiceTokenView(int Id, string Name, string Role, IReadOnlyList<string> Teams, string Prefix, DateTime CreatedAt, string CreatedBy,
    DateTime ExpiresAt, DateTime? RevokedAt, string? RevokedBy, int Revision)
{
    public bool IsActiveAt(DateTime now) => RevokedAt is null && now < ExpiresAt;
}

/// <summary>Issues, lists, revokes and checks service tokens. The secret is shown once and stored only as a hash.</summary>
public sealed class ServiceTokenService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptionsMonitor<List<StaticServiceToken>> staticTokens,
    AccessGuard guard,
    TokenUseTally uses,
    TimeProvider clock)
{
    public const int MaxLifetimeDays = 365;
    public const int MaxTeams = 50;

    public async Task<TokenHolder?> AuthenticateAsync(string token, string usage, CancellationToken cancellationToken)
    {
        var hash = ServiceTokenSecret.Hash(token);
        var holder = FindStatic(hash) ?? await FindIssuedAsync(hash, cancellationToken);
        if (holder is not null)
        {
            uses.Count(holder, usage);
        }
        return holder;
    }

    public async Task<IReadOnlyList<ServiceTokenView>> ListAsync(Actor actor, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageServiceTokens, "service tokens", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var tokens = await db.ServiceTokens.AsNoTracking().OrderBy(t => t.Name).ToListAsync(cancellationToken);
        return tokens.Select(ToView).ToList();
    }

    /// <summary>Issues a token and answers its secret, which is never shown again.</summary>
    public async Task<(ServiceTokenView Token, string Secret)> IssueAsync(Actor actor, string name, string role, int lifetimeDays,
        IEnumerable<string>? teams = null, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageServiceTokens, "service tokens", cancellationToken);
        var scope = ServiceToken.NormalizeTeams(teams);
        Validate(name, role, lifetimeDays, scope);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (await db.ServiceTokens.AnyAsync(t => t.Name == name.Trim(), cancellationToken))
        {
            throw InputRejectedException.For("name", $"A service token named '{name.Trim()}' already exists; names identify tokens in the audit trail.");
        }
        var secret = ServiceTokenSecret.Create();
        var now = clock.GetUtcNow().UtcDateTime;
        var token = ServiceToken.Issue(name.Trim(), role, scope, ServiceTokenSecret.Hash(secret), ServiceTokenSecret.PrefixOf(secret),
            actor.Name, now, now.AddDays(lifetimeDays));
        db.ServiceTokens.Add(token);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
        return (ToView(token), secret);
    }

    public async Task RevokeAsync(Actor actor, int id, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ManageServiceTokens, "service tokens", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await db.ServiceTokens.SingleOrDefaultAsync(t => t.Id == id, cancellationToken)
            ?? throw new NotFoundException($"Service token {id} does not exist.");
        if (token.RevokedAt is not null)
        {
            throw new ConflictException($"Service token '{token.Name}' was already revoked by {token.RevokedBy}.");
        }
        token.Revoke(actor.Name, clock.GetUtcNow().UtcDateTime);
        db.Actor = actor;
        await db.SaveChangesAsync(cancellationToken);
    }

    private static void Validate(string name, string role, int lifetimeDays, List<string> teams)
    {
        var errors = new Dictionary<string, string[]>();
        if (teams.Count > MaxTeams || teams.Any(t => t.Length > ModelRules.TeamMaxLength || Domain.QueryText.HasControlCharacter(t)))
        {
            errors["teams"] = [$"At most {MaxTeams} teams, each a name of at most {ModelRules.TeamMaxLength} characters, without control characters."];
        }
        if (string.IsNullOrWhiteSpace(name) || name.Trim().Length > ServiceToken.NameMaxLength || Domain.QueryText.HasControlCharacter(name))
        {
            errors["name"] = [$"Name is required, at most {ServiceToken.NameMaxLength} characters, without control characters."];
        }
        if (!PortalRoles.IsKnown(role))
        {
            errors["role"] = [$"Role must be one of {string.Join(", ", PortalRoles.All)}."];
        }
        if (lifetimeDays is < 1 or > MaxLifetimeDays)
        {
            errors["lifetimeDays"] = [$"Lifetime must be between 1 and {MaxLifetimeDays} days."];
        }
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }

    private TokenHolder? FindStatic(string hash)
    {
        var expected = Encoding.ASCII.GetBytes(hash);
        var match = staticTokens.CurrentValue.FirstOrDefault(t =>
            PortalRoles.IsKnown(t.Role) && CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(StaticHash(t))));
        return match is null ? null : new TokenHolder(ReservedSubjects.ServicePrefix + match.Name, match.Name, match.Role, "static", ServiceToken.NormalizeTeams(match.Teams));
    }

    private static string StaticHash(StaticServiceToken token) =>
        token.TokenHash?.Trim().ToLowerInvariant() ?? (token.Token is { Length: > 0 } plain ? ServiceTokenSecret.Hash(plain) : "");

    /// <summary>Read on every request, so that a revocation applies to the next one; compiled, as every API call runs it.</summary>
    private static readonly CompiledPerModel<Func<PortalDbContext, string, CancellationToken, Task<ServiceToken?>>> IssuedByHash = new(() => EF.CompileAsyncQuery(
        (PortalDbContext db, string tokenHash, CancellationToken _) => db.ServiceTokens.AsNoTracking().SingleOrDefault(t => t.TokenHash == tokenHash)));

    private async Task<TokenHolder?> FindIssuedAsync(string hash, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var token = await IssuedByHash.For(db)(db, hash, cancellationToken);
        return token is not null && token.IsValidAt(clock.GetUtcNow().UtcDateTime)
            ? new TokenHolder(ReservedSubjects.ServicePrefix + token.Name, token.Name, token.Role, "issued", token.Teams)
            : null;
    }

    private static ServiceTokenView ToView(ServiceToken t) =>
        new(t.Id, t.Name, t.Role, t.Teams, t.Prefix, t.CreatedAt, t.CreatedBy, t.ExpiresAt, t.RevokedAt, t.RevokedBy, t.Revision);
}

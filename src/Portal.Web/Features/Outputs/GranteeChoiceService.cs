using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Outputs;

/// <summary>A service token a grant can name: its subject (what the grant holds) and its name (what people read).</summary>
public sealed record TokenChoice(string Subject, string Name);

/// <summary>The teams and service tokens a grant can name.</summary>
public sealed record GranteeChoices(IReadOnlyList<string> Teams, IReadOnlyList<TokenChoice> Tokens);

/// <summary>
/// Lists the teams and the active service tokens (issued and configured) for the grant dialog, so that a grantee is chosen,
/// never typed; <see cref="OutputService.GrantAsync"/> still checks whatever it is sent.
/// </summary>
public sealed class GranteeChoiceService(
    IDbContextFactory<PortalDbContext> dbFactory,
    IOptionsMonitor<List<StaticServiceToken>> staticTokens,
    AccessGuard guard,
    TimeProvider clock)
{
    public async Task<GranteeChoices> ListAsync(Actor actor, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.GrantOutputAccess, "the teams and service tokens a grant can name", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => t.Name).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var issued = await db.ServiceTokens.AsNoTracking().Where(t => t.RevokedAt == null && t.ExpiresAt > now).Select(t => t.Name)
            .ToListAsync(cancellationToken);
        var tokens = issued.Concat(staticTokens.CurrentValue.Select(t => t.Name)).Where(name => !string.IsNullOrWhiteSpace(name))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
            .Select(name => new TokenChoice(ReservedSubjects.ServicePrefix + name, name));
        return new GranteeChoices(teams, [.. tokens]);
    }
}

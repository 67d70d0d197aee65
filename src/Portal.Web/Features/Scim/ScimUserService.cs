using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Scim;

public sealed record ScimPage(int TotalResults, int StartIndex, IReadOnlyList<ScimUserView> Users);

/// <summary>
/// The user directory as an identity provider sees it over SCIM: provision, read, find, replace, patch and
/// deprovision. Deprovisioning deactivates and hides the SCIM resource (404 afterwards); no row is ever deleted.
/// </summary>
public sealed class ScimUserService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, ActiveUserCheck activeUsers,
    IUserLifecycleEvents lifecycle, TimeProvider clock)
{
    public const int MaxPageSize = 200;
    private const string Target = "user directory (SCIM)";

    public async Task<ScimUserView> GetAsync(Actor actor, string id, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ManageUsers, Target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return ScimUserView.From(await FindAsync(db, id, cancellationToken));
    }

    public async Task<ScimPage> ListAsync(Actor actor, string? filter, int? startIndex, int? count, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ManageUsers, Target, cancellationToken);
        return await QueryAsync(filter, Math.Max(startIndex ?? 1, 1), Math.Clamp(count ?? 100, 0, MaxPageSize), cancellationToken);
    }

    public async Task<ScimUserView> CreateAsync(Actor actor, JsonElement body, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ManageUsers, Target, cancellationToken);
        var draft = ScimUserReader.Read(body, currentActive: null);
        var profile = draft.ToProfile();
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var user = await AdoptableAsync(db, profile, cancellationToken);
        if (user is null)
        {
            user = UserAccount.Provision(profile, Guid.NewGuid().ToString("N"), now);
            db.Users.Add(user);
        }
        else
        {
            user.ApplyProfile(profile, now);
        }
        var wasActive = user.IsActive;
        ApplyActive(user, draft.Active ?? user.IsActive, now);
        return await SaveAsync(db, user, actor, wasActive, cancellationToken);
    }

    public async Task<ScimUserView> ReplaceAsync(Actor actor, string id, JsonElement body, string? ifMatch, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ManageUsers, Target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await FindAsync(db, id, cancellationToken);
        CheckPrecondition(user, ifMatch);
        var draft = ScimUserReader.Read(body, user.IsActive);
        return await ChangeAsync(db, user, draft, actor, cancellationToken);
    }

    public async Task<ScimUserView> PatchAsync(Actor actor, string id, JsonElement body, string? ifMatch, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ManageUsers, Target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await FindAsync(db, id, cancellationToken);
        CheckPrecondition(user, ifMatch);
        var draft = ScimDraft.From(user);
        // Accounts that only signed in have no userName yet; SCIM shows them by e-mail, so that is what a patch keeps.
        draft.UserName ??= ScimUserView.From(user).UserName;
        ScimPatch.Apply(draft, body);
        return await ChangeAsync(db, user, draft, actor, cancellationToken);
    }

    /// <summary>SCIM DELETE: the person is deactivated and the resource answers 404 from now on; the row and its history stay.</summary>
    public async Task DeleteAsync(Actor actor, string id, string? ifMatch, CancellationToken cancellationToken)
    {
        await guard.EnsureAsync(actor, Permission.ManageUsers, Target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await FindAsync(db, id, cancellationToken);
        CheckPrecondition(user, ifMatch);
        var wasActive = user.IsActive;
        user.Deprovision(clock.GetUtcNow().UtcDateTime);
        await SaveAsync(db, user, actor, wasActive, cancellationToken);
    }

    private async Task<ScimUserView> ChangeAsync(PortalDbContext db, UserAccount user, ScimDraft draft, Actor actor, CancellationToken cancellationToken)
    {
        var profile = draft.ToProfile();
        await EnsureUniqueAsync(db, profile, user.Id, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var wasActive = user.IsActive;
        user.ApplyProfile(profile, now);
        ApplyActive(user, draft.Active ?? user.IsActive, now);
        return await SaveAsync(db, user, actor, wasActive, cancellationToken);
    }

    private static void ApplyActive(UserAccount user, bool active, DateTime now)
    {
        if (active && !user.IsActive)
        {
            user.Reactivate(now);
        }
        else if (!active && user.IsActive)
        {
            user.Deactivate("Deactivated by the identity provider (SCIM)", now);
        }
    }

    private async Task<ScimUserView> SaveAsync(PortalDbContext db, UserAccount user, Actor actor, bool wasActive, CancellationToken cancellationToken)
    {
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw ScimException.Stale($"{user.Name} was changed at the same moment; read it again and retry.");
        }
        catch (DbUpdateException)
        {
            // The unique indexes (userName ignoring case, subject) caught a concurrent provisioning of the same person.
            throw ScimException.Uniqueness($"Another user already has the userName '{user.UserName}' or the externalId '{user.ExternalId}'.");
        }
        activeUsers.Forget(user.Subject);
        if (wasActive && !user.IsActive)
        {
            await lifecycle.PublishAsync(new UserDeactivated(user.Subject, user.Name, actor.Name, user.DeactivationReason, clock.GetUtcNow().UtcDateTime),
                cancellationToken);
        }
        return ScimUserView.From(user);
    }

    /// <summary>
    /// An account a POST takes over instead of creating a second one: one the provider deleted before (re-hire), or one that
    /// signed in before provisioning, found by subject = externalId or e-mail = userName. A live provisioned userName is a 409.
    /// </summary>
#pragma warning disable CA1862 // ToUpper is translated to SQL UPPER; string.Equals with a comparison is not translatable
    private static async Task<UserAccount?> AdoptableAsync(PortalDbContext db, DirectoryProfile profile, CancellationToken cancellationToken)
    {
        var key = UserAccount.KeyOf(profile.UserName);
        await EnsureUniqueAsync(db, profile, exceptId: null, cancellationToken);
        return await db.Users.Where(u => u.UserNameKey == key && u.DeprovisionedAt != null).FirstOrDefaultAsync(cancellationToken)
            ?? await db.Users.Where(u => u.UserNameKey == null || u.DeprovisionedAt != null)
                .Where(u => (profile.ExternalId != null && u.Subject == profile.ExternalId) || (u.Email != null && u.Email.ToUpper() == key))
                .OrderBy(u => u.Id).FirstOrDefaultAsync(cancellationToken);
    }

#pragma warning restore CA1862

    private static async Task EnsureUniqueAsync(PortalDbContext db, DirectoryProfile profile, int? exceptId, CancellationToken cancellationToken)
    {
        var key = UserAccount.KeyOf(profile.UserName);
        var live = db.Users.Where(u => u.Id != exceptId && u.UserNameKey != null && u.DeprovisionedAt == null);
        if (await live.AnyAsync(u => u.UserNameKey == key, cancellationToken))
        {
            throw ScimException.Uniqueness($"Another user already has the userName '{profile.UserName}'.");
        }
        if (profile.ExternalId is { } externalId && await live.AnyAsync(u => u.ExternalId == externalId || u.Subject == externalId, cancellationToken))
        {
            throw ScimException.Uniqueness($"Another user already has the externalId '{externalId}'.");
        }
    }

    private async Task<ScimPage> QueryAsync(string? filterText, int startIndex, int count, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var users = db.Users.AsNoTracking().Where(u => u.DeprovisionedAt == null);
        if (!string.IsNullOrWhiteSpace(filterText))
        {
            var (filter, error) = ScimFilter.Parse(filterText);
            users = filter is null ? throw ScimException.Invalid("invalidFilter", error!) : Matching(users, filter);
        }
        var total = await users.CountAsync(cancellationToken);
        var page = await users.OrderBy(u => u.Id).Skip(startIndex - 1).Take(count).ToListAsync(cancellationToken);
        return new ScimPage(total, startIndex, page.Select(ScimUserView.From).ToList());
    }

#pragma warning disable CA1862 // ToUpper is translated to SQL UPPER; string.Equals with a comparison is not translatable
    private static IQueryable<UserAccount> Matching(IQueryable<UserAccount> users, ScimFilter filter)
    {
        var key = UserAccount.KeyOf(filter.Value);
        return filter.Attribute switch
        {
            "userName" => users.Where(u => u.UserNameKey == key || (u.UserNameKey == null && u.Email != null && u.Email.ToUpper() == key)),
            "externalId" => users.Where(u => u.ExternalId == filter.Value || (u.ExternalId == null && u.Subject == filter.Value)),
            _ => int.TryParse(filter.Value, out var id) ? users.Where(u => u.Id == id) : users.Where(_ => false),
        };
    }

#pragma warning restore CA1862

    private static async Task<UserAccount> FindAsync(PortalDbContext db, string id, CancellationToken cancellationToken) =>
        int.TryParse(id, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var key)
            ? await db.Users.SingleOrDefaultAsync(u => u.Id == key && u.DeprovisionedAt == null, cancellationToken) ?? throw ScimException.NotFound(id)
            : throw ScimException.NotFound(id);

    /// <summary>If-Match: the change applies only to the version the provider read (ETag W/"revision"); * matches any.</summary>
    private static void CheckPrecondition(UserAccount user, string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch))
        {
            return;
        }
        var current = ScimUserView.From(user).Version;
        var tags = ifMatch.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (!tags.Any(tag => tag == "*" || tag == current || tag == current[2..]))
        {
            throw ScimException.Stale($"The user is at version {current}, not {ifMatch}; read it again and retry.");
        }
    }
}

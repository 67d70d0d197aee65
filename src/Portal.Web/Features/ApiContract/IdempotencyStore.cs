using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.ApiContract;

namespace Portal.Web.Features.ApiContract;

/// <summary>What became of a request's claim on its key.</summary>
public abstract record IdempotencyClaim
{
    /// <summary>This request holds the key: it runs, and its answer is stored under <paramref name="RecordId"/>.</summary>
    public sealed record Claimed(long RecordId) : IdempotencyClaim;

    /// <summary>The same request already ran: answer with what it answered.</summary>
    public sealed record Replay(IdempotencyRecord Record) : IdempotencyClaim;

    /// <summary>The key was used with a different request.</summary>
    public sealed record Mismatch : IdempotencyClaim;

    /// <summary>The same request is still running elsewhere.</summary>
    public sealed record InProgress : IdempotencyClaim;
}

/// <summary>
/// Claims, completes and releases idempotency keys. The claim is an INSERT under a unique index on (caller, key), so of
/// two concurrent requests with one key exactly one runs, on one instance or several.
/// </summary>
public sealed class IdempotencyStore(IDbContextFactory<PortalDbContext> contexts, TimeProvider clock)
{
    public async Task<IdempotencyClaim> ClaimAsync(string caller, string key, string requestHash, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // An expired answer, or a claim whose request died, no longer holds the key.
        await db.IdempotencyRecords.Where(r => r.Caller == caller && r.Key == key && r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
        var claim = IdempotencyRecord.Claim(caller, key, requestHash, now);
        db.IdempotencyRecords.Add(claim);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return new IdempotencyClaim.Claimed(claim.Id);
        }
        catch (DbUpdateException taken) when (DatabaseErrors.Classify(taken, db.Model).Kind == DatabaseErrorKind.UniqueViolation)
        {
            var holder = await db.IdempotencyRecords.AsNoTracking().SingleOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);
            return holder switch
            {
                // Released between our insert and this read: the client retries and claims it then.
                null => new IdempotencyClaim.InProgress(),
                _ when holder.RequestHash != requestHash => new IdempotencyClaim.Mismatch(),
                { IsCompleted: false } => new IdempotencyClaim.InProgress(),
                _ => new IdempotencyClaim.Replay(holder),
            };
        }
    }

    /// <summary>Stores the answer to replay, kept for <see cref="IdempotencyKey.Lifetime"/>.</summary>
    public async Task CompleteAsync(long recordId, int statusCode, string? contentType, string? location, byte[] body, CancellationToken cancellationToken)
    {
        var expires = clock.GetUtcNow().UtcDateTime + IdempotencyKey.Lifetime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteUpdateAsync(set => set
            .SetProperty(r => r.StatusCode, statusCode)
            .SetProperty(r => r.ContentType, contentType)
            .SetProperty(r => r.Location, location)
            .SetProperty(r => r.Body, body)
            .SetProperty(r => r.ExpiresAt, expires), cancellationToken);
    }

    /// <summary>Frees the key of a request that failed, so that a retry runs it again.</summary>
    public async Task ReleaseAsync(long recordId)
    {
        // Not the request's token: a client that hung up must not leave its key claimed.
        await using var db = await contexts.CreateDbContextAsync(CancellationToken.None);
        await db.IdempotencyRecords.Where(r => r.Id == recordId).ExecuteDeleteAsync(CancellationToken.None);
    }

    /// <summary>Deletes every expired record; returns how many.</summary>
    public async Task<int> DeleteExpiredAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.IdempotencyRecords.Where(r => r.ExpiresAt <= now).ExecuteDeleteAsync(cancellationToken);
    }
}

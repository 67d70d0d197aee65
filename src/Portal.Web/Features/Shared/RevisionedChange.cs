using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;

namespace Portal.Web.Features.Shared;

/// <summary>
/// The one way an editable aggregate changes: refuse a stale revision, turn a domain refusal into a
/// conflict, save with the actor (so the audit trail records it), and report a lost race as stale too.
/// </summary>
public static class RevisionedChange
{
    public static async Task ApplyAsync<T>(PortalDbContext db, Actor actor, T entity, bool isStale, Action<T> change,
        Func<Task<ConflictException>> staleEdit, CancellationToken cancellationToken)
    {
        if (isStale)
        {
            throw (await staleEdit()).AsStaleRevision();
        }
        try
        {
            change(entity);
        }
        catch (InvalidOperationException refused)
        {
            throw new ConflictException(refused.Message);
        }
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw (await staleEdit()).AsStaleRevision();
        }
    }
}

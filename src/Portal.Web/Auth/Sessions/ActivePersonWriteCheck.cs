using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Portal.Data;
using Portal.Domain.Access;

namespace Portal.Web.Auth.Sessions;

/// <summary>
/// Every write a person makes checks, in the database and at that moment, that the directory still has them active:
/// a cookie, a circuit or a token issued before a deactivation writes nothing after it. The portal itself and pipelines
/// (service tokens) are not people and are not checked here.
/// </summary>
public sealed class ActivePersonWriteCheck : SaveChangesInterceptor
{
    public static string Refusal(string name) => $"{name} is deactivated in the portal's user directory and can no longer change anything.";

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result) =>
        SavingChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is PortalDbContext { Actor: { } actor } db && ReservedSubjects.IsPerson(actor.Id)
            && db.ChangeTracker.HasChanges() && !await ActiveUserCheck.IsActiveAsync(db, actor.Id, cancellationToken))
        {
            throw new AccessDeniedException(null, Refusal(actor.Name));
        }
        return result;
    }
}

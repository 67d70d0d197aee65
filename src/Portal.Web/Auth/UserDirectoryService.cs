using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;

namespace Portal.Web.Auth;

/// <summary>Remembers who signed in; a person deactivated in the directory gets no roles.</summary>
public sealed class UserDirectoryService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const string DeactivatedMessage = "Your account is deactivated in the portal's user directory; ask an Admin to reactivate it.";

    /// <summary>Records a sign-in and answers the roles the person may use now, or null when they are deactivated.</summary>
    public async Task<IReadOnlySet<string>?> RecordSignInAsync(string subject, string name, string? email,
        IReadOnlySet<string> mappedRoles, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Subject == subject, cancellationToken);
        if (user is null)
        {
            user = UserAccount.Create(subject, name, email);
            db.Users.Add(user);
        }
        user.RecordSignIn(name, email, mappedRoles, clock.GetUtcNow().UtcDateTime);
        db.Actor = new Actor(subject, name, mappedRoles);
        await db.SaveChangesAsync(cancellationToken);
        return user.IsActive ? mappedRoles : null;
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;

namespace Portal.Web.Auth;

/// <summary>Remembers who signed in; a person deactivated in the directory gets no roles.</summary>
public sealed class UserDirectoryService(IDbContextFactory<PortalDbContext> dbFactory, TimeProvider clock)
{
    public const string DeactivatedMessage = "Your account is deactivated in the portal's user directory; ask an Admin to reactivate it.";

    /// <summary>
    /// Records a sign-in and answers the roles the person may use now, or null when they are deactivated.
    /// <paramref name="userName"/> (the provider's preferred_username) or the e-mail links an account provisioned over
    /// SCIM without an externalId to the subject it signs in with. An e-mail the provider says is not verified
    /// (<paramref name="emailVerified"/> false) links nothing: anyone could have typed it, so the sign-in gets an account of its own.
    /// </summary>
    public async Task<IReadOnlySet<string>?> RecordSignInAsync(string subject, string name, string? email,
        IReadOnlySet<string> mappedRoles, string? userName = null, bool? emailVerified = null, CancellationToken cancellationToken = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Subject == subject, cancellationToken)
            ?? await ProvisionedAwaitingLinkAsync(db, userName, emailVerified == false ? null : email, cancellationToken);
        if (user is null)
        {
            user = UserAccount.Create(subject, name, email);
            db.Users.Add(user);
        }
        else if (!user.IsActive)
        {
            return null; // a deactivated person changes nothing by signing in
        }
        else if (user.IsPendingLink)
        {
            user.LinkSubject(subject);
        }
        user.RecordSignIn(name, email, mappedRoles, clock.GetUtcNow().UtcDateTime);
        db.Actor = new Actor(subject, name, mappedRoles);
        await db.SaveChangesAsync(cancellationToken);
        return user.IsActive ? mappedRoles : null;
    }

    private static async Task<UserAccount?> ProvisionedAwaitingLinkAsync(PortalDbContext db, string? userName, string? email,
        CancellationToken cancellationToken)
    {
        var keys = new[] { userName, email }.Where(k => !string.IsNullOrWhiteSpace(k)).Select(k => UserAccount.KeyOf(k!)).ToList();
        if (keys.Count == 0)
        {
            return null;
        }
        return await db.Users.FirstOrDefaultAsync(u => u.Subject.StartsWith(UserAccount.PendingSubjectPrefix)
            && u.UserNameKey != null && keys.Contains(u.UserNameKey), cancellationToken);
    }
}

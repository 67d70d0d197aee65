using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Ownership;
using Portal.Web.Auth;
using Portal.Web.Features.Ownership;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Ownership;

/// <summary>The shared bUnit context plus the ownership feature's services and people in the user directory.</summary>
public abstract class OwnershipTestContext : PortalTestContext
{
    protected OwnershipTestContext()
    {
        Services.AddOwnershipFeature();
        Services.AddSingleton<UserDirectoryService>();
    }

    protected OwnershipService Ownership => Services.GetRequiredService<OwnershipService>();

    /// <summary>Records a person as their first sign-in would, so that they can be picked as an owner.</summary>
    protected async Task<string> PersonAsync(string subject, string name)
    {
        await Services.GetRequiredService<UserDirectoryService>().RecordSignInAsync(subject, name, null, new HashSet<string>());
        return subject;
    }

    protected async Task DeactivateAsync(string subject)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        (await db.Users.SingleAsync(u => u.Subject == subject)).Deactivate("Left", DateTime.UtcNow);
        db.Actor = Arranger;
        await db.SaveChangesAsync();
    }

    protected Task AssignAsync(string key, string subject, OwnerRole role, string reason = "Arranged") =>
        Ownership.AssignAsync(Arranger, key, subject, role, reason);
}

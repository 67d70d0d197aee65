using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Auth;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Ownership;
using Portal.Web.Features.Releases;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Notifications;

/// <summary>
/// The release and ownership workflow tells the right people, with a link to the exact record: the reviewers who may sign a
/// new request, the requester and owners of each decision, the person and the manager of each owner change; nobody of their own act.
/// </summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class WorkflowNotificationTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    private NotificationService Notifications => portal.App.Services.GetRequiredService<NotificationService>();

    [Fact]
    public async Task A_new_request_asks_the_reviewers_who_may_sign_it_and_nobody_else()
    {
        var (manager, requester) = (Unique("mgr"), Unique("req"));
        var key = await portal.ModelAsync("Low", manager, requester);
        var reviewer = await ReviewerAsync(Unique("rev"));
        var ownerReviewer = await ReviewerAsync(Unique("own-rev"));
        await portal.AssignOwnerAsync(key, ownerReviewer, "Backup");
        var departed = await ReviewerAsync(Unique("gone-rev"));
        await DeactivateAsync(departed);

        var id = await portal.RequestAsync(key, requester);

        var asked = Assert.Single(await TitledAsync(reviewer, $"{key} 2.0.0 → Production awaits your signature"));
        Assert.Equal($"/releases/{id}", asked.Link);
        Assert.Equal(ReleaseNotifications.Category, asked.Category);
        Assert.Contains("needs 1 sign-off", asked.Body);
        Assert.Empty(await MineAsync(ownerReviewer, "awaits your signature"));
        Assert.Empty(await MineAsync(requester, "awaits your signature"));
        Assert.Empty(await MineAsync(manager, "awaits your signature"));
        Assert.Empty(await MineAsync(departed, "awaits your signature"));
    }

    [Fact]
    public async Task An_approval_tells_the_requester_and_the_owners_but_not_the_signer()
    {
        var requester = Unique("req");
        var key = await portal.ModelAsync("Low", requester);
        var reviewer = await ReviewerAsync(Unique("rev"));
        var id = await portal.RequestAsync(key, requester);

        await portal.Releases.SignAsync(Reviewer(reviewer), portal.FreshSession, id, SignatureMeaning.Approved, "Evidence complete.");

        foreach (var person in new[] { requester, $"owner-{key}" })
        {
            var told = Assert.Single(await TitledAsync(person, $"Release #{id} approved: {key} 2.0.0 is in Production"));
            Assert.Equal($"/releases/{id}", told.Link);
            Assert.Contains("Evidence complete.", told.Body);
        }
        Assert.Empty(await MineAsync(reviewer, $"Release #{id}"));
    }

    [Fact]
    public async Task A_first_of_two_sign_offs_and_a_rejection_tell_the_requester_and_owners()
    {
        var requester = Unique("req");
        var key = await portal.ModelAsync("High", requester);
        var (first, second) = (await ReviewerAsync(Unique("rev1")), await ReviewerAsync(Unique("rev2")));
        var id = await portal.RequestAsync(key, requester);
        Assert.Contains("one from outside team", Assert.Single(await MineAsync(first, "awaits your signature")).Body);

        await portal.Releases.SignAsync(Reviewer(first), portal.FreshSession, id, SignatureMeaning.Reviewed, "Looked at lineage.");
        await portal.Releases.SignAsync(Reviewer(second), portal.FreshSession, id, SignatureMeaning.Rejected, "Fairness evidence is stale.");

        var signed = Assert.Single(await MineAsync(requester, $"signed release #{id}"));
        Assert.Contains("0 of 2", signed.Body);
        var rejected = Assert.Single(await TitledAsync($"owner-{key}", $"Release #{id} of {key} 2.0.0 was rejected"));
        Assert.Equal($"/releases/{id}", rejected.Link);
        Assert.Contains("Fairness evidence is stale.", rejected.Body);
        Assert.Empty(await MineAsync(second, "was rejected"));
    }

    [Fact]
    public async Task A_withdrawal_tells_the_owners_and_the_reviewers_who_were_asked_but_not_the_requester_who_withdrew()
    {
        var requester = Unique("req");
        var key = await portal.ModelAsync("Low", requester);
        var reviewer = await ReviewerAsync(Unique("rev"));
        var id = await portal.RequestAsync(key, requester);

        await portal.Releases.WithdrawAsync(Engineer(requester), id);

        var title = $"Release #{id} of {key} 2.0.0 was withdrawn";
        Assert.Equal($"/releases/{id}", Assert.Single(await TitledAsync($"owner-{key}", title)).Link);
        Assert.Single(await TitledAsync(reviewer, title));
        Assert.Empty(await TitledAsync(requester, title));
    }

    [Fact]
    public async Task A_gate_exception_tells_the_requester_and_owners()
    {
        var requester = Unique("req");
        var key = await portal.ModelAsync("Medium", requester);
        await portal.DeactivateOwnerAsync(key);
        var reviewer = await ReviewerAsync(Unique("rev"));
        var id = await portal.RequestAsync(key, requester);

        await portal.Releases.RecordExceptionAsync(Reviewer(reviewer), portal.FreshSession, id, PrimaryOwnerGate.GateName, "New owner starts Monday.",
            portal.Now.AddDays(7));

        var told = Assert.Single(await MineAsync(requester, $"Gate exception on release #{id}"));
        Assert.Equal($"/releases/{id}", told.Link);
        Assert.Contains("New owner starts Monday.", told.Body);
        Assert.Empty(await MineAsync(reviewer, "Gate exception"));
    }

    [Fact]
    public async Task An_owner_assignment_and_its_end_tell_that_person_and_the_teams_manager_but_not_the_admin_who_did_it()
    {
        var manager = Unique("mgr");
        var key = await portal.ModelAsync("Low", manager);
        var backup = await portal.PersonAsync(Unique("backup"));
        var ownership = portal.App.Services.GetRequiredService<OwnershipService>();

        await ownership.AssignAsync(Admin, key, backup, OwnerRole.Backup, "Covers holidays.");
        await ownership.EndAsync(Admin, key, backup, "Back from leave.");

        var link = $"/models/{key}?tab=ownership";
        Assert.Equal(link, Assert.Single(await TitledAsync(backup, $"You are now backup owner of {key}")).Link);
        Assert.Single(await TitledAsync(backup, $"You are no longer backup owner of {key}"));
        Assert.Contains("Covers holidays.", Assert.Single(await TitledAsync(manager, $"{backup} is now backup owner of {key}")).Body);
        Assert.Equal(link, Assert.Single(await TitledAsync(manager, $"{backup} is no longer backup owner of {key}")).Link);
        Assert.Empty(await MineAsync(Admin.Id, key));
    }

    [Fact]
    public async Task Replacing_the_primary_owner_tells_the_new_and_the_former_owner()
    {
        var key = await portal.ModelAsync("Low", Unique("mgr"));
        var successor = await portal.PersonAsync(Unique("succ"));

        await portal.App.Services.GetRequiredService<OwnershipService>().AssignAsync(Admin, key, successor, OwnerRole.Primary, "Handover.");

        Assert.Single(await TitledAsync(successor, $"You are now primary owner of {key}"));
        Assert.Single(await TitledAsync($"owner-{key}", $"You are no longer primary owner of {key}"));
    }

    [Fact]
    public async Task The_demo_datas_notifications_are_the_workflows_own_and_reach_the_right_people()
    {
        using var factory = new PortalFactory();
        using var demo = factory.WithWebHostBuilder(b => b.UseSetting("Portal:SeedDemoData", "true"));
        var notifications = demo.Services.GetRequiredService<NotificationService>();
        var pending = (await demo.Services.GetRequiredService<ReleaseService>().ListAsync(Admin, "credit-default-pd", ReleaseStatus.Pending)).Items.Single();
        async Task<IReadOnlyList<NotificationView>> Of(string subject) =>
            await notifications.ListMineAsync(new Actor(subject, subject, new HashSet<string> { PortalRoles.Engineer }), false, 50);

        var rita = Assert.Single(await Of("demo-rita"), n => n.Category == ReleaseNotifications.Category);
        Assert.Equal(("credit-default-pd 1.1.0 → Production awaits your signature", $"/releases/{pending.Id}"), (rita.Title, rita.Link));
        Assert.DoesNotContain(await Of("demo-eric"), n => n.Title.Contains("awaits", StringComparison.Ordinal));
        Assert.Contains(await Of("demo-eric"), n => n.Title == "You are now primary owner of fraud-card-realtime");
        Assert.Contains(await Of("demo-mona"), n => n.Title == "Eric Engineer is now primary owner of fraud-card-realtime");
        Assert.DoesNotContain(await Of("demo-alice"), n => n.Category == OwnershipNotifications.Category);
        Assert.Contains(await Of("demo-alice"), n => n.Title.StartsWith("Release #", StringComparison.Ordinal) && n.Title.Contains("approved: document-classifier", StringComparison.Ordinal));
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..20];

    private async Task<string> ReviewerAsync(string subject)
    {
        await portal.App.Services.GetRequiredService<UserDirectoryService>()
            .RecordSignInAsync(subject, subject, $"{subject}@example.test", new HashSet<string> { PortalRoles.ComplianceReviewer });
        return subject;
    }

    private async Task DeactivateAsync(string subject)
    {
        var users = portal.App.Services.GetRequiredService<Portal.Web.Features.Admin.UserAdminService>();
        var user = (await users.ListAsync(Admin)).Single(u => u.Subject == subject);
        await users.SetActiveAsync(Admin, subject, false, user.Revision);
    }

    private async Task<List<NotificationView>> MineAsync(string subject, string titleContains) =>
        [.. (await Notifications.ListMineAsync(new Actor(subject, subject, new HashSet<string> { PortalRoles.Engineer }), false, 100))
            .Where(n => n.Title.Contains(titleContains, StringComparison.Ordinal))];

    private async Task<List<NotificationView>> TitledAsync(string subject, string title) =>
        [.. (await MineAsync(subject, title)).Where(n => n.Title == title)];
}

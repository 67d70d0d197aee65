using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;

namespace Portal.IntegrationTests.Notifications;

/// <summary>Notifications other features send, and each person's own list and read state, through the service and the API.</summary>
public sealed class NotificationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    /// <summary>The subject the static Engineer token authenticates as.</summary>
    private const string EngineerToken = "service:test-engineer";

    private NotificationService Notifications => portal.Services.GetRequiredService<NotificationService>();

    private static Actor Person(string subject) => new(subject, subject, new HashSet<string> { PortalRoles.Engineer });

    [Fact]
    public async Task Notify_creates_one_per_distinct_recipient_newest_first_and_unread()
    {
        var (a, b) = (Unique("a"), Unique("b"));

        var created = await Notifications.NotifyAsync([a, b, a, " "], "Flags", "Model orphaned", "credit-pd has no primary owner.", "/models/credit-pd", default);
        await Notifications.NotifyAsync([a], "Flags", "Second", "", null, default);

        Assert.Equal(2, created);
        var mine = await Notifications.ListMineAsync(Person(a), unreadOnly: false, take: 10);
        Assert.Equal(["Second", "Model orphaned"], mine.Select(n => n.Title));
        Assert.All(mine, n => Assert.False(n.IsRead));
        Assert.Equal("/models/credit-pd", mine[1].Link);
        Assert.Single(await Notifications.ListMineAsync(Person(b), unreadOnly: false, take: 10));
        Assert.Equal(2, await Notifications.CountUnreadAsync(Person(a)));
    }

    [Fact]
    public async Task Deactivated_people_get_no_notifications()
    {
        var leaver = Unique("leaver");
        await portal.Services.GetRequiredService<UserDirectoryService>().RecordSignInAsync(leaver, "Leaver", null, new HashSet<string>());
        var admin = new Actor("notif-admin", "Admin", new HashSet<string> { PortalRoles.Admin });
        await portal.Services.GetRequiredService<Portal.Web.Features.Admin.UserAdminService>().SetActiveAsync(admin, leaver, false, 1, "Left");

        Assert.Equal(0, await Notifications.NotifyAsync([leaver], "Flags", "T", "B", null, default));
    }

    [Fact]
    public async Task Bad_content_is_refused_and_nothing_is_stored()
    {
        var person = Unique("bad");

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() =>
            Notifications.NotifyAsync([person], "Flags", "", "B", "https://evil.example", default));

        Assert.Equal(["link", "title"], refused.Errors.Keys.Order());
        Assert.Empty(await Notifications.ListMineAsync(Person(person), false, 10));
    }

    [Fact]
    public async Task Personal_notes_give_each_recipient_their_own_text_in_one_go_and_none_to_a_leaver()
    {
        var (a, b, leaver) = (Unique("a"), Unique("b"), Unique("leaver"));
        await portal.Services.GetRequiredService<UserDirectoryService>().RecordSignInAsync(leaver, "Leaver", null, new HashSet<string>());
        var admin = new Actor("notif-admin", "Admin", new HashSet<string> { PortalRoles.Admin });
        await portal.Services.GetRequiredService<Portal.Web.Features.Admin.UserAdminService>().SetActiveAsync(admin, leaver, false, 1, "Left");

        var created = await Notifications.NotifyEachAsync("Flags", "/attention",
            [new PersonalNote(a, "2 models need your attention", "New flags: m1; m2."), new PersonalNote(b, "m3 needs your attention", "New flags: m3."),
                new PersonalNote(leaver, "m4 needs your attention", "New flags: m4.")], default);

        Assert.Equal(2, created);
        Assert.Equal(["2 models need your attention"], (await Notifications.ListMineAsync(Person(a), false, 10)).Select(n => n.Title));
        Assert.Equal(["New flags: m3."], (await Notifications.ListMineAsync(Person(b), false, 10)).Select(n => n.Body));
        Assert.Empty(await Notifications.ListMineAsync(Person(leaver), false, 10));
    }

    [Fact]
    public async Task One_bad_personal_note_refuses_them_all_and_nothing_is_stored()
    {
        var (a, b) = (Unique("a"), Unique("b"));

        var refused = await Assert.ThrowsAsync<InputRejectedException>(() => Notifications.NotifyEachAsync("Flags", null,
            [new PersonalNote(a, "Fine", "B"), new PersonalNote(b, new string('x', 100_000), "B")], default));

        Assert.Equal(["title"], refused.Errors.Keys);
        Assert.Empty(await Notifications.ListMineAsync(Person(a), false, 10));
        Assert.Empty(await Notifications.ListMineAsync(Person(b), false, 10));
    }

    [Fact]
    public async Task Marking_read_changes_only_the_readers_own_notification()
    {
        var (owner, other) = (Unique("owner"), Unique("other"));
        await Notifications.NotifyAsync([owner], "Flags", "Yours", "B", null, default);
        var id = (await Notifications.ListMineAsync(Person(owner), false, 10)).Single().Id;

        await Assert.ThrowsAsync<NotFoundException>(() => Notifications.MarkReadAsync(Person(other), id));
        Assert.Equal(1, await Notifications.CountUnreadAsync(Person(owner)));

        var read = await Notifications.MarkReadAsync(Person(owner), id);
        Assert.True(read.IsRead);
        Assert.Equal(0, await Notifications.CountUnreadAsync(Person(owner)));
        Assert.Empty(await Notifications.ListMineAsync(Person(owner), unreadOnly: true, take: 10));
    }

    [Fact]
    public async Task Mark_all_read_touches_nobody_else()
    {
        var (me, you) = (Unique("me"), Unique("you"));
        await Notifications.NotifyAsync([me, you], "Flags", "Both", "B", null, default);
        await Notifications.NotifyAsync([me], "Flags", "Mine", "B", null, default);

        Assert.Equal(2, await Notifications.MarkAllReadAsync(Person(me)));

        Assert.Equal(0, await Notifications.CountUnreadAsync(Person(me)));
        Assert.Equal(1, await Notifications.CountUnreadAsync(Person(you)));
    }

    [Fact]
    public async Task Someone_without_a_portal_role_is_refused()
    {
        var nobody = new Actor(Unique("norole"), "No Role", new HashSet<string>());

        await Assert.ThrowsAsync<AccessDeniedException>(() => Notifications.ListMineAsync(nobody, false, 10));
    }

    [Fact]
    public async Task The_api_lists_only_the_callers_notifications_and_someone_elses_id_is_a_404()
    {
        await Notifications.NotifyAsync([EngineerToken], "Flags", "For the pipeline", "B", "/models/x", default);
        var other = Unique("api-other");
        await Notifications.NotifyAsync([other], "Flags", "Not yours", "B", null, default);
        var othersId = (await Notifications.ListMineAsync(Person(other), false, 10)).Single().Id;
        var engineer = portal.ClientAs(PortalRoles.Engineer);

        var mine = await (await engineer.GetAsync("/api/v1/notifications/mine")).ReadJsonAsync();
        Assert.Contains(mine.EnumerateArray(), n => n.GetProperty("title").GetString() == "For the pipeline");
        Assert.DoesNotContain(mine.EnumerateArray(), n => n.GetProperty("title").GetString() == "Not yours");

        Assert.Equal(HttpStatusCode.NotFound, (await engineer.PostAsync($"/api/v1/notifications/{othersId}/read", null)).StatusCode);
        var ownId = mine.EnumerateArray().First(n => n.GetProperty("title").GetString() == "For the pipeline").GetProperty("id").GetInt64();
        var read = await engineer.PostAsync($"/api/v1/notifications/{ownId}/read", null);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await read.ReadJsonAsync()).GetProperty("readAt").ValueKind);
        var unread = await (await engineer.GetAsync("/api/v1/notifications/mine?unreadOnly=true")).ReadJsonAsync();
        Assert.DoesNotContain(unread.EnumerateArray(), n => n.GetProperty("id").GetInt64() == ownId);
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.ClientAs(null).GetAsync("/api/v1/notifications/mine")).StatusCode);
    }

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";
}

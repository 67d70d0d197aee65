using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Web.Features.Notifications;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Notifications;

public sealed class NotificationComponentTests : PortalTestContext
{
    /// <summary>The subject PortalTestContext gives a signed-in Engineer.</summary>
    private const string Engineer = "sub-engineer";

    public NotificationComponentTests() =>
        Services.AddNotificationsFeature(new ConfigurationBuilder().Build());

    private NotificationService Notifications => Services.GetRequiredService<NotificationService>();

    [Fact]
    public async Task The_bell_shows_the_unread_count_and_lists_the_latest_when_opened()
    {
        await Notifications.NotifyAsync([Engineer], "Flags", "credit-pd is orphaned", "No primary owner.", "/models/credit-pd", default);
        await Notifications.NotifyAsync([Engineer], "Ownership", "Acknowledge ownership", "B", null, default);
        await Notifications.NotifyAsync(["someone-else"], "Flags", "Not for you", "B", null, default);

        var bell = RenderWithProviders<NotificationBell>();
        Assert.Equal("Notifications, 2 unread", bell.Find("#notification-bell").GetAttribute("aria-label"));

        await bell.Find("#notification-bell").ClickAsync(new());
        var menu = Host.WaitForElement("#notification-list");
        Assert.Contains("credit-pd is orphaned", menu.TextContent, StringComparison.Ordinal);
        Assert.Contains("Acknowledge ownership", menu.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Not for you", menu.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_page_lists_only_ones_own_and_marks_all_read()
    {
        await Notifications.NotifyAsync([Engineer], "Flags", "First flag", "Body one", null, default);
        await Notifications.NotifyAsync(["someone-else"], "Flags", "Not for you", "B", null, default);

        var page = RenderWithProviders<NotificationsPage>();
        page.WaitForAssertion(() => Assert.Contains("First flag", page.Find("#notifications-table").TextContent, StringComparison.Ordinal));
        Assert.DoesNotContain("Not for you", page.Markup, StringComparison.Ordinal);
        Assert.Contains("E-mail is not configured", page.Markup, StringComparison.Ordinal);

        await page.Find("#mark-all-read").ClickAsync(new());

        var engineer = new Actor(Engineer, "Test Engineer", new HashSet<string> { PortalRoles.Engineer });
        Assert.Equal(0, await Notifications.CountUnreadAsync(engineer));
        page.WaitForAssertion(() => Assert.DoesNotContain("Mark read", page.Find("#notifications-table").TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Marking_read_on_the_page_updates_the_bell_at_once()
    {
        await Notifications.NotifyAsync([Engineer], "Flags", "Flag", "B", null, default);
        var host = Render(builder =>
        {
            builder.OpenComponent<MudBlazor.MudPopoverProvider>(0);
            builder.CloseComponent();
            builder.OpenComponent<MudBlazor.MudSnackbarProvider>(1);
            builder.CloseComponent();
            builder.OpenComponent<NotificationBell>(2);
            builder.CloseComponent();
            builder.OpenComponent<NotificationsPage>(3);
            builder.CloseComponent();
        });
        host.WaitForAssertion(() => Assert.Equal("Notifications, 1 unread", host.Find("#notification-bell").GetAttribute("aria-label")));

        await host.Find("#mark-all-read").ClickAsync(new());

        host.WaitForAssertion(() => Assert.Equal("Notifications, 0 unread", host.Find("#notification-bell").GetAttribute("aria-label")));
    }
}

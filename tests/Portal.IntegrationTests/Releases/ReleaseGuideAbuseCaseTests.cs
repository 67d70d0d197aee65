using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Releases;

/// <summary>
/// The guide's controls hold in the service: the gate preview shows failing gates and changes nothing, and an approval crafted
/// around the disabled Approve button while a gate blocks is refused, stores nothing and tells nobody it was approved.
/// </summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class ReleaseGuideAbuseCaseTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task The_gate_preview_says_which_gates_fail_and_block_and_records_nothing()
    {
        var key = await portal.ModelAsync("Medium", "guide-eng");
        await portal.DeactivateOwnerAsync(key);
        var audited = await portal.CountAuditAsync("Release.Requested");

        var gates = await portal.Releases.PreviewGatesAsync(Engineer("guide-eng"), key, "2.0.0", VersionStage.Production);

        Assert.Contains(gates, g => g is { Gate: "primary-owner", Passed: false, Blocking: true });
        Assert.Empty((await portal.Releases.ListAsync(Admin, key)).Items);
        Assert.Equal(audited, await portal.CountAuditAsync("Release.Requested"));
    }

    [Fact]
    public async Task Someone_without_a_portal_role_cannot_preview_gates()
    {
        var key = await portal.ModelAsync("Low", "guide-eng2");
        var nobody = new Actor("guide-nobody", "Nobody", new HashSet<string>());

        await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Releases.PreviewGatesAsync(nobody, key, "2.0.0", VersionStage.Production));
    }

    [Fact]
    public async Task An_approval_sent_around_the_disabled_button_while_a_gate_blocks_is_refused_and_nobody_hears_of_an_approval()
    {
        var key = await portal.ModelAsync("Medium", "guide-eng3");
        var id = await portal.RequestAsync(key, "guide-eng3");
        await portal.DeactivateOwnerAsync(key);

        var refused = await Assert.ThrowsAsync<ConflictException>(() =>
            portal.Releases.SignAsync(Reviewer("guide-rev"), portal.FreshSession, id, SignatureMeaning.Approved, "Ship it."));

        Assert.Contains("Active primary owner", refused.Message);
        var detail = await portal.Releases.GetAsync(Admin, id);
        Assert.Equal((ReleaseStatus.Pending, 0), (detail.Status, detail.Signatures.Count));
        var requesterNews = await portal.App.Services.GetRequiredService<NotificationService>()
            .ListMineAsync(Engineer("guide-eng3"), unreadOnly: false, take: 50);
        Assert.DoesNotContain(requesterNews, n => n.Title.Contains($"Release #{id} approved", StringComparison.Ordinal));
    }
}

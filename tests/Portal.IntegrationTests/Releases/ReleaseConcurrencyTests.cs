using Portal.Domain.Releases;
using Portal.Web.Features.Releases;
using Portal.Web.Features.Shared;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Releases;

public sealed class ReleaseConcurrencyTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task Two_reviewers_signing_a_high_tier_request_at_once_both_count_and_promote_exactly_once()
    {
        for (var round = 0; round < 3; round++)
        {
            var key = await portal.ModelAsync("High", "eng-a", "rev-in");
            var id = await portal.RequestAsync(key, "eng-a");

            var outcomes = await Task.WhenAll(
                Attempt(() => portal.Releases.SignAsync(Reviewer("rev-in"), portal.FreshSession, id, SignatureMeaning.Approved, "In-team review.")),
                Attempt(() => portal.Releases.SignAsync(Reviewer("rev-out"), portal.FreshSession, id, SignatureMeaning.Approved, "Independent review.")));

            Assert.All(outcomes, o => Assert.Null(o));
            var detail = await portal.Releases.GetAsync(Admin, id);
            Assert.Equal(ReleaseStatus.Approved, detail.Status);
            Assert.Equal(["rev-in", "rev-out"], detail.Signatures.Select(s => s.SignerId).Order());
            Assert.Equal(1, await portal.CountAuditAsync("Release.Promoted", $"release-{id}"));
            Assert.Equal(1, await portal.CountAuditAsync("Version.StageChanged", $"{key}@2.0.0"));
        }
    }

    [Fact]
    public async Task Two_reviewers_signing_a_low_tier_request_at_once_give_one_signature_one_promotion_and_one_clear_conflict()
    {
        for (var round = 0; round < 3; round++)
        {
            var key = await portal.ModelAsync("Low", "eng-a");
            var id = await portal.RequestAsync(key, "eng-a");

            var outcomes = await Task.WhenAll(
                Attempt(() => portal.Releases.SignAsync(Reviewer("rev-1"), portal.FreshSession, id, SignatureMeaning.Approved, "One.")),
                Attempt(() => portal.Releases.SignAsync(Reviewer("rev-2"), portal.FreshSession, id, SignatureMeaning.Approved, "Two.")));

            var refusal = Assert.Single(outcomes, o => o is not null);
            Assert.IsType<ConflictException>(refusal);
            Assert.Contains("already approved", refusal!.Message);
            var detail = await portal.Releases.GetAsync(Admin, id);
            Assert.Equal(ReleaseStatus.Approved, detail.Status);
            Assert.Single(detail.Signatures);
            Assert.Equal(1, await portal.CountAuditAsync("Version.StageChanged", $"{key}@2.0.0"));
            Assert.Equal(1, await portal.CountAuditAsync("Version.StageChanged", $"{key}@1.0.0") - 1);
        }
    }

    private static async Task<Exception?> Attempt(Func<Task<ReleaseDetail>> sign)
    {
        try
        {
            await Task.Yield();
            await sign();
            return null;
        }
        catch (Exception failure)
        {
            return failure;
        }
    }
}

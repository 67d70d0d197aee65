using Portal.Domain.Inventory;
using Portal.Domain.Releases;

namespace Portal.Domain.Tests.Inventory;

public class NextStepsTests
{
    private static readonly NextStepFacts Nothing = new("credit-pd", "Credit Risk", null, null, null, null, null, null);

    private static NextStep Step(NextStepFacts facts, string key) => Assert.Single(NextSteps.For(facts), s => s.Key == key);

    [Fact]
    public void A_new_model_lists_owner_version_fairness_card_and_release_in_that_order()
    {
        Assert.Equal(["owner", "version", "fairness", "card", "release"], NextSteps.For(Nothing).Select(s => s.Key));
        Assert.All(NextSteps.For(Nothing), s => Assert.Equal(StepState.ToDo, s.State));
        Assert.Equal("card", Step(Nothing, "card").Tab);
        Assert.Contains("A manager of team Credit Risk or an Admin assigns one", Step(Nothing, "owner").Detail);
    }

    [Fact]
    public void A_failed_fairness_evaluation_is_still_to_do_and_a_passed_one_is_done()
    {
        var failed = Nothing with { NewestVersionLabel = "1.1.0", NewestVersionFairnessPassed = false };
        Assert.Equal(StepState.ToDo, Step(failed, "fairness").State);
        Assert.Contains("failed", Step(failed, "fairness").Detail);
        Assert.Equal(StepState.Done, Step(failed with { NewestVersionFairnessPassed = true }, "fairness").State);
    }

    [Theory]
    [InlineData(ReleaseStatus.Pending, StepState.InProgress)]
    [InlineData(ReleaseStatus.Approved, StepState.Done)]
    [InlineData(ReleaseStatus.Rejected, StepState.ToDo)]
    [InlineData(ReleaseStatus.Withdrawn, StepState.ToDo)]
    public void The_release_step_follows_the_last_request(ReleaseStatus status, StepState expected)
    {
        var facts = Nothing with { NewestVersionLabel = "1.1.0", LastRequestId = 4, LastRequestVersionLabel = "1.1.0", LastRequestStatus = status };
        Assert.Equal(expected, Step(facts, "release").State);
        Assert.Contains("#4", Step(facts, "release").Detail);
    }

    [Theory]
    [InlineData(3, false, StepState.InProgress, "Card revision 3 awaits a Compliance reviewer's review")]
    [InlineData(3, true, StepState.Done, "Card revision 3 was reviewed.")]
    public void The_card_step_follows_the_latest_revision_and_its_review(int revision, bool reviewed, StepState state, string detail)
    {
        var card = Step(Nothing with { CardRevision = revision, CardReviewed = reviewed }, "card");
        Assert.Equal(state, card.State);
        Assert.Contains(detail, card.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void An_owner_makes_the_owner_step_done() =>
        Assert.Equal(StepState.Done, Step(Nothing with { PrimaryOwnerName = "Eric Engineer" }, "owner").State);
}

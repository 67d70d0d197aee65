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
        Assert.Equal(("card", "credit-pd has no model card yet; write one on the Card tab."), (Step(Nothing, "card").Tab, Step(Nothing, "card").Detail));
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

    [Fact]
    public void An_owner_makes_the_owner_step_done() =>
        Assert.Equal(StepState.Done, Step(Nothing with { PrimaryOwnerName = "Eric Engineer" }, "owner").State);

    [Fact]
    public void An_incomplete_card_is_to_do_and_says_exactly_what_is_missing()
    {
        var step = Step(Nothing with { Card = new CardStepFacts(3, ["Intended use is empty", "Metrics has 4 words, needs at least 20"], Reviewed: true) }, "card");

        Assert.Equal(StepState.ToDo, step.State);
        Assert.Equal("Revision 3 is incomplete for its risk tier: Intended use is empty; Metrics has 4 words, needs at least 20.", step.Detail);
        Assert.Equal("card", step.Tab);
    }

    [Fact]
    public void A_complete_card_awaits_review_until_its_latest_revision_is_reviewed_then_is_done()
    {
        var complete = Nothing with { Card = new CardStepFacts(2, [], Reviewed: false) };
        Assert.Equal(StepState.InProgress, Step(complete, "card").State);
        Assert.Contains("awaits a Compliance reviewer's review", Step(complete, "card").Detail);

        var reviewed = Step(complete with { Card = new CardStepFacts(2, [], Reviewed: true) }, "card");
        Assert.Equal((StepState.Done, "Revision 2 is complete and reviewed."), (reviewed.State, reviewed.Detail));
    }
}

using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;
using Portal.Domain.PointInTime;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using static Portal.Domain.Tests.PointInTime.ScriptedHistory;

namespace Portal.Domain.Tests.PointInTime;

public class ModelAsOfBuilderTests
{
    private static ModelAsOf? At(DateTime asOf) =>
        ModelAsOfBuilder.Build(Key, asOf, UpTo(asOf).LastOrDefault()?.Sequence, UpTo(asOf), History);

    private static ModelAsOf Existing(DateTime asOf) => At(asOf) ?? throw new InvalidOperationException("The model existed then.");

    [Fact]
    public void Before_registration_there_is_no_answer()
    {
        Assert.Null(At(On(1, 1, hour: 11)));
    }

    [Fact]
    public void Just_after_registration_the_model_reads_as_registered_with_its_first_owner_to_come()
    {
        var answer = Existing(On(1, 1, hour: 13));

        Assert.Equal(("Credit score", "Credit Risk", RiskTier.Medium, LifecycleStatus.Development), (answer.Name, answer.Team, answer.RiskTier, answer.Status));
        Assert.Empty(answer.Stages);
        Assert.Empty(answer.Owners);
        Assert.Null(answer.Card);
        Assert.Equal(1, answer.ThroughEvent);
        Assert.Equal([1L], answer.Citations.Select(c => c.Sequence));
    }

    [Fact]
    public void After_the_first_promotion_1_0_0_is_in_production_since_that_event_with_no_release_behind_it()
    {
        var answer = Existing(On(1, 20));

        var stage = Assert.Single(answer.Stages);
        Assert.Equal(new StageAsOf(VersionStage.Production, "1.0.0", On(1, 5), 3), stage);
        Assert.Equal(LifecycleStatus.Production, answer.Status);
        Assert.Empty(answer.ProductionApprovals);
        Assert.Equal(new OwnerAsOf("ada", "Ada Novak", OwnerRole.Primary, On(1, 2), 2), Assert.Single(answer.Owners));
        Assert.Equal([1L, 2, 3, 4], answer.Citations.Select(c => c.Sequence));
    }

    [Fact]
    public void The_tier_changes_on_the_day_of_the_reclassification_and_cites_it()
    {
        Assert.Equal(RiskTier.Medium, Existing(On(2, 1, hour: 11)).RiskTier);

        var after = Existing(On(2, 1, hour: 13));

        Assert.Equal(RiskTier.High, after.RiskTier);
        Assert.Contains(after.Citations, c => c.Sequence == 5 && c.Action == "Model.Reclassified");
    }

    [Fact]
    public void The_reassignment_replaces_the_primary_owner_from_its_day()
    {
        Assert.Equal(["ada"], Existing(On(2, 9)).Owners.Select(o => o.Subject));

        var owner = Assert.Single(Existing(On(2, 11)).Owners);

        Assert.Equal(("ben", 7L), (owner.Subject, owner.Event!.Value));
    }

    [Fact]
    public void A_flag_is_open_between_raised_and_resolved_only()
    {
        Assert.Empty(Existing(On(2, 28)).OpenFlags);
        Assert.Equal(new FlagAsOf("stale-activity", FlagSeverity.Medium, "No activity for 30 days.", On(3, 1), 8), Assert.Single(Existing(On(3, 10)).OpenFlags));
        Assert.Empty(Existing(On(3, 20)).OpenFlags);
    }

    [Fact]
    public void The_card_in_force_is_the_latest_revision_then_and_reviewed_only_once_its_review_happened()
    {
        var revised = Existing(On(4, 5)).Card!;
        Assert.Equal((2, false, 11L, (long?)null), (revised.Revision, revised.Reviewed, revised.RevisionEvent!.Value, revised.ReviewEvent));
        Assert.Equal(1, Existing(On(4, 2)).Card!.Revision);

        var reviewed = Existing(On(4, 11)).Card!;

        Assert.Equal((2, true, "Rita Reviewer", 12L), (reviewed.Revision, reviewed.Reviewed, reviewed.ReviewerName, reviewed.ReviewEvent!.Value));
    }

    [Fact]
    public void After_the_release_2_0_0_is_in_production_with_its_approval_and_signature_and_1_0_0_is_archived()
    {
        var answer = Existing(On(5, 2));

        Assert.Equal(new StageAsOf(VersionStage.Production, "2.0.0", On(5, 1), 16), Assert.Single(answer.Stages));
        var approval = Assert.Single(answer.ProductionApprovals);
        Assert.Equal((7, On(5, 1), 14L), (approval.ReleaseId, approval.ApprovedAt, approval.Event!.Value));
        var signature = Assert.Single(approval.Signatures);
        Assert.Equal(("Rita Reviewer", SignatureMeaning.Approved, 13L), (signature.SignerName, signature.Meaning, signature.Event!.Value));
        Assert.Equal(16, answer.ThroughEvent);
    }

    [Fact]
    public void Before_the_release_1_0_0_is_still_in_production_and_the_approval_of_2_0_0_is_not_yet_there()
    {
        var answer = Existing(On(4, 30));

        Assert.Equal("1.0.0", Assert.Single(answer.Stages).VersionLabel);
        Assert.Empty(answer.ProductionApprovals);
    }

    [Fact]
    public void Every_cited_event_is_one_the_trail_holds_at_or_before_the_moment()
    {
        var asOf = On(4, 11);
        var answer = Existing(asOf);

        Assert.All(answer.Citations, c => Assert.Contains(Trail, e => e.Sequence == c.Sequence && e.Action == c.Action && e.At <= asOf));
        Assert.Equal(answer.Citations.Select(c => c.Sequence).Order(), answer.Citations.Select(c => c.Sequence));
    }
}

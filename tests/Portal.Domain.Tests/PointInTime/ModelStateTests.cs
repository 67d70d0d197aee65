using Portal.Domain.Inventory;
using Portal.Domain.PointInTime;
using Portal.Domain.Versions;
using static Portal.Domain.Tests.PointInTime.ScriptedHistory;

namespace Portal.Domain.Tests.PointInTime;

public class ModelStateTests
{
    public static TheoryData<DateTime> Moments()
    {
        var moments = new TheoryData<DateTime>();
        for (var day = On(1, 1, hour: 0); day <= On(5, 3); day = day.AddHours(12))
        {
            moments.Add(day);
        }
        return moments;
    }

    [Theory]
    [MemberData(nameof(Moments))]
    public void Folding_back_from_today_gives_what_folding_forward_from_registration_gives(DateTime asOf)
    {
        var forward = ModelState.Forward(Key, UpTo(asOf));
        var backward = ModelState.Backward(Now, AfterNewestFirst(asOf));

        Assert.Equal(forward.Exists, backward.Exists);
        if (forward.Exists)
        {
            Assert.Equal(forward.Attributes() with { RiskTierEvent = null, TeamEvent = null }, backward.Attributes());
            Assert.Equal(forward.VersionsInStage().Select(v => (v.Label, v.Stage)), backward.VersionsInStage().Select(v => (v.Label, v.Stage)));
        }
    }

    [Fact]
    public void A_model_with_no_event_since_the_moment_reads_as_its_row_as_the_backward_fold_gives_it()
    {
        var backward = ModelState.Backward(Now, []);

        Assert.Equal(backward.Attributes(), Now.Attributes());
        Assert.Equal(backward.VersionsInStage(), Now.VersionsInStage());
    }

    [Fact]
    public void Undoing_the_registration_means_the_model_did_not_exist()
    {
        Assert.False(ModelState.Backward(Now, AfterNewestFirst(On(1, 1, hour: 11))).Exists);
    }

    [Fact]
    public void Folding_back_restores_the_archived_version_to_production()
    {
        var state = ModelState.Backward(Now, AfterNewestFirst(On(4, 30)));

        Assert.Equal([("1.0.0", VersionStage.Production)], state.VersionsInStage().Select(v => (v.Label, v.Stage)));
        Assert.Equal((RiskTier.High, LifecycleStatus.Production), (state.Attributes().RiskTier, state.Attributes().Status));
    }

    [Fact]
    public void The_audit_values_reader_keeps_only_the_properties_asked_for_and_skips_nested_values()
    {
        var values = AuditValues.Read("""{"Tags":["a",{"b":1}],"Name":"X","Revision":3,"Team":null,"Other":{"Name":"no"}}""",
            new HashSet<string> { "Name", "Team", "Revision" })!;

        Assert.Equal(3, values.Count);
        Assert.Equal("X", values["Name"]);
        Assert.Equal("3", values["Revision"]);
        Assert.Null(values["Team"]);
    }

    [Fact]
    public void An_event_without_values_reads_as_none()
    {
        Assert.Null(AuditValues.Read(null, ModelState.ModelFields));
    }
}

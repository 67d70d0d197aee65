using Portal.Domain.Versions;
using static Portal.Domain.Tests.Versions.VersionSamples;

namespace Portal.Domain.Tests.Versions;

public class StagePolicyTests
{
    [Fact]
    public void Promoting_to_production_archives_the_previous_production_version()
    {
        var champion = Register("1.0.0", VersionStage.Production);
        var staged = Register("1.1.0", VersionStage.Staging);
        var challenger = Register("1.2.0");

        var archived = StagePolicy.VersionsToArchive([champion, staged, challenger], challenger, VersionStage.Production);

        Assert.Equal([champion], archived);
    }

    [Theory]
    [InlineData(VersionStage.Staging)]
    [InlineData(VersionStage.Archived)]
    public void Other_moves_archive_nothing(VersionStage target)
    {
        var champion = Register("1.0.0", VersionStage.Production);
        var challenger = Register("1.1.0");

        Assert.Empty(StagePolicy.VersionsToArchive([champion, challenger], challenger, target));
    }

    [Fact]
    public void The_first_production_version_archives_nothing()
    {
        var first = Register("1.0.0", VersionStage.Staging);

        Assert.Empty(StagePolicy.VersionsToArchive([first], first, VersionStage.Production));
    }

    [Fact]
    public void Versions_of_other_models_are_never_archived()
    {
        var otherModel = Register("1.0.0", VersionStage.Production, modelId: 8);
        var challenger = Register("2.0.0");

        Assert.Empty(StagePolicy.VersionsToArchive([otherModel, challenger], challenger, VersionStage.Production));
    }

    [Fact]
    public void Every_production_version_is_archived_should_there_ever_be_two()
    {
        var a = Register("a", VersionStage.Production);
        var b = Register("b", VersionStage.Production);
        var c = Register("c", VersionStage.Staging);

        Assert.Equal([a, b], StagePolicy.VersionsToArchive([a, b, c], c, VersionStage.Production));
    }

    [Fact]
    public void A_move_to_any_other_stage_is_allowed()
    {
        var version = Register("1.0.0");

        Assert.Null(StagePolicy.MoveProblem(version, VersionStage.Staging));
        Assert.Null(StagePolicy.MoveProblem(version, VersionStage.Production));
        Assert.Null(StagePolicy.MoveProblem(version, VersionStage.Archived));
    }

    [Fact]
    public void An_archived_version_may_return_to_production_for_a_rollback() =>
        Assert.Null(StagePolicy.MoveProblem(Register("1.0.0", VersionStage.Archived), VersionStage.Production));

    [Fact]
    public void A_move_to_the_current_stage_is_refused() =>
        Assert.Equal("Version 1.0.0 is already in Staging.", StagePolicy.MoveProblem(Register("1.0.0", VersionStage.Staging), VersionStage.Staging));

    [Fact]
    public void A_version_cannot_go_back_to_no_stage() =>
        Assert.Equal("A version cannot go back to no stage; archive it instead.",
            StagePolicy.MoveProblem(Register("1.0.0", VersionStage.Staging), VersionStage.None));

    [Fact]
    public void An_undefined_stage_is_refused() =>
        Assert.StartsWith("Stage must be one of", StagePolicy.MoveProblem(Register("1.0.0"), (VersionStage)42), StringComparison.Ordinal);

    [Fact]
    public async Task A_promotion_saves_the_archived_champion_while_the_challenger_has_not_yet_entered_production()
    {
        var champion = Register("1.0.0", VersionStage.Production);
        var challenger = Register("1.1.0", VersionStage.Staging);
        var seen = new List<(VersionStage Champion, VersionStage Challenger)>();

        var archived = await StagePolicy.MoveAsync([champion, challenger], challenger, VersionStage.Production, "Alice Admin", Now.AddDays(1),
            () => { seen.Add((champion.Stage, challenger.Stage)); return Task.CompletedTask; });

        Assert.Equal([(VersionStage.Archived, VersionStage.Staging)], seen);
        Assert.Equal([champion], archived);
        Assert.Equal(VersionStage.Production, challenger.Stage);
        Assert.Equal(Now.AddDays(1), challenger.StageChangedAt);
    }

    [Theory]
    [InlineData(VersionStage.Production)]
    [InlineData(VersionStage.Staging)]
    public async Task A_move_that_replaces_nothing_saves_nothing_early(VersionStage target)
    {
        var staged = Register("1.0.0", VersionStage.Staging);
        var challenger = Register("1.1.0");
        var saves = 0;

        await StagePolicy.MoveAsync([staged, challenger], challenger, target, "Alice Admin", Now, () => { saves++; return Task.CompletedTask; });

        Assert.Equal(0, saves);
        Assert.Equal(target, challenger.Stage);
        Assert.Equal(VersionStage.Staging, staged.Stage);
    }

    [Fact]
    public async Task A_refused_move_changes_and_saves_nothing()
    {
        var champion = Register("1.0.0", VersionStage.Production);
        var saves = 0;

        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StagePolicy.MoveAsync([champion], champion, VersionStage.Production, "Alice Admin", Now, () => { saves++; return Task.CompletedTask; }));

        Assert.Equal(0, saves);
        Assert.Equal(VersionStage.Production, champion.Stage);
    }
}

using Portal.Domain.Inventory;
using Portal.Domain.Versions;

namespace Portal.Domain.Tests.Inventory;

public class ModelStatusFollowsVersionsTests
{
    private static Model Registered(LifecycleStatus status) => Model.Register(
        new ModelDetails("credit-pd", "Credit PD", null, "Credit Risk", RiskTier.High, status, []), "Eric", new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc));

    [Theory]
    [InlineData(new[] { VersionStage.Production, VersionStage.Staging }, LifecycleStatus.Production)]
    [InlineData(new[] { VersionStage.Staging, VersionStage.Archived }, LifecycleStatus.Validation)]
    [InlineData(new[] { VersionStage.Archived, VersionStage.None }, LifecycleStatus.Development)]
    public void The_status_says_what_the_versions_stages_say(VersionStage[] stages, LifecycleStatus expected) =>
        Assert.Equal(expected, Model.StatusOf(stages));

    [Fact]
    public void A_development_model_whose_version_reached_production_reads_production_and_the_change_is_audited()
    {
        var model = Registered(LifecycleStatus.Development);
        model.ClearPendingAuditAction();

        model.FollowVersionStages([VersionStage.Production], DateTime.UtcNow);

        Assert.Equal((LifecycleStatus.Production, 2, "Model.StatusChanged"), (model.Status, model.Revision, model.PendingAuditAction));
    }

    [Fact]
    public void A_retired_model_stays_retired_and_an_unchanged_status_is_no_change()
    {
        var production = Registered(LifecycleStatus.Production);
        production.ClearPendingAuditAction();
        production.FollowVersionStages([VersionStage.Production], DateTime.UtcNow);
        Assert.Equal((1, (string?)null), (production.Revision, production.PendingAuditAction));

        var retired = Registered(LifecycleStatus.Development);
        retired.Retire("Replaced.", DateTime.UtcNow);
        retired.FollowVersionStages([VersionStage.Production], DateTime.UtcNow);
        Assert.Equal(LifecycleStatus.Retired, retired.Status);
    }
}

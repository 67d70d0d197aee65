using System.Reflection;
using Portal.Domain.Versions;
using static Portal.Domain.Tests.Versions.VersionSamples;

namespace Portal.Domain.Tests.Versions;

public class ModelVersionTests
{
    private static readonly string[] Lineage =
    [
        nameof(ModelVersion.ModelId), nameof(ModelVersion.ModelKey), nameof(ModelVersion.Label), nameof(ModelVersion.TrainingData),
        nameof(ModelVersion.EvaluationData), nameof(ModelVersion.CodeRepository), nameof(ModelVersion.CodeCommit), nameof(ModelVersion.ArtifactUri),
        nameof(ModelVersion.Notes), nameof(ModelVersion.RegisteredAt), nameof(ModelVersion.RegisteredBy),
    ];

    [Fact]
    public void Registering_keeps_the_lineage_trimmed_and_normalized()
    {
        var version = Register(Valid with
        {
            Label = " 1.0.0 ",
            TrainingData = new DataSetReference(" s3://b/t ", TrainingHash.ToUpperInvariant()),
            CodeCommit = "ABCDEF1",
            Hyperparameters = [new TypedValue(" lr ", TypedValue.Number, " 0.1 ")],
            Notes = " ",
        });

        Assert.Equal("1.0.0", version.Label);
        Assert.Equal(new DataSetReference("s3://b/t", TrainingHash), version.TrainingData);
        Assert.Equal("abcdef1", version.CodeCommit);
        Assert.Equal(new TypedValue("lr", TypedValue.Number, "0.1"), Assert.Single(version.Hyperparameters));
        Assert.Null(version.Notes);
        Assert.Equal(VersionStage.None, version.Stage);
        Assert.Equal(1, version.Revision);
        Assert.Equal("Version.Registered", version.PendingAuditAction);
        Assert.Equal("credit-pd@1.0.0", version.AuditEntityId);
        Assert.Equal("credit-pd", version.AuditModelKey);
    }

    [Fact]
    public void No_property_can_be_set_from_outside()
    {
        var publicSetters = typeof(ModelVersion).GetProperties().Where(p => p.SetMethod?.IsPublic == true).Select(p => p.Name);

        Assert.Empty(publicSetters);
    }

    [Fact]
    public void The_only_public_methods_that_change_a_version_are_MoveToStage_and_clearing_the_pending_audit_action()
    {
        var mutators = typeof(ModelVersion)
            .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.DeclaringType == typeof(ModelVersion))
            .Select(m => m.Name)
            .Order(StringComparer.Ordinal);

        Assert.Equal(new[] { nameof(ModelVersion.ClearPendingAuditAction), nameof(ModelVersion.MoveToStage) }, mutators);
    }

    [Fact]
    public void Moving_to_a_stage_changes_the_stage_and_nothing_of_the_lineage()
    {
        var version = Register();
        var before = Snapshot(version);
        var later = Now.AddDays(5);

        version.MoveToStage(VersionStage.Production, "Alice Admin", later);

        Assert.Equal(before, Snapshot(version));
        Assert.Equal(VersionStage.Production, version.Stage);
        Assert.Equal(later, version.StageChangedAt);
        Assert.Equal("Alice Admin", version.StageChangedBy);
        Assert.Equal(2, version.Revision);
        Assert.Equal("Version.StageChanged", version.PendingAuditAction);
    }

    [Fact]
    public void Moving_to_the_current_stage_is_refused_and_changes_nothing()
    {
        var version = Register("1.0.0", VersionStage.Staging);

        Assert.Throws<InvalidOperationException>(() => version.MoveToStage(VersionStage.Staging, "Alice Admin", Now));
        Assert.Equal(2, version.Revision);
    }

    private static string Snapshot(ModelVersion version) =>
        string.Join("|", Lineage.Select(name => typeof(ModelVersion).GetProperty(name)!.GetValue(version)))
        + "|" + string.Join(",", version.Hyperparameters) + "|" + string.Join(",", version.Metrics);
}

using Portal.Domain.Versions;
using static Portal.Domain.Tests.Versions.VersionSamples;

namespace Portal.Domain.Tests.Versions;

public class VersionComparisonTests
{
    private static readonly ModelVersion Champion = Register();

    private static VersionComparison CompareWith(VersionDetails challenger) => VersionComparison.Compare(Champion, Register(challenger));

    [Fact]
    public void A_version_compared_with_an_identical_one_has_no_changes()
    {
        var comparison = CompareWith(Valid with { Label = "1.0.1" });

        Assert.False(comparison.AnyChange);
        Assert.Equal("1.0.0", comparison.LeftLabel);
        Assert.Equal("1.0.1", comparison.RightLabel);
        Assert.All(comparison.Metrics.Concat(comparison.Hyperparameters), row => Assert.False(row.Changed));
        Assert.All(comparison.Metrics.Concat(comparison.Hyperparameters).Where(r => r.Delta is not null), row => Assert.Equal(0, row.Delta));
    }

    [Fact]
    public void Changed_numbers_are_flagged_with_their_delta_right_minus_left()
    {
        var comparison = CompareWith(Valid with
        {
            Hyperparameters = [new TypedValue("max_depth", TypedValue.Integer, "8"), new TypedValue("learning_rate", TypedValue.Number, "0.05")],
        });

        var depth = comparison.Hyperparameters.Single(r => r.Key == "max_depth");
        Assert.True(depth.Changed);
        Assert.Equal(2, depth.Delta);
        Assert.Equal("6", depth.Left?.Value);
        Assert.Equal("8", depth.Right?.Value);
        Assert.Equal(-0.05, comparison.Hyperparameters.Single(r => r.Key == "learning_rate").Delta!.Value, 10);
        Assert.DoesNotContain(comparison.Metrics, r => r.Changed);
        Assert.True(comparison.AnyChange);
    }

    [Fact]
    public void Numbers_compare_by_value_not_by_spelling()
    {
        var comparison = CompareWith(Valid with
        {
            Hyperparameters = [new TypedValue("max_depth", TypedValue.Integer, "6"), new TypedValue("learning_rate", TypedValue.Number, "0.10")],
        });

        Assert.False(comparison.Hyperparameters.Single(r => r.Key == "learning_rate").Changed);
    }

    [Fact]
    public void Keys_only_on_one_side_are_changed_rows_without_a_delta()
    {
        var comparison = CompareWith(Valid with { Metrics = [new TypedValue("auc", TypedValue.Number, "0.812"), new TypedValue("ks", TypedValue.Number, "0.4")] });

        Assert.Equal(new[] { "auc", "calibrated", "ks" }, comparison.Metrics.Select(r => r.Key));
        var removed = comparison.Metrics.Single(r => r.Key == "calibrated");
        Assert.True(removed.Changed);
        Assert.Null(removed.Right);
        Assert.Null(removed.Delta);
        var added = comparison.Metrics.Single(r => r.Key == "ks");
        Assert.True(added.Changed);
        Assert.Null(added.Left);
        Assert.Null(added.Delta);
    }

    [Fact]
    public void Keys_match_regardless_of_case()
    {
        var comparison = CompareWith(Valid with { Metrics = [new TypedValue("AUC", TypedValue.Number, "0.9"), new TypedValue("calibrated", TypedValue.Boolean, "true")] });

        var auc = Assert.Single(comparison.Metrics, r => r.Key.Equals("auc", StringComparison.OrdinalIgnoreCase));
        Assert.Equal(0.088, auc.Delta!.Value, 10);
    }

    [Fact]
    public void Booleans_and_text_change_without_a_delta_and_a_type_change_is_a_change()
    {
        var comparison = CompareWith(Valid with
        {
            Metrics = [new TypedValue("auc", TypedValue.Text, "0.812"), new TypedValue("calibrated", TypedValue.Boolean, "false")],
        });

        Assert.True(comparison.Metrics.Single(r => r.Key == "auc").Changed);
        var calibrated = comparison.Metrics.Single(r => r.Key == "calibrated");
        Assert.True(calibrated.Changed);
        Assert.Null(calibrated.Delta);
    }

    [Fact]
    public void A_new_training_data_set_changes_uri_and_hash()
    {
        var comparison = CompareWith(Valid with { TrainingData = new DataSetReference("s3://ml-data/credit/train-2026q1.parquet", EvaluationHash) });

        Assert.True(comparison.TrainingData.UriChanged);
        Assert.True(comparison.TrainingData.HashChanged);
        Assert.False(comparison.EvaluationData.Changed);
        Assert.False(comparison.Code.Changed);
    }

    [Fact]
    public void Data_rewritten_in_place_shows_as_a_hash_change_under_the_same_uri()
    {
        var comparison = CompareWith(Valid with { EvaluationData = Valid.EvaluationData! with { Sha256 = TrainingHash } });

        Assert.False(comparison.EvaluationData.UriChanged);
        Assert.True(comparison.EvaluationData.HashChanged);
        Assert.True(comparison.EvaluationData.Changed);
    }

    [Fact]
    public void A_missing_evaluation_data_set_on_one_side_is_a_change()
    {
        var comparison = CompareWith(Valid with { EvaluationData = null });

        Assert.True(comparison.EvaluationData.Changed);
        Assert.Null(comparison.EvaluationData.Right);
    }

    [Fact]
    public void Commit_and_repository_changes_are_reported_separately()
    {
        var newCommit = CompareWith(Valid with { CodeCommit = "9b2f1c0d5e6a7b8c9d0e1f2a3b4c5d6e7f8a9b0c" });
        var newRepository = CompareWith(Valid with { CodeRepository = "https://git.example.com/credit/pd-v2" });

        Assert.True(newCommit.Code.CommitChanged);
        Assert.False(newCommit.Code.RepositoryChanged);
        Assert.True(newRepository.Code.RepositoryChanged);
        Assert.False(newRepository.Code.CommitChanged);
    }

    [Fact]
    public void A_commit_spelled_in_upper_case_is_the_same_commit()
    {
        var comparison = CompareWith(Valid with { CodeCommit = Valid.CodeCommit!.ToUpperInvariant() });

        Assert.False(comparison.Code.Changed);
    }
}

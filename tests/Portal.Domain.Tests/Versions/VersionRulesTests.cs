using Portal.Domain.Versions;
using static Portal.Domain.Tests.Versions.VersionSamples;

namespace Portal.Domain.Tests.Versions;

public class VersionRulesTests
{
    private static Dictionary<string, string[]> Errors(VersionDetails details) => VersionRules.Validate(details);

    private static void AssertOnlyError(VersionDetails details, string field, string message)
    {
        var errors = Errors(details);

        Assert.Equal(new[] { field }, errors.Keys);
        Assert.Equal(message, Assert.Single(errors[field]));
    }

    private static void AssertValid(VersionDetails details) => Assert.Empty(Errors(details));

    [Fact]
    public void Valid_details_have_no_errors() => AssertValid(Valid);

    [Fact]
    public void Only_label_and_training_data_are_required()
    {
        AssertValid(new VersionDetails("v1", Valid.TrainingData, null, null, null, [], [], null, null));
    }

    [Fact]
    public void Every_invalid_field_is_reported_against_its_own_name()
    {
        var details = new VersionDetails(
            "",
            new DataSetReference("relative/path", "abc"),
            new DataSetReference("", "xyz"),
            "repo with spaces",
            "not-a-commit",
            [new TypedValue("", TypedValue.Number, "1")],
            [new TypedValue("auc", "float", "1")],
            "model.bin",
            "bad\u0007notes");

        var errors = Errors(details);

        Assert.Equal(
            new[]
            {
                "artifactUri", "codeCommit", "codeRepository", "evaluationData.sha256", "evaluationData.uri", "hyperparameters", "label",
                "metrics", "notes", "trainingData.sha256", "trainingData.uri",
            },
            errors.Keys.Order(StringComparer.Ordinal));
    }

    // Label

    [Theory]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData(null)]
    public void Label_is_required(string? label) => AssertOnlyError(Valid with { Label = label! }, "label", "Label is required.");

    [Theory]
    [InlineData("1.0.0")]
    [InlineData("v2")]
    [InlineData("2024.06.1+build.7")]
    [InlineData("rc_1-final")]
    [InlineData("A")]
    public void Labels_of_letters_digits_and_dot_underscore_plus_dash_are_accepted(string label) => AssertValid(Valid with { Label = label });

    [Theory]
    [InlineData("-v1")]
    [InlineData(".v1")]
    [InlineData("v 1")]
    [InlineData("v1/2")]
    [InlineData("v1é")]
    public void Labels_with_other_characters_or_a_leading_symbol_are_refused(string label) =>
        AssertOnlyError(Valid with { Label = label }, "label", "Label must start with a letter or digit and use only letters, digits, '.', '_', '+' and '-'.");

    [Fact]
    public void Label_of_64_characters_is_accepted_and_65_refused()
    {
        AssertValid(Valid with { Label = new string('v', 64) });
        AssertOnlyError(Valid with { Label = new string('v', 65) }, "label", "Label must be at most 64 characters.");
    }

    [Fact]
    public void Label_is_checked_trimmed() => AssertValid(Valid with { Label = "  v1  " });

    [Fact]
    public void Labels_normalize_regardless_of_case_and_spaces() => Assert.Equal(VersionRules.NormalizeLabel(" v1.A "), VersionRules.NormalizeLabel("V1.a"));

    // Data sets

    [Fact]
    public void Training_data_is_required_with_uri_and_hash()
    {
        var errors = Errors(Valid with { TrainingData = null });

        Assert.Equal(new[] { "trainingData.sha256", "trainingData.uri" }, errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("The training data set's URI is required.", errors["trainingData.uri"][0]);
        Assert.StartsWith("The training data set's SHA-256 is required", errors["trainingData.sha256"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluation_data_is_optional_but_needs_both_parts_once_given()
    {
        AssertValid(Valid with { EvaluationData = null });
        AssertValid(Valid with { EvaluationData = new DataSetReference(" ", "") });
        AssertOnlyError(Valid with { EvaluationData = new DataSetReference("s3://b/eval", "") }, "evaluationData.sha256",
            "The evaluation data set's SHA-256 is required: it proves which content the version saw.");
        AssertOnlyError(Valid with { EvaluationData = new DataSetReference("", EvaluationHash) }, "evaluationData.uri",
            "The evaluation data set's URI is required.");
    }

    [Theory]
    [InlineData("train.parquet")]
    [InlineData("/data/train.parquet")]
    [InlineData("s3://bucket/with space")]
    public void A_data_set_uri_must_be_absolute(string uri) =>
        AssertOnlyError(Valid with { TrainingData = new DataSetReference(uri, TrainingHash) }, "trainingData.uri",
            "The training data set's URI must be an absolute URI, such as s3://bucket/path or https://host/path.");

    [Fact]
    public void A_data_set_uri_of_1000_characters_is_accepted_and_1001_refused()
    {
        var prefix = "s3://bucket/";
        AssertValid(Valid with { TrainingData = new DataSetReference(prefix + new string('a', 1000 - prefix.Length), TrainingHash) });
        AssertOnlyError(Valid with { TrainingData = new DataSetReference(prefix + new string('a', 1001 - prefix.Length), TrainingHash) },
            "trainingData.uri", "The training data set's URI must be at most 1000 characters.");
    }

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    public void A_hash_must_be_exactly_64_characters(int length) =>
        AssertOnlyError(Valid with { TrainingData = new DataSetReference("s3://b/t", new string('a', length)) }, "trainingData.sha256",
            "A SHA-256 is exactly 64 hexadecimal characters.");

    [Fact]
    public void A_hash_must_be_hexadecimal_in_either_case()
    {
        AssertValid(Valid with { TrainingData = new DataSetReference("s3://b/t", TrainingHash.ToUpperInvariant()) });
        AssertOnlyError(Valid with { TrainingData = new DataSetReference("s3://b/t", new string('g', 64)) }, "trainingData.sha256",
            "A SHA-256 is exactly 64 hexadecimal characters.");
    }

    // Code

    [Theory]
    [InlineData("abcdef1")]
    [InlineData("ABCDEF1234")]
    [InlineData("4e1243bd22c66e76c2ba9eddc1f91394e57f9f83")]
    public void Commits_of_7_to_40_hex_characters_are_accepted(string commit) => AssertValid(Valid with { CodeCommit = commit });

    [Theory]
    [InlineData("abcdef")]
    [InlineData("4e1243bd22c66e76c2ba9eddc1f91394e57f9f83a")]
    [InlineData("main")]
    [InlineData("abcdefg")]
    public void Other_commits_are_refused(string commit) =>
        AssertOnlyError(Valid with { CodeCommit = commit }, "codeCommit", "A commit is 7 to 40 hexadecimal characters.");

    [Fact]
    public void A_commit_needs_its_repository() =>
        AssertOnlyError(Valid with { CodeRepository = null }, "codeRepository", "A commit needs the repository it belongs to.");

    [Fact]
    public void A_repository_without_a_commit_is_accepted() => AssertValid(Valid with { CodeCommit = " " });

    [Fact]
    public void A_repository_of_500_characters_is_accepted_and_501_refused()
    {
        AssertValid(Valid with { CodeRepository = new string('r', 500) });
        AssertOnlyError(Valid with { CodeRepository = new string('r', 501) }, "codeRepository", "Code repository must be at most 500 characters.");
    }

    // Artifact and notes

    [Fact]
    public void The_artifact_uri_is_optional_but_absolute()
    {
        AssertValid(Valid with { ArtifactUri = null });
        AssertOnlyError(Valid with { ArtifactUri = "model.bin" }, "artifactUri",
            "Artifact URI must be an absolute URI, such as s3://bucket/path or https://host/path.");
    }

    [Fact]
    public void Notes_of_4000_characters_are_accepted_and_4001_refused()
    {
        AssertValid(Valid with { Notes = new string('n', 4000) });
        AssertOnlyError(Valid with { Notes = new string('n', 4001) }, "notes", "Notes must be at most 4000 characters.");
    }

    [Fact]
    public void Notes_may_have_several_lines() => AssertValid(Valid with { Notes = "Line one.\r\nLine two.\tTabbed." });
}

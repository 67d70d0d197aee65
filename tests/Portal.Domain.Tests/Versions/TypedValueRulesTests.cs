using Portal.Domain.Versions;
using static Portal.Domain.Tests.Versions.VersionSamples;

namespace Portal.Domain.Tests.Versions;

public class TypedValueRulesTests
{
    private static string[]? HyperparameterErrors(params TypedValue[] values) =>
        VersionRules.Validate(Valid with { Hyperparameters = values }).GetValueOrDefault("hyperparameters");

    private static string? Only(params TypedValue[] values) => HyperparameterErrors(values) is { } errors ? Assert.Single(errors) : null;

    [Theory]
    [InlineData(TypedValue.Number, "0.1")]
    [InlineData(TypedValue.Number, "-3")]
    [InlineData(TypedValue.Number, "1e-3")]
    [InlineData(TypedValue.Number, "1E+10")]
    [InlineData(TypedValue.Integer, "42")]
    [InlineData(TypedValue.Integer, "-7")]
    [InlineData(TypedValue.Boolean, "true")]
    [InlineData(TypedValue.Boolean, "false")]
    [InlineData(TypedValue.Text, "gini")]
    public void Values_that_parse_as_their_type_are_accepted(string type, string value) => Assert.Null(Only(new TypedValue("k", type, value)));

    [Theory]
    [InlineData(TypedValue.Number, "0,1", "Row 1: 'k' must be a number written with a '.' decimal point, such as 0.25 or 1e-3.")]
    [InlineData(TypedValue.Number, "NaN", "Row 1: 'k' must be a number written with a '.' decimal point, such as 0.25 or 1e-3.")]
    [InlineData(TypedValue.Number, "Infinity", "Row 1: 'k' must be a number written with a '.' decimal point, such as 0.25 or 1e-3.")]
    [InlineData(TypedValue.Number, "ten", "Row 1: 'k' must be a number written with a '.' decimal point, such as 0.25 or 1e-3.")]
    [InlineData(TypedValue.Integer, "1.5", "Row 1: 'k' must be a whole number, such as 42.")]
    [InlineData(TypedValue.Integer, "1,000", "Row 1: 'k' must be a whole number, such as 42.")]
    [InlineData(TypedValue.Boolean, "True", "Row 1: 'k' must be true or false.")]
    [InlineData(TypedValue.Boolean, "yes", "Row 1: 'k' must be true or false.")]
    [InlineData(TypedValue.Boolean, "1", "Row 1: 'k' must be true or false.")]
    [InlineData(TypedValue.Text, "a\u0000b", "Row 1: 'k' must not contain control characters.")]
    [InlineData(TypedValue.Text, " ", "Row 1: 'k' needs a value.")]
    public void Values_that_do_not_parse_as_their_type_are_refused(string type, string value, string message) =>
        Assert.Equal(message, Only(new TypedValue("k", type, value)));

    [Theory]
    [InlineData("float")]
    [InlineData("Number")]
    [InlineData("")]
    public void The_type_must_be_one_of_the_four(string type) =>
        Assert.Equal($"Row 1: 'k' has type '{type}'; use one of number, integer, boolean, text.", Only(new TypedValue("k", type, "1")));

    [Fact]
    public void A_key_is_required() => Assert.Equal("Row 1: a hyperparameter needs a key.", Only(new TypedValue(" ", TypedValue.Number, "1")));

    [Fact]
    public void Keys_are_unique_regardless_of_case() =>
        Assert.Equal("Row 2: key 'LR' appears more than once (keys are compared regardless of case).",
            Only(new TypedValue("lr", TypedValue.Number, "0.1"), new TypedValue("LR", TypedValue.Number, "0.2")));

    [Fact]
    public void The_same_key_may_be_both_a_hyperparameter_and_a_metric()
    {
        var details = Valid with { Hyperparameters = [new TypedValue("k", TypedValue.Number, "1")], Metrics = [new TypedValue("k", TypedValue.Number, "1")] };

        Assert.Empty(VersionRules.Validate(details));
    }

    [Fact]
    public void A_key_of_100_characters_is_accepted_and_101_refused()
    {
        Assert.Null(Only(new TypedValue(new string('k', 100), TypedValue.Number, "1")));
        Assert.Equal("Row 1: key must be at most 100 characters.", Only(new TypedValue(new string('k', 101), TypedValue.Number, "1")));
    }

    [Fact]
    public void A_value_of_1000_characters_is_accepted_and_1001_refused()
    {
        Assert.Null(Only(new TypedValue("k", TypedValue.Text, new string('v', 1000))));
        Assert.Equal("Row 1: 'k' must be at most 1000 characters.", Only(new TypedValue("k", TypedValue.Text, new string('v', 1001))));
    }

    [Fact]
    public void Fifty_entries_are_accepted_and_fifty_one_refused()
    {
        TypedValue[] Entries(int count) => [.. Enumerable.Range(1, count).Select(i => new TypedValue($"k{i}", TypedValue.Integer, "1"))];

        Assert.Null(HyperparameterErrors(Entries(50)));
        Assert.Equal("At most 50 hyperparameters.", Only(Entries(51)));
    }

    [Fact]
    public void Every_bad_row_is_reported_by_its_position()
    {
        var errors = HyperparameterErrors(
            new TypedValue("ok", TypedValue.Integer, "1"),
            new TypedValue("depth", TypedValue.Integer, "x"),
            new TypedValue("flag", TypedValue.Boolean, "maybe"));

        Assert.Equal(["Row 2: 'depth' must be a whole number, such as 42.", "Row 3: 'flag' must be true or false."], errors!);
    }

    [Fact]
    public void Metric_problems_are_reported_against_metrics()
    {
        var errors = VersionRules.Validate(Valid with { Metrics = [new TypedValue("auc", TypedValue.Number, "high")] });

        Assert.Equal(new[] { "metrics" }, errors.Keys);
    }

    [Theory]
    [InlineData(TypedValue.Number, "0.25", 0.25)]
    [InlineData(TypedValue.Integer, "42", 42.0)]
    [InlineData(TypedValue.Text, "42", null)]
    [InlineData(TypedValue.Boolean, "true", null)]
    public void Only_numbers_and_integers_read_as_numbers(string type, string value, double? expected) =>
        Assert.Equal(expected, TypedValueRules.AsNumber(new TypedValue("k", type, value)));
}

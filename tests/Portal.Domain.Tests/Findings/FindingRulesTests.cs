using Portal.Domain.Findings;

namespace Portal.Domain.Tests.Findings;

public sealed class FindingRulesTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);

    private static FindingDetails Valid => new("Holdout overlaps", FindingSeverity.High, "Re-run it.", "eric", Today.AddDays(7));

    [Fact]
    public void Valid_details_have_no_problem() => Assert.Empty(FindingRules.Validate(Valid, Today));

    [Fact]
    public void Every_missing_field_is_named()
    {
        var errors = FindingRules.Validate(new FindingDetails(null, null, " ", null, null), Today);

        Assert.Equal(["description", "dueDate", "remediationOwner", "severity", "title"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Control_characters_and_huge_text_are_refused()
    {
        var errors = FindingRules.Validate(Valid with { Title = "a\u0000b", Description = new string('x', FindingRules.TextMaxLength + 1) }, Today);

        Assert.Contains("no control characters", errors["title"][0], StringComparison.Ordinal);
        Assert.Contains($"at most {FindingRules.TextMaxLength}", errors["description"][0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_due_date_in_the_past_or_beyond_two_years_is_refused()
    {
        Assert.Contains("already passed", FindingRules.Validate(Valid with { DueDate = Today.AddDays(-1) }, Today)["dueDate"][0], StringComparison.Ordinal);
        Assert.Contains("at most 730 days", FindingRules.Validate(Valid with { DueDate = Today.AddDays(731) }, Today)["dueDate"][0], StringComparison.Ordinal);
        Assert.Empty(FindingRules.Validate(Valid with { DueDate = Today }, Today));
    }

    [Fact]
    public void Evidence_needs_a_kind_and_a_reference_and_is_bounded()
    {
        Assert.Contains("names its kind", FindingRules.ValidateRemediation("Done.", [new EvidenceInput(null, "1.0.0")])["evidence"][0], StringComparison.Ordinal);
        Assert.Contains("At most 20", FindingRules.ValidateRemediation("Done.",
            [.. Enumerable.Range(0, 21).Select(i => new EvidenceInput(EvidenceKind.Version, $"{i}"))])["evidence"][0], StringComparison.Ordinal);
        Assert.Contains("note", FindingRules.ValidateRemediation(null, null).Keys);
        Assert.Empty(FindingRules.ValidateRemediation("Done.", [new EvidenceInput(EvidenceKind.Document, "x")]));
    }

    [Theory]
    [InlineData("high", FindingSeverity.High)]
    [InlineData(" Critical ", FindingSeverity.Critical)]
    [InlineData("2", null)]
    [InlineData("Severe", null)]
    public void Severities_parse_by_name_only(string text, FindingSeverity? expected) => Assert.Equal(expected, FindingRules.ParseSeverity(text));
}

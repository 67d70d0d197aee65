using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;

namespace Portal.Domain.Tests.ModelCards;

public class CardCompletenessTests
{
    private static string Words(int count) => string.Join(" ", Enumerable.Range(1, count).Select(i => $"word{i}"));

    private static CardSection Section(string key, string text) => new(key, CardSections.StandardTitle(key)!, text);

    [Fact]
    public void An_empty_card_misses_every_required_section_of_its_tier()
    {
        foreach (var tier in Enum.GetValues<RiskTier>())
        {
            var template = CardTemplate.Default(tier);
            var completeness = CardCompleteness.Of([], template);

            Assert.Equal(0, completeness.Score);
            Assert.Equal(template.Requirements().Select(r => r.Key), completeness.Missing.Select(m => m.Key));
        }
    }

    [Fact]
    public void Riskier_tiers_require_more_sections()
    {
        Assert.True(CardTemplate.Default(RiskTier.High).Requirements().Count > CardTemplate.Default(RiskTier.Medium).Requirements().Count);
        Assert.True(CardTemplate.Default(RiskTier.Medium).Requirements().Count > CardTemplate.Default(RiskTier.Low).Requirements().Count);
        Assert.Equal(CardSections.Standard.Count, CardTemplate.Default(RiskTier.High).Requirements().Count);
    }

    [Fact]
    public void A_low_tier_card_with_enough_words_in_details_and_use_is_complete()
    {
        var completeness = CardCompleteness.Of([Section("model-details", Words(20)), Section("intended-use", Words(25))], CardTemplate.Default(RiskTier.Low));

        Assert.True(completeness.IsComplete);
        Assert.Equal(100, completeness.Score);
    }

    [Fact]
    public void The_same_card_is_incomplete_for_the_high_tier_and_says_exactly_what_is_missing()
    {
        var completeness = CardCompleteness.Of([Section("model-details", Words(20)), Section("intended-use", Words(60))], CardTemplate.Default(RiskTier.High));

        Assert.False(completeness.IsComplete);
        Assert.Equal(11, completeness.Score);
        var details = Assert.Single(completeness.Missing, m => m.Key == "model-details");
        Assert.Equal("Model details has 20 words, needs at least 50", details.Problem);
        Assert.Contains(completeness.Missing, m => m.Problem == "Factors is empty (needs at least 30 words)");
        Assert.DoesNotContain(completeness.Missing, m => m.Key == "intended-use");
    }

    [Fact]
    public void Markup_does_not_count_as_words()
    {
        Assert.Equal(3, CardText.CountWords("## One *two* [three](https://x.example)"[..^22] + "three"));
        Assert.Equal(0, CardText.CountWords("--- | *** ##"));
    }

    [Fact]
    public void A_template_with_a_duplicate_or_an_out_of_range_minimum_is_refused()
    {
        Assert.Contains("requirements", CardTemplate.Validate([new("factors", "Factors", 10), new("factors", "Factors", 5)], null).Keys);
        Assert.Contains("requirements", CardTemplate.Validate([new("factors", "Factors", -1)], null).Keys);
        Assert.Empty(CardTemplate.Validate([new("factors", "Factors", 10)], null));
    }

    [Fact]
    public void A_template_change_is_the_next_version_and_the_newest_in_force_wins()
    {
        var now = new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc);
        var next = CardTemplate.Default(RiskTier.Low).Next([new("factors", "Factors", 5)], "Rita", "Factors matter", now);

        Assert.Equal(1, next.Version);
        Assert.Same(next, CardTemplate.InForce([next], RiskTier.Low, now));
        Assert.Equal(0, CardTemplate.InForce([next], RiskTier.Low, now.AddDays(-1)).Version);
    }
}

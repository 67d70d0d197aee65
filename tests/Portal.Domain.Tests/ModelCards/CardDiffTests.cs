using Portal.Domain.ModelCards;

namespace Portal.Domain.Tests.ModelCards;

public class CardDiffTests
{
    [Fact]
    public void Words_added_and_removed_are_counted_per_section()
    {
        var diff = CardDiff.Section("metrics", "Metrics", "AUC on the hold-out set.", "AUC and Brier score on the 2025 hold-out set.");

        Assert.Equal(4, diff.WordsAdded);
        Assert.Equal(0, diff.WordsRemoved);
        Assert.Equal("AUC and Brier score on the 2025 hold-out set.", string.Concat(diff.Pieces.Where(p => p.Kind != DiffKind.Removed).Select(p => p.Text)));
        Assert.Equal("AUC on the hold-out set.", string.Concat(diff.Pieces.Where(p => p.Kind != DiffKind.Added).Select(p => p.Text)));
    }

    [Fact]
    public void A_replaced_word_is_one_removed_and_one_added()
    {
        var diff = CardDiff.Section("factors", "Factors", "Age and region matter.", "Age and income matter.");

        Assert.Equal(1, diff.WordsAdded);
        Assert.Equal(1, diff.WordsRemoved);
        Assert.Contains(diff.Pieces, p => p.Kind == DiffKind.Removed && p.Text.Contains("region", StringComparison.Ordinal));
        Assert.Contains(diff.Pieces, p => p.Kind == DiffKind.Added && p.Text.Contains("income", StringComparison.Ordinal));
    }

    [Fact]
    public void Comparing_revisions_covers_sections_added_removed_and_unchanged()
    {
        IReadOnlyList<CardSection> left = [new("model-details", "Model details", "Same text."), new("custom-old", "Old", "Gone now")];
        IReadOnlyList<CardSection> right = [new("model-details", "Model details", "Same text."), new("intended-use", "Intended use", "New use")];

        var sections = CardDiff.Compare(left, right);

        Assert.False(sections.Single(s => s.Key == "model-details").Changed);
        Assert.Equal(2, sections.Single(s => s.Key == "intended-use").WordsAdded);
        Assert.Equal(2, sections.Single(s => s.Key == "custom-old").WordsRemoved);
        Assert.False(sections.Single(s => s.Key == "factors").Changed);
    }
}

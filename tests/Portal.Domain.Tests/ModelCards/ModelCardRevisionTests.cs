using Portal.Domain.ModelCards;

namespace Portal.Domain.Tests.ModelCards;

public class ModelCardRevisionTests
{
    private static readonly DateTime Now = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private static ModelCardRevision First() => ModelCardRevision.Next(null, 1, "credit-pd",
        [new("model-details", "Model details", "A gradient-boosted model.")], "First draft", null, "eric", "Eric Engineer", Now);

    [Fact]
    public void Each_save_is_the_next_revision_holding_every_section_and_naming_what_changed()
    {
        var first = First();
        var second = ModelCardRevision.Next(first, 1, "credit-pd", [new("intended-use", "Intended use", "Scoring applications.")], "Use added", "1.1.0",
            "eric", "Eric Engineer", Now.AddHours(1));

        Assert.Equal(1, first.Number);
        Assert.Equal(2, second.Number);
        Assert.Equal("intended-use", second.ChangedSections);
        Assert.Equal("A gradient-boosted model.", second.Section("model-details")!.Markdown);
        Assert.Equal("1.1.0", second.VersionLabel);
        Assert.Equal("A gradient-boosted model.", first.Sections().Single().Markdown);
        Assert.Contains("Scoring applications.", second.SearchText, StringComparison.Ordinal);
    }

    [Fact]
    public void A_save_that_changes_nothing_is_refused()
    {
        var first = First();

        Assert.Throws<InvalidOperationException>(() => ModelCardRevision.Next(first, 1, "credit-pd",
            [new("model-details", "Model details", "A gradient-boosted model.")], "Again", null, "eric", "Eric", Now));
    }

    [Fact]
    public void A_custom_section_emptied_is_removed_and_a_standard_one_stays()
    {
        var withCustom = ModelCardRevision.Next(First(), 1, "credit-pd", [new("custom-monitoring", "Monitoring", "Weekly drift checks.")], "Monitoring",
            null, "eric", "Eric", Now);
        var emptied = ModelCardRevision.Next(withCustom, 1, "credit-pd", [new("custom-monitoring", "Monitoring", ""), new("model-details", "Model details", "")],
            "Cleared", null, "eric", "Eric", Now);

        Assert.Null(emptied.Section("custom-monitoring"));
        Assert.Equal("", emptied.Section("model-details")!.Markdown);
    }

    [Fact]
    public void An_owner_or_the_author_cannot_review_and_a_revision_is_reviewed_once()
    {
        var revision = First();
        var owners = new HashSet<string> { "olga" };

        Assert.Contains("separation of duties", ModelCardReview.Problem("olga", owners, revision, false), StringComparison.Ordinal);
        Assert.Contains("You wrote revision 1", ModelCardReview.Problem("eric", owners, revision, false), StringComparison.Ordinal);
        Assert.Contains("already reviewed", ModelCardReview.Problem("rita", owners, revision, true), StringComparison.Ordinal);
        Assert.Null(ModelCardReview.Problem("rita", owners, revision, false));
    }

    [Fact]
    public void Custom_keys_come_from_the_title_and_never_take_a_standard_key()
    {
        Assert.Equal("custom-model-details", CardSections.CustomKey("Model details"));
        Assert.Equal("custom-monitoring-plan", CardSections.CustomKey("  Monitoring / plan! "));
        Assert.Equal(CardSections.Standard.Count, CardSections.Complete([]).Count);
    }
}

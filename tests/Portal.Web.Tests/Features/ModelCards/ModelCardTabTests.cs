using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.ModelCards;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.ModelCards;
using Portal.Web.Features.Shared;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.ModelCards;

public sealed class ModelCardTabTests : PortalTestContext
{
    public ModelCardTabTests()
    {
        Services.AddSingleton<ModelCardService>();
        Services.AddSingleton<CardFactsService>();
    }

    private ModelCardService Cards => Services.GetRequiredService<ModelCardService>();

    private IRenderedComponent<ModelCardTab> RenderTab(ModelView model, params Permission[] rights)
    {
        RenderProviders();
        return Render<ModelCardTab>(p => p
            .Add(t => t.Model, model)
            .AddCascadingValue(new ModelWriteRights(rights.ToHashSet())));
    }

    [Fact]
    public async Task Shows_sections_rendered_safely_completeness_with_what_is_missing_and_the_revisions()
    {
        var model = await RegisterModelAsync("card-tab");
        await Cards.SaveAsync(Arranger, "card-tab", 0, [new CardSection("model-details", "Model details", "A **boosted** model. <script>alert(1)</script>")],
            "First", null);

        var tab = RenderTab(model);

        tab.WaitForAssertion(() => Assert.Contains("Revision 1 of 1", tab.Find("#card-revision").TextContent, StringComparison.Ordinal));
        var details = tab.Find(".card-section[data-section='model-details'] .section-html");
        Assert.Equal("boosted", details.QuerySelector("strong")!.TextContent);
        Assert.Null(details.QuerySelector("script"));
        Assert.Contains(tab.FindAll(".card-missing-item"), li => li.TextContent.Contains("Intended use is empty", StringComparison.Ordinal));
        Assert.Single(tab.FindAll(".card-revision-row"));
        // An Engineer without rights on the model sees no edit button.
        Assert.Empty(tab.FindAll(".edit-section"));
    }

    [Fact]
    public async Task A_writer_edits_a_section_with_a_live_preview_and_saves_a_new_revision()
    {
        var model = await RegisterModelAsync("card-edit");
        var tab = RenderTab(model, Permission.EditModelCard);

        tab.WaitForAssertion(() => tab.Find(".card-section[data-section='factors'] .edit-section").Click());
        tab.Find(".card-section[data-section='factors'] .section-markdown textarea").Input("Age and *region*.");
        tab.WaitForAssertion(() => Assert.Equal("region", tab.Find(".section-preview em").TextContent));
        tab.Find(".card-section[data-section='factors'] .section-summary input").Change("Factors");
        tab.Find(".card-section[data-section='factors'] .save-section").Click();

        tab.WaitForAssertion(() => Assert.Contains("Revision 1 of 1", tab.Find("#card-revision").TextContent, StringComparison.Ordinal));
        Assert.Equal("Age and *region*.", (await Cards.GetAsync(Arranger, "card-edit")).Sections.Single(s => s.Key == "factors").Markdown);
    }

    [Fact]
    public async Task A_reviewer_who_owns_nothing_may_review_and_an_engineer_sees_no_review_button()
    {
        var model = await RegisterModelAsync("card-review");
        await Cards.SaveAsync(Arranger, "card-review", 0, [new CardSection("factors", "Factors", "Age.")], "First", null);
        SignInAs(PortalRoles.ComplianceReviewer);

        var tab = RenderTab(model);

        tab.WaitForAssertion(() => tab.Find("#review-card").Click());
        tab.WaitForAssertion(() => Assert.Contains("Reviewed by Test ComplianceReviewer", tab.Find("#card-review-state").TextContent, StringComparison.Ordinal));
        Assert.Equal("sub-compliancereviewer", (await Cards.GetAsync(Arranger, "card-review")).Review?.ReviewerSubject);
    }

    [Fact]
    public async Task The_author_sees_why_they_cannot_review()
    {
        var model = await RegisterModelAsync("card-author");
        SignInAs(PortalRoles.ComplianceReviewer);
        var author = new Actor("sub-compliancereviewer", "Test ComplianceReviewer", new HashSet<string> { PortalRoles.ComplianceReviewer, PortalRoles.Admin });
        await Cards.SaveAsync(author, "card-author", 0, [new CardSection("factors", "Factors", "Age.")], "Mine", null);

        var tab = RenderTab(model);

        tab.WaitForAssertion(() => Assert.Contains("You wrote revision 1", tab.Find("#review-unavailable").TextContent, StringComparison.Ordinal));
        Assert.True(tab.Find("button#review-card").HasAttribute("disabled"));
    }
}

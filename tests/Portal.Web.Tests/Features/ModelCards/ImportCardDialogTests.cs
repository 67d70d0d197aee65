using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.ModelCards;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.ModelCards;
using Portal.Web.Features.Shared;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.ModelCards;

public sealed class ImportCardDialogTests : PortalTestContext
{
    private const string Readme = """
        ---
        license: apache-2.0
        tags:
        - credit
        ---

        # Credit default

        ## Model Description

        A gradient-boosted model of default within a year.

        ## Environmental Impact

        Trained on one CPU for an hour.
        """;

    public ImportCardDialogTests()
    {
        Services.AddSingleton<ModelCardService>();
        Services.AddSingleton<CardFactsService>();
        Services.AddSingleton<CardInterchange>();
    }

    private ModelCardService Cards => Services.GetRequiredService<ModelCardService>();

    private IRenderedComponent<ModelCardTab> RenderTab(ModelView model, params Permission[] rights)
    {
        RenderProviders();
        return Render<ModelCardTab>(p => p
            .Add(t => t.Model, model)
            .AddCascadingValue(new ModelWriteRights(rights.ToHashSet())));
    }

    private async Task<ModelView> ModelWithCardAsync(string key)
    {
        var model = await RegisterModelAsync(key);
        await Cards.SaveAsync(Arranger, key, 0,
            [
                new CardSection("model-details", "Model details", "A logistic model."),
                new CardSection("factors", "Factors", "Age and region."),
            ], "First", null);
        return model;
    }

    private void ChooseReadme(IRenderedComponent<ModelCardTab> tab, string text)
    {
        tab.WaitForAssertion(() => tab.Find("#import-card").Click());
        Host.WaitForElement("#choose-readme");
        Host.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(text, "README.md"));
    }

    [Fact]
    public async Task A_writer_sees_the_front_matter_the_mapping_and_the_changes_before_anything_is_saved_then_saves_one_revision()
    {
        var model = await ModelWithCardAsync("import-ui");
        var tab = RenderTab(model, Permission.EditModelCard);

        ChooseReadme(tab, Readme);

        Host.WaitForAssertion(() => Assert.Equal(2, Host.FindAll("#import-sections tbody tr").Count));
        Assert.Contains("apache-2.0", Host.Find("#import-front-matter").TextContent, StringComparison.Ordinal);
        var rows = Host.FindAll("#import-sections tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains("Model details", rows[0], StringComparison.Ordinal);
        Assert.Contains("Model Description", rows[0], StringComparison.Ordinal);
        Assert.Contains("Replaced:", rows[0], StringComparison.Ordinal);
        Assert.Contains("Environmental Impact", rows[1], StringComparison.Ordinal);
        Assert.Contains("custom", rows[1], StringComparison.Ordinal);
        Assert.Contains("New text, 7 words", rows[1], StringComparison.Ordinal);
        Assert.Equal("1 other section of the card stays as it is.", Host.Find("#import-kept").TextContent.Trim());
        Assert.Equal(1, (await Cards.GetAsync(Arranger, "import-ui")).LatestRevision);

        Host.Find("#confirm-import").Click();

        tab.WaitForAssertion(() => Assert.Contains("Revision 2 of 2", tab.Find("#card-revision").TextContent, StringComparison.Ordinal));
        var saved = await Cards.GetAsync(Arranger, "import-ui");
        Assert.Equal("A gradient-boosted model of default within a year.", saved.Sections.Single(s => s.Key == "model-details").Markdown);
        Assert.Equal("Age and region.", saved.Sections.Single(s => s.Key == "factors").Markdown);
        Assert.Equal("Trained on one CPU for an hour.", saved.Sections.Single(s => s.Key == CardSections.CustomKey("Environmental Impact")).Markdown);
        Assert.Equal("Imported from a Hugging Face README.md", saved.ChangeSummary);
    }

    [Fact]
    public async Task A_card_changed_by_someone_else_after_the_preview_is_a_conflict_and_the_import_saves_nothing()
    {
        var model = await ModelWithCardAsync("import-stale");
        var tab = RenderTab(model, Permission.EditModelCard);
        ChooseReadme(tab, Readme);
        Host.WaitForElement("#import-sections");

        await Cards.SaveAsync(Arranger, "import-stale", 1, [new CardSection("factors", "Factors", "Age only.")], "Meanwhile", null);
        Host.Find("#confirm-import").Click();

        Host.WaitForAssertion(() => Assert.Contains("revision", Host.Find("#import-problem").TextContent, StringComparison.OrdinalIgnoreCase));
        var card = await Cards.GetAsync(Arranger, "import-stale");
        Assert.Equal((2, "Meanwhile"), (card.LatestRevision, card.ChangeSummary));
    }

    [Fact]
    public async Task Front_matter_that_is_not_yaml_is_shown_as_the_problem_and_nothing_can_be_saved()
    {
        var model = await ModelWithCardAsync("import-bad-yaml");
        var tab = RenderTab(model, Permission.EditModelCard);

        ChooseReadme(tab, "---\ntags: [unclosed\n---\n## Uses\nRouting.");

        Host.WaitForAssertion(() => Assert.Contains("not valid YAML", Host.Find("#import-problem").TextContent, StringComparison.Ordinal));
        Assert.True(Host.Find("#confirm-import").HasAttribute("disabled"));
        Assert.Equal(1, (await Cards.GetAsync(Arranger, "import-bad-yaml")).LatestRevision);
    }

    [Fact]
    public async Task Someone_who_may_not_edit_the_card_gets_no_import_button_and_the_service_refuses_their_import()
    {
        var model = await ModelWithCardAsync("import-refused");
        SignInAs(PortalRoles.Auditor);

        var tab = RenderTab(model);

        tab.WaitForElement("#card-revision");
        Assert.Empty(tab.FindAll("#import-card"));
        await Assert.ThrowsAsync<AccessDeniedException>(() =>
            Services.GetRequiredService<CardInterchange>().SaveImportAsync(CurrentActor, "import-refused", Readme, 1, "Sneaking in"));
        Assert.Equal(1, (await Cards.GetAsync(Arranger, "import-refused")).LatestRevision);
    }
}

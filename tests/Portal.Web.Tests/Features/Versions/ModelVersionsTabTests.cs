using AngleSharp.Dom;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Versions;

namespace Portal.Web.Tests.Features.Versions;

public class ModelVersionsTabTests : VersionsTestContext
{
    private ModelView model = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        model = await RegisterModelAsync("credit-pd");
        await RegisterVersionAsync("credit-pd", "1.0.0", auc: "0.81");
        await RegisterVersionAsync("credit-pd", "1.1.0", auc: "0.83");
        await Versions.SetStageAsync(Arranger, "credit-pd", "1.0.0", VersionStage.Production, 1);
    }

    /// <summary>Renders the tab as the model page does: with the signed-in person's rights on the model cascaded to it.</summary>
    private IRenderedComponent<IComponent> RenderTab(ModelView? shown = null)
    {
        var rights = Services.GetRequiredService<ModelWriteGuard>().RightsAsync(CurrentActor, (shown ?? model).Key, ModelWriteRights.ModelPage)
            .GetAwaiter().GetResult();
        var host = RenderWithProviders<ModelVersionsTab>(rights, ("Model", shown ?? model));
        host.WaitForAssertion(() => Assert.Equal(2, Rows(host).Count));
        return host;
    }

    private static IReadOnlyList<IElement> Rows(IRenderedComponent<IComponent> host) => host.FindAll("#versions-table tbody tr.mud-table-row");

    private static string Cell(IElement row, string label) => row.QuerySelector($"td[data-label='{label}']")!.TextContent.Trim();

    [Fact]
    public void Versions_are_listed_newest_first_with_stage_hash_commit_and_metrics()
    {
        var host = RenderTab();

        var rows = Rows(host);
        Assert.Equal(["1.1.0", "1.0.0"], rows.Select(r => Cell(r, "Label")));
        Assert.Equal(["Not staged", "Production"], rows.Select(r => Cell(r, "Stage")));
        Assert.Equal("2c26b46b68ff…", Cell(rows[0], "Training data"));
        Assert.Equal("4e1243bd…", Cell(rows[0], "Commit"));
        Assert.Equal("auc 0.83 · ks 0.41", Cell(rows[0], "Key metrics"));
        Assert.Contains("Test Arranger", Cell(rows[0], "Registered"), StringComparison.Ordinal);
    }

    [Fact]
    public void Clicking_a_row_shows_its_full_lineage()
    {
        var host = RenderTab();
        Assert.Empty(host.FindAll(".version-lineage"));

        Rows(host)[1].Click();

        host.WaitForAssertion(() => Assert.Single(host.FindAll(".version-lineage")));
        var lineage = host.Find(".version-lineage").TextContent;
        Assert.Contains(TrainingHash, lineage, StringComparison.Ordinal);
        Assert.Contains("s3://ml-data/credit/train.parquet", lineage, StringComparison.Ordinal);
        Assert.Contains("https://git.example.com/credit/pd", lineage, StringComparison.Ordinal);
        Assert.Contains("4e1243bd22c66e76c2ba9eddc1f91394e57f9f83", lineage, StringComparison.Ordinal);
        Assert.Contains("s3://ml-artifacts/credit/1.0.0/model.bin", lineage, StringComparison.Ordinal);
        Assert.Contains("Trained by the nightly pipeline.", lineage, StringComparison.Ordinal);
    }

    [Fact]
    public void Picking_two_versions_opens_the_comparison_older_on_the_left()
    {
        var host = RenderTab();
        Assert.True(host.Find("#compare-versions").HasAttribute("disabled"));

        host.FindAll(".compare-check input")[0].Change(true);
        host.FindAll(".compare-check input")[1].Change(true);
        host.WaitForAssertion(() => Assert.False(host.Find("#compare-versions").HasAttribute("disabled")));
        host.Find("#compare-versions").Click();

        Assert.EndsWith("/models/credit-pd/versions/compare?left=1.0.0&right=1.1.0", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal);
    }

    [Fact]
    public void An_engineer_sees_register_but_not_set_stage()
    {
        var host = RenderTab();

        Assert.Single(host.FindAll("#register-version"));
        Assert.Empty(host.FindAll(".set-stage"));
    }

    [Fact]
    public async Task An_engineer_outside_the_models_team_does_not_see_register()
    {
        var elsewhere = await RegisterModelAsync("fraud-elsewhere", team: "Elsewhere");
        await RegisterVersionAsync("fraud-elsewhere", "1.0.0");
        await RegisterVersionAsync("fraud-elsewhere", "1.1.0");

        var host = RenderTab(elsewhere);

        Assert.Empty(host.FindAll("#register-version"));
    }

    [Fact]
    public void An_auditor_sees_the_versions_but_neither_register_nor_set_stage()
    {
        SignInAs(PortalRoles.Auditor);

        var host = RenderTab();

        Assert.Empty(host.FindAll("#register-version"));
        Assert.Empty(host.FindAll(".set-stage"));
    }

    [Fact]
    public void An_admin_can_set_the_stage_of_every_version()
    {
        SignInAs(PortalRoles.Admin);

        var host = RenderTab();

        Assert.Equal(2, host.FindAll(".set-stage").Count);
    }

    [Fact]
    public void A_retired_model_offers_no_registration()
    {
        var host = RenderTab(model with { Status = LifecycleStatus.Retired });

        Assert.Empty(host.FindAll("#register-version"));
    }

    [Fact]
    public async Task Registering_through_the_dialog_adds_the_version_to_the_list()
    {
        var host = RenderTab();

        host.Find("#register-version").Click();
        host.WaitForAssertion(() => Assert.Single(host.FindAll("#save-version")));
        host.Find("#version-label").Change("2.0.0");
        host.Find("#training-uri").Change("s3://ml-data/credit/train-2.parquet");
        host.Find("#training-sha256").Change(TrainingHash);
        host.Find("#save-version").Click();

        host.WaitForAssertion(() => Assert.Equal(3, Rows(host).Count));
        Assert.Equal("2.0.0", Cell(Rows(host)[0], "Label"));
        Assert.Equal(3, await CountVersionsAsync());
    }
}

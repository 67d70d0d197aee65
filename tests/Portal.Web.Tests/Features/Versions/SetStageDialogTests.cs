using MudBlazor;
using Portal.Domain.Access;
using Portal.Domain.Versions;
using Portal.Web.Features.Versions;

namespace Portal.Web.Tests.Features.Versions;

public class SetStageDialogTests : VersionsTestContext
{
    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RegisterModelAsync("credit-pd");
        await RegisterVersionAsync("credit-pd", "1.0.0");
        await RegisterVersionAsync("credit-pd", "1.1.0");
        await Versions.SetStageAsync(Arranger, "credit-pd", "1.0.0", VersionStage.Production, 1);
        // Staged, so that the dialog offers Production first.
        await Versions.SetStageAsync(Arranger, "credit-pd", "1.1.0", VersionStage.Staging, 1);
        SignInAs(PortalRoles.Admin);
    }

    private Task<(IRenderedComponent<Microsoft.AspNetCore.Components.IComponent> Host, IDialogReference Dialog)> OpenAsync(VersionView version) =>
        OpenDialogAsync(new DialogParameters<SetStageDialog> { { d => d.Version, version }, { d => d.CurrentProduction, "1.0.0" } }, "#save-stage");

    [Fact]
    public async Task Promoting_says_which_version_it_archives_and_archives_it()
    {
        var (host, dialog) = await OpenAsync(await Versions.GetAsync(Arranger, "credit-pd", "1.1.0"));

        Assert.Contains("1.0.0 is in Production now; it will be archived", host.Find("#stage-archives").TextContent, StringComparison.Ordinal);
        host.Find("#save-stage").Click();

        var result = await dialog.Result.WaitAsync(DialogTimeout);
        var moved = Assert.IsType<StageChangeResult>(result!.Data);
        Assert.Equal(VersionStage.Production, moved.Version.Stage);
        Assert.Equal(["1.0.0"], moved.ArchivedLabels);
        Assert.Equal(VersionStage.Archived, (await Versions.GetAsync(Arranger, "credit-pd", "1.0.0")).Stage);
        Assert.Equal("Test Admin", (await Versions.GetAsync(Arranger, "credit-pd", "1.1.0")).StageChangedBy);
    }

    [Fact]
    public async Task A_version_changed_meanwhile_shows_the_conflict_and_stays_as_the_other_person_left_it()
    {
        var opened = await Versions.GetAsync(Arranger, "credit-pd", "1.1.0");
        await Versions.SetStageAsync(Arranger, "credit-pd", "1.1.0", VersionStage.Archived, opened.Revision);
        var (host, dialog) = await OpenAsync(opened);

        host.Find("#save-stage").Click();

        host.WaitForAssertion(() => Assert.Contains("was changed by someone else", host.Find("#stage-problem").TextContent, StringComparison.Ordinal));
        Assert.Contains("now Archived at revision 3", host.Find("#stage-problem").TextContent, StringComparison.Ordinal);
        Assert.False(dialog.Result.IsCompleted);
        Assert.Equal(VersionStage.Archived, (await Versions.GetAsync(Arranger, "credit-pd", "1.1.0")).Stage);
        Assert.Equal(VersionStage.Production, (await Versions.GetAsync(Arranger, "credit-pd", "1.0.0")).Stage);
    }

    [Fact]
    public async Task The_current_stage_and_no_stage_are_not_offered()
    {
        var (host, _) = await OpenAsync(await Versions.GetAsync(Arranger, "credit-pd", "1.0.0"));

        Assert.Equal("Staging", host.Find("#version-stage").GetAttribute("value"));
    }
}

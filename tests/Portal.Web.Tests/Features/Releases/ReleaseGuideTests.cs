using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Releases;
using Portal.Web.Tests.Features.Versions;

namespace Portal.Web.Tests.Features.Releases;

/// <summary>The release path guides: failing gates said before requesting, next steps on the model page, the register form's tier help.</summary>
public class ReleaseGuideTests : VersionsTestContext
{
    public ReleaseGuideTests()
    {
        Services.AddLogging();
        Services.AddReleasesFeature();
    }

    [Fact]
    public async Task The_request_dialog_shows_failing_gates_before_submitting_and_still_lets_the_person_request()
    {
        await RegisterModelAsync("credit-pd");
        await RegisterVersionAsync("credit-pd", "1.0.0");
        RenderProviders();
        IDialogReference? reference = null;
        await Host.InvokeAsync(async () => reference = await Services.GetRequiredService<IDialogService>()
            .ShowAsync<RequestReleaseDialog>("Request", new DialogParameters<RequestReleaseDialog> { { d => d.ModelKey, "credit-pd" } }));

        Host.WaitForAssertion(() => Assert.Contains("Active primary owner", Host.Find("#failing-gates").TextContent, StringComparison.Ordinal));
        var warning = Host.Find("#failing-gates").TextContent;
        Assert.Contains("You may still request the release", warning, StringComparison.Ordinal);
        Assert.Contains("no reviewer can approve until they pass", warning, StringComparison.Ordinal);

        Host.Find("#release-summary").Change("Better AUC.");
        Host.Find("#release-rollout").Change("Shadow, then all traffic.");
        Host.Find("#save-release").Click();
        var result = await reference!.Result.WaitAsync(DialogTimeout);
        Assert.Equal(ReleaseStatus.Pending, Assert.IsType<ReleaseSummary>(result!.Data).Status);
    }

    [Fact]
    public async Task A_new_models_next_steps_say_it_has_no_owner_and_who_assigns_one_and_the_card_is_to_write()
    {
        await RegisterModelAsync("credit-pd");

        var panel = Render<NextStepsPanel>(p => p.Add(c => c.ModelKey, "credit-pd"));

        panel.WaitForAssertion(() => Assert.Equal(5, panel.FindAll(".next-step").Count));
        var owner = panel.Find("[data-step=owner]");
        Assert.Equal("ToDo", owner.GetAttribute("data-state"));
        Assert.Contains("credit-pd has no owner yet. A manager of team Payments or an Admin assigns one", owner.TextContent, StringComparison.Ordinal);
        Assert.Equal("ToDo", panel.Find("[data-step=card]").GetAttribute("data-state"));
        Assert.Contains("Register a version", panel.Find("[data-step=version]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Registering_a_version_and_requesting_a_release_moves_the_checklist_on()
    {
        await RegisterModelAsync("credit-pd", team: HomeTeam);
        await RegisterVersionAsync("credit-pd", "1.0.0");
        await Services.GetRequiredService<ReleaseService>().CreateAsync(Arranger, "credit-pd", "1.0.0", VersionStage.Production, "First.", "All at once.");

        var panel = Render<NextStepsPanel>(p => p.Add(c => c.ModelKey, "credit-pd"));

        panel.WaitForAssertion(() => Assert.Equal("Done", panel.Find("[data-step=version]").GetAttribute("data-state")));
        Assert.Equal("InProgress", panel.Find("[data-step=release]").GetAttribute("data-state"));
        Assert.Contains("awaits sign-off", panel.Find("[data-step=release]").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_register_form_says_the_tier_has_no_default_and_who_changes_it_later()
    {
        RenderProviders();
        await Host.InvokeAsync(async () => await Services.GetRequiredService<IDialogService>().ShowAsync<ModelFormDialog>("Model"));

        Host.WaitForAssertion(() => Assert.Contains("No default: the tier decides which approval policy", Host.Markup, StringComparison.Ordinal));
        Assert.Contains("only an Admin or a Compliance reviewer changes it", Host.Markup, StringComparison.Ordinal);
    }
}

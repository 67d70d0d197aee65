using Portal.Domain.Versions;
using Portal.Web.Features.Versions;

namespace Portal.Web.Tests.Features.Versions;

public class CurrentProductionVersionTests : VersionsTestContext
{
    private IRenderedComponent<CurrentProductionVersion> RenderFor(string modelKey)
    {
        var cut = Render<CurrentProductionVersion>(p => p.Add(c => c.ModelKey, modelKey));
        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll(".mud-progress-circular")));
        return cut;
    }

    [Fact]
    public async Task Shows_none_yet_until_a_version_reaches_production()
    {
        await RegisterModelAsync("credit-pd");
        await RegisterVersionAsync("credit-pd", "1.0.0");

        Assert.Equal("none yet", RenderFor("credit-pd").Find("#current-production-version").TextContent.Trim());
    }

    [Fact]
    public async Task Shows_the_label_of_the_production_version_and_who_set_it()
    {
        await RegisterModelAsync("credit-pd");
        await RegisterVersionAsync("credit-pd", "1.0.0");
        await RegisterVersionAsync("credit-pd", "1.1.0");
        await Versions.SetStageAsync(Arranger, "credit-pd", "1.0.0", VersionStage.Production, 1);
        await Versions.SetStageAsync(Arranger, "credit-pd", "1.1.0", VersionStage.Production, 1);

        var text = RenderFor("credit-pd").Find("#current-production-version").TextContent;

        Assert.Contains("1.1.0", text, StringComparison.Ordinal);
        Assert.DoesNotContain("1.0.0", text, StringComparison.Ordinal);
        Assert.Contains("set by Test Arranger", text, StringComparison.Ordinal);
    }
}

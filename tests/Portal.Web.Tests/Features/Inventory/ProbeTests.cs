using Portal.Web.Features.Inventory;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Inventory;

public class ProbeTests : PortalTestContext
{
    [Fact]
    public async Task Probe()
    {
        for (var i = 0; i < 30; i++)
        {
            await RegisterModelAsync($"model-{i:00}");
        }
        var cut = RenderWithProviders<InventoryPage>();
        cut.WaitForAssertion(() => Assert.Contains("model-00", cut.Markup, StringComparison.Ordinal));
        File.WriteAllText("/tmp/probe.html", cut.Markup);
    }
}

using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Web.Features.Inventory;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Inventory;

public class ModelFormDialogTests : PortalTestContext
{
    [Fact]
    public async Task Probe()
    {
        await RegisterModelAsync("fraud-score");
        var host = RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        IDialogReference? reference = null;
        await host.InvokeAsync(async () => reference = await dialogs.ShowAsync<ModelFormDialog>("Register a model"));
        host.Find("#model-key").Change("bad key");
        host.Find("#model-team").Input("Pay");
        host.Find("#model-team").Blur();
        File.WriteAllText("/tmp/dialog1.html", host.Markup);
        host.Find("#save-model").Click();
        File.WriteAllText("/tmp/dialog2.html", host.Markup);
    }
}

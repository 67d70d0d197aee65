using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Routing;
using Microsoft.Extensions.DependencyInjection;
using Portal.Web.Components.Shared;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Components.Shared;

/// <summary>
/// A page bound to the address does not act on a new address while Blazor is still telling the others about it (acting
/// there once lost circuits under load), and does act on it right after.
/// </summary>
public class AddressBoundComponentTests : PortalTestContext
{
    [Fact]
    public void A_new_address_is_acted_on_after_the_location_change_has_been_told_not_during_it()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("models?status=Production");
        var cut = Render<StatusProbe>();
        Assert.Equal(["Production"], cut.Instance.Seen);
        int? seenDuringTheChange = null;
        // Added after the probe subscribed, so it runs after the query supplier has told the probe.
        navigation.LocationChanged += (_, _) => seenDuringTheChange ??= cut.Instance.Seen.Count;

        navigation.NavigateTo("models?status=Validation");

        Assert.Equal(1, seenDuringTheChange);
        cut.WaitForAssertion(() => Assert.Equal(["Production", "Validation"], cut.Instance.Seen));
        cut.WaitForAssertion(() => Assert.Equal("Validation", cut.Find("p").TextContent));
    }

    [Fact]
    public async Task A_page_gone_before_it_could_act_does_not_act()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        navigation.NavigateTo("models?status=Production");
        var cut = Render<StatusProbe>();
        var probe = cut.Instance;
        navigation.LocationChanged += (_, _) => probe.Dispose();

        navigation.NavigateTo("models?status=Validation");
        // Queued behind the probe's deferred work, so that work has run when this returns.
        await cut.InvokeAsync(() => { });

        Assert.Equal("Validation", probe.Status);
        Assert.Equal(["Production"], probe.Seen);
    }

    private sealed class StatusProbe : AddressBoundComponent
    {
        [SupplyParameterFromQuery(Name = "status")] public string? Status { get; set; }

        public List<string?> Seen { get; } = [];

        protected override void OnParametersSet() => Seen.Add(Status);

        protected override void BuildRenderTree(RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "p");
            builder.AddContent(1, Status);
            builder.CloseElement();
        }
    }
}

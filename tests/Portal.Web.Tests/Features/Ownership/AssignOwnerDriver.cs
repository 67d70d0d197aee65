using Microsoft.AspNetCore.Components;
using Portal.Domain.Ownership;

namespace Portal.Web.Tests.Features.Ownership;

/// <summary>Fills in the assign-owner dialog the way a person would: type in the picker, choose from its list.</summary>
internal sealed class AssignOwnerDriver(IRenderedComponent<IComponent> host)
{
    public bool IsOpen => host.FindAll("#save-owner").Count > 0;

    public void PickOwner(string typed, string shown)
    {
        host.Find("#owner-subject").Input(typed);
        host.WaitForAssertion(() => host.FindAll(".mud-popover-open .mud-list-item")
            .First(item => item.TextContent.Contains(shown, StringComparison.Ordinal)).Click());
    }

    /// <summary>The role select's options open from its combobox; the list is in the popover provider.</summary>
    public void ChooseRole(OwnerRole role)
    {
        host.Find("#owner-role").ParentElement!.QuerySelector("[role=combobox]")!.MouseDown();
        host.WaitForAssertion(() => host.FindAll(".mud-popover-open .mud-list-item")
            .First(item => item.TextContent.Trim() == role.ToString()).Click());
    }

    public void Reason(string reason) => host.Find("#owner-reason").Change(reason);

    public void Save() => host.Find("#save-owner").Click();

    public string? FieldError(string inputId) =>
        host.Find("#" + inputId).Closest(".mud-input-control")!
            .QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    public string? Problem() => host.FindAll("#owner-problem").SingleOrDefault()?.TextContent.Trim();

    public IReadOnlyList<string> Options() =>
        [.. host.FindAll(".mud-popover-open .mud-list-item").Select(item => item.TextContent.Trim())];
}

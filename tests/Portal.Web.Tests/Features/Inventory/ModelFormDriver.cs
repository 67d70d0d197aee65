using Microsoft.AspNetCore.Components;
using Portal.Domain.Inventory;

namespace Portal.Web.Tests.Features.Inventory;

/// <summary>Fills in and submits the model form dialog the way a person would, through its inputs.</summary>
internal sealed class ModelFormDriver(IRenderedComponent<IComponent> host)
{
    public bool IsOpen => host.FindAll("#save-model").Count > 0;

    public void Fill(string? key = null, string? name = null, string? team = null, string? tags = null, string? description = null,
        RiskTier? tier = null)
    {
        if (tier is not null)
        {
            host.Find("#model-risk-tier").ParentElement!.QuerySelector("[role=combobox]")!.MouseDown();
            host.WaitForAssertion(() => host.FindAll(".mud-popover-open .mud-list-item")
                .First(item => item.TextContent.Trim() == tier.ToString()).Click());
        }
        if (key is not null)
        {
            host.Find("#model-key").Change(key);
        }
        if (name is not null)
        {
            host.Find("#model-name").Change(name);
        }
        if (description is not null)
        {
            host.Find("#model-description").Change(description);
        }
        if (team is not null)
        {
            // The team is an autocomplete that takes the typed text as its value when it loses focus.
            host.Find("#model-team").Input(team);
            host.Find("#model-team").Blur();
        }
        if (tags is not null)
        {
            host.Find("#model-tags").Change(tags);
        }
    }

    public void Save() => host.Find("#save-model").Click();

    public void Cancel() =>
        host.FindAll(".mud-dialog-actions button").Single(button => button.TextContent.Trim() == "Cancel").Click();

    /// <summary>The error text shown under the field whose input has <paramref name="inputId"/>; null when it shows none.</summary>
    public string? FieldError(string inputId) =>
        host.Find("#" + inputId).Closest(".mud-input-control")!
            .QuerySelector(".mud-input-helper-text.mud-input-error")?.TextContent.Trim();

    /// <summary>The form-level problem (conflict, denial), if one is shown.</summary>
    public string? Problem() => host.FindAll("#form-problem").SingleOrDefault()?.TextContent.Trim();
}

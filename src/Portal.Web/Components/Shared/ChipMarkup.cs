using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace Portal.Web.Components.Shared;

/// <summary>
/// A small MudChip's markup (same classes, same look) without a MudChip component. For table cells: every component
/// costs each open circuit its state and two render-tree buffers, and a page of chips is a few hundred of them.
/// </summary>
public static class ChipMarkup
{
    public static RenderFragment Chip(string text, Color color, Variant variant) => builder =>
    {
        builder.OpenElement(0, "div");
        builder.AddAttribute(1, "class", "mud-chip-container");
        builder.OpenElement(2, "div");
        builder.AddAttribute(3, "class", Classes(color, variant));
        builder.OpenElement(4, "span");
        builder.AddAttribute(5, "class", "mud-chip-content");
        builder.AddContent(6, text);
        builder.CloseElement();
        builder.CloseElement();
        builder.CloseElement();
    };

    /// <summary>MudChip's classes for a small chip of this colour and variant.</summary>
    public static string Classes(Color color, Variant variant) =>
        $"mud-chip mud-chip-{variant.ToString().ToLowerInvariant()} mud-chip-size-small mud-chip-color-{color.ToString().ToLowerInvariant()}";
}

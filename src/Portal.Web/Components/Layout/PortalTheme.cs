using MudBlazor;

namespace Portal.Web.Components.Layout;

public static class PortalTheme
{
    // System fonts: the portal must not fetch fonts from the internet.
    private static readonly string[] FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#1f4e79", Secondary = "#00897b", AppbarBackground = "#1f4e79" },
        PaletteDark = new PaletteDark { Primary = "#7aa7d6", Secondary = "#4db6ac" },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = FontFamily } },
    };
}

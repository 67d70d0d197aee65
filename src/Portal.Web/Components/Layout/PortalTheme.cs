using MudBlazor;

namespace Portal.Web.Components.Layout;

/// <summary>
/// The portal's colours. Every colour that carries text, and every filled colour with white text on it, meets WCAG 2.2 AA
/// contrast (4.5:1) against white or the dark background: MudBlazor's defaults for secondary, success, warning, info and
/// error do not (white on bright green is 2.2:1, on orange 2.9:1).
/// </summary>
public static class PortalTheme
{
    // System fonts: the portal must not fetch fonts from the internet.
    private static readonly string[] FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#00695c",
            Tertiary = "#5b3f99",
            Info = "#1565c0",
            Success = "#1b5e20",
            Warning = "#a84300",
            Error = "#c62828",
            Dark = "#37474f",
            AppbarBackground = "#1f4e79",
            TextSecondary = "rgba(0,0,0,0.68)",
            ActionDefault = "rgba(0,0,0,0.62)",
            LinesInputs = "rgba(0,0,0,0.55)",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#9cc3ec",
            Secondary = "#80cbc4",
            Info = "#90caf9",
            Success = "#81c784",
            Warning = "#ffb74d",
            Error = "#ef9a9a",
            TextSecondary = "rgba(255,255,255,0.75)",
            // Light fills in the dark theme carry dark text.
            PrimaryContrastText = "rgba(0,0,0,0.87)",
            SecondaryContrastText = "rgba(0,0,0,0.87)",
            InfoContrastText = "rgba(0,0,0,0.87)",
            SuccessContrastText = "rgba(0,0,0,0.87)",
            WarningContrastText = "rgba(0,0,0,0.87)",
            ErrorContrastText = "rgba(0,0,0,0.87)",
        },
        Typography = new Typography { Default = new DefaultTypography { FontFamily = FontFamily } },
    };
}

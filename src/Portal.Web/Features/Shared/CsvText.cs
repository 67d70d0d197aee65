namespace Portal.Web.Features.Shared;

/// <summary>RFC 4180 CSV fields, with spreadsheet formula injection neutralised (a leading = + - @ tab or CR is prefixed with ').</summary>
public static class CsvText
{
    public static string Field(string? value)
    {
        var text = NeutralizeFormula(value);
        return text.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }

    /// <summary>Text a spreadsheet would run as a formula gets a leading apostrophe, so it is shown, never run.</summary>
    public static string NeutralizeFormula(string? value) =>
        string.IsNullOrEmpty(value) ? "" : value[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + value : value;

    public static string Row(params string?[] values) => string.Join(",", values.Select(Field));
}

namespace Portal.Web.Features.Shared;

/// <summary>RFC 4180 CSV fields, with spreadsheet formula injection neutralised (a leading = + - @ tab or CR is prefixed with ').</summary>
public static class CsvText
{
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }
        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }
        return value.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }

    public static string Row(params string?[] values) => string.Join(",", values.Select(Field));
}

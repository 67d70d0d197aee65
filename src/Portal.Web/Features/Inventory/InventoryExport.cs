using System.Globalization;
using System.Security.Claims;
using ClosedXML.Excel;
using Portal.Domain.Inventory;
using Portal.Web.Auth;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Inventory;

/// <summary>The inventory's current filtered view as CSV or Excel, for people (cookie) and pipelines (API).</summary>
public static class InventoryExport
{
    private static readonly string[] Columns = ["key", "name", "team", "riskTier", "status", "primaryOwner", "tags", "updatedAtUtc"];

    public static void MapInventoryExport(this IEndpointRouteBuilder endpoints, string prefix)
    {
        endpoints.MapGet($"{prefix}/export.csv", ExportCsvAsync).WithTags("Models").WithSummary("Export the filtered inventory as CSV.")
            .Produces<string>(contentType: "text/csv");
        endpoints.MapGet($"{prefix}/export.xlsx", ExportExcelAsync).WithTags("Models").WithSummary("Export the filtered inventory as an Excel workbook.")
            .Produces<Stream>(contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    }

    public static string Url(string format, ModelQuery query) =>
        $"inventory/export.{format}?" + string.Join("&", QueryParameters(query)
            .Where(p => p.Value is not null)
            .Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value!)}"));

    private static async Task ExportCsvAsync(HttpContext context, ModelService models, ClaimsPrincipal user,
        string? search, LifecycleStatus? status, RiskTier? riskTier, string? team, string? tag, string? owner, InventoryView? view, string? flag, ModelSort? sort, bool? descending,
        string? card)
    {
        var query = new ModelQuery(search, status, riskTier, team, tag, sort ?? ModelSort.Key, descending ?? false, Owner: owner, View: view ?? InventoryView.All, Flag: flag,
            Card: CardFilters.Parse(card));
        var rows = models.ExportAsync(user.ToActor(), query, context.RequestAborted);
        await using var enumerator = rows.GetAsyncEnumerator(context.RequestAborted);
        // Reading the first row runs the permission check before anything is sent, so a refusal is still a clean 403.
        var hasRow = await enumerator.MoveNextAsync();
        SetDownload(context, "text/csv; charset=utf-8", "csv");
        await using var writer = new StreamWriter(context.Response.Body, new System.Text.UTF8Encoding(false));
        await writer.WriteLineAsync(string.Join(",", Columns));
        while (hasRow)
        {
            await writer.WriteLineAsync(CsvText.Row(Cells(enumerator.Current)));
            hasRow = await enumerator.MoveNextAsync();
        }
    }

    private static async Task ExportExcelAsync(HttpContext context, ModelService models, ClaimsPrincipal user,
        string? search, LifecycleStatus? status, RiskTier? riskTier, string? team, string? tag, string? owner, InventoryView? view, string? flag, ModelSort? sort, bool? descending,
        string? card)
    {
        var query = new ModelQuery(search, status, riskTier, team, tag, sort ?? ModelSort.Key, descending ?? false, Owner: owner, View: view ?? InventoryView.All, Flag: flag,
            Card: CardFilters.Parse(card));
        using var workbook = new XLWorkbook();
        var sheet = workbook.AddWorksheet("Models");
        for (var column = 0; column < Columns.Length; column++)
        {
            sheet.Cell(1, column + 1).SetValue(Columns[column]);
        }
        var row = 2;
        await foreach (var model in models.ExportAsync(user.ToActor(), query, context.RequestAborted))
        {
            var cells = Cells(model);
            for (var column = 0; column < cells.Length; column++)
            {
                // Stored as text, never as a formula, whatever the value starts with.
                sheet.Cell(row, column + 1).SetValue(CsvText.NeutralizeFormula(cells[column]));
            }
            row++;
        }
        sheet.Row(1).Style.Font.Bold = true;
        sheet.SheetView.FreezeRows(1);
        using var buffer = new MemoryStream();
        workbook.SaveAs(buffer);
        SetDownload(context, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx");
        await context.Response.Body.WriteAsync(buffer.ToArray(), context.RequestAborted);
    }

    private static string?[] Cells(ModelSummary m) =>
    [
        m.Key, m.Name, m.Team, m.RiskTier.ToString(), m.Status.ToString(), m.PrimaryOwner, string.Join(" ", m.Tags),
        m.UpdatedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
    ];

    private static void SetDownload(HttpContext context, string contentType, string extension)
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"models-{DateTime.UtcNow:yyyyMMdd-HHmmss}.{extension}\"";
    }

    private static IEnumerable<KeyValuePair<string, string?>> QueryParameters(ModelQuery query) =>
    [
        new("search", query.Search), new("status", query.Status?.ToString()), new("riskTier", query.RiskTier?.ToString()),
        new("team", query.Team), new("tag", query.Tag), new("owner", query.Owner),
        new("view", query.View == InventoryView.All ? null : query.View.ToString()), new("flag", query.Flag),
        new("card", query.Card?.ToString().ToLowerInvariant()),
        new("sort", query.Sort.ToString()), new("descending", query.Descending ? "true" : null),
    ];
}

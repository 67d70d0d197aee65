using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Portal.Cli.Models;

/// <summary>
/// Calls <c>GET /api/v1/models/{key}?asOf=</c>, or pages through <c>GET /api/v1/models?asOf=</c>, and writes the answer as JSON.
/// The inventory is written as one object (asOf, throughEvent, totalCount, items), page by page, so memory stays one page.
/// </summary>
internal sealed class AsOfClient(TextWriter output, TextWriter error, HttpMessageHandler? handler)
{
    private const int PageSize = 5000;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    public async Task<int> RunAsync(AsOfQuery query, CancellationToken cancellationToken)
    {
        if (Problems(query) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }
            return AsOfCommand.Failed;
        }
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", query.Token);
        var root = new Uri(query.Url!.TrimEnd('/') + "/");
        try
        {
            return string.IsNullOrWhiteSpace(query.Model)
                ? await InventoryAsync(client, root, query.At!.Trim(), cancellationToken)
                : await ModelAsync(client, new Uri(root, $"api/v1/models/{Uri.EscapeDataString(query.Model.Trim())}?asOf={Uri.EscapeDataString(query.At!.Trim())}"), cancellationToken);
        }
        catch (HttpRequestException failure)
        {
            await error.WriteLineAsync($"Could not reach the portal at {query.Url}: {failure.Message}");
            return AsOfCommand.Failed;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"The portal at {query.Url} did not answer within {Timeout.TotalSeconds:0} seconds.");
            return AsOfCommand.Failed;
        }
        catch (JsonException)
        {
            await error.WriteLineAsync($"The portal at {query.Url} answered with something that is not JSON; is the address right?");
            return AsOfCommand.Failed;
        }
    }

    private async Task<int> ModelAsync(HttpClient client, Uri address, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(address, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return await RefusedAsync(response.StatusCode, body);
        }
        using var json = JsonDocument.Parse(body);
        await output.WriteLineAsync(JsonSerializer.Serialize(json.RootElement, Indented));
        return AsOfCommand.Answered;
    }

    private async Task<int> InventoryAsync(HttpClient client, Uri root, string at, CancellationToken cancellationToken)
    {
        var written = 0;
        for (var page = 1; ; page++)
        {
            using var response = await client.GetAsync(new Uri(root, $"api/v1/models?asOf={Uri.EscapeDataString(at)}&page={page}&pageSize={PageSize}"), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                return page == 1 ? await RefusedAsync(response.StatusCode, body) : await FailedMidwayAsync(response.StatusCode, body, page);
            }
            using var json = JsonDocument.Parse(body);
            var answer = json.RootElement;
            var total = answer.GetProperty("totalCount").GetInt32();
            if (page == 1)
            {
                await output.WriteAsync($"{{\"asOf\":{answer.GetProperty("asOf").GetRawText()},\"throughEvent\":{answer.GetProperty("throughEvent").GetRawText()},\"totalCount\":{total},\"items\":[");
            }
            foreach (var item in answer.GetProperty("items").EnumerateArray())
            {
                await output.WriteAsync((written++ == 0 ? "\n" : ",\n") + item.GetRawText());
            }
            if (written >= total || answer.GetProperty("items").GetArrayLength() == 0)
            {
                await output.WriteLineAsync("\n]}");
                return AsOfCommand.Answered;
            }
        }
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static List<string> Problems(AsOfQuery query)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(query.At))
        {
            problems.Add("Name the moment: --at 2026-05-01T00:00:00Z (ISO 8601).");
        }
        if (string.IsNullOrWhiteSpace(query.Url) || !Uri.TryCreate(query.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            problems.Add($"Give the portal's address: --url https://portal.example.com or the environment variable {Releases.ReleaseCheckCommand.UrlVariable}.");
        }
        if (string.IsNullOrWhiteSpace(query.Token))
        {
            problems.Add($"Give a service token: --token <token> or the environment variable {Releases.ReleaseCheckCommand.TokenVariable}.");
        }
        return problems;
    }

    private async Task<int> RefusedAsync(HttpStatusCode status, string body)
    {
        var detail = ProblemDetail(body);
        var (message, exitCode) = status switch
        {
            HttpStatusCode.NotFound => ($"Not there (404): {detail}", AsOfCommand.NotThere),
            HttpStatusCode.Unauthorized => ("The portal did not accept the token (401): it is unknown, expired or revoked.", AsOfCommand.Failed),
            HttpStatusCode.Forbidden => ($"The token may not read this (403). {detail}", AsOfCommand.Failed),
            HttpStatusCode.BadRequest => ($"The portal refused the question (400): {detail}", AsOfCommand.Failed),
            _ => ($"The portal answered {(int)status} {status}. {detail}", AsOfCommand.Failed),
        };
        await error.WriteLineAsync(message.TrimEnd());
        return exitCode;
    }

    private async Task<int> FailedMidwayAsync(HttpStatusCode status, string body, int page)
    {
        await output.WriteLineAsync("\n]}");
        await error.WriteLineAsync($"The portal answered {(int)status} on page {page}; the inventory above is incomplete. {ProblemDetail(body)}".TrimEnd());
        return AsOfCommand.Failed;
    }

    /// <summary>The problem's detail, or its field errors (a 400 for a bad moment carries them under "errors").</summary>
    private static string ProblemDetail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Object)
            {
                return string.Join(" ", errors.EnumerateObject().SelectMany(e => e.Value.EnumerateArray().Select(m => m.GetString())));
            }
            return root.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" :
                root.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }
}

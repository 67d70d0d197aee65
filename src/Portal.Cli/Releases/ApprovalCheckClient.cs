using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Portal.Cli.Releases;

/// <summary>Calls <c>GET /api/v1/models/{key}/versions/{label}/approval?stage=</c> and turns the answer into an exit code and words.</summary>
internal sealed class ApprovalCheckClient(TextWriter output, TextWriter error, HttpMessageHandler? handler)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public async Task<int> RunAsync(ApprovalQuery query, CancellationToken cancellationToken)
    {
        if (Problems(query) is { Count: > 0 } problems)
        {
            foreach (var problem in problems)
            {
                await error.WriteLineAsync(problem);
            }
            return ReleaseCheckCommand.Failed;
        }
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", query.Token);
        var address = new Uri(new Uri(query.Url!.TrimEnd('/') + "/"),
            $"api/v1/models/{Uri.EscapeDataString(query.Model!)}/versions/{Uri.EscapeDataString(query.Version!)}/approval?stage={Uri.EscapeDataString(query.Stage)}");
        try
        {
            using var response = await client.GetAsync(address, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.OK
                ? await ReportAsync(query, body)
                : await RefusedAsync(response.StatusCode, body);
        }
        catch (HttpRequestException failure)
        {
            await error.WriteLineAsync($"Could not reach the portal at {query.Url}: {failure.Message}");
            return ReleaseCheckCommand.Failed;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"The portal at {query.Url} did not answer within {Timeout.TotalSeconds:0} seconds.");
            return ReleaseCheckCommand.Failed;
        }
        catch (JsonException)
        {
            await error.WriteLineAsync($"The portal at {query.Url} answered with something that is not an approval; is the address right?");
            return ReleaseCheckCommand.Failed;
        }
    }

    private static List<string> Problems(ApprovalQuery query)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(query.Model))
        {
            problems.Add("Name the model: --model <key>.");
        }
        if (string.IsNullOrWhiteSpace(query.Version))
        {
            problems.Add("Name the version: --version <label>.");
        }
        if (!query.Stage.Equals("Production", StringComparison.OrdinalIgnoreCase) && !query.Stage.Equals("Staging", StringComparison.OrdinalIgnoreCase))
        {
            problems.Add("--stage must be Staging or Production.");
        }
        if (string.IsNullOrWhiteSpace(query.Url) || !Uri.TryCreate(query.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            problems.Add($"Give the portal's address: --url https://portal.example.com or the environment variable {ReleaseCheckCommand.UrlVariable}.");
        }
        if (string.IsNullOrWhiteSpace(query.Token))
        {
            problems.Add($"Give a service token: --token <token> or the environment variable {ReleaseCheckCommand.TokenVariable}.");
        }
        return problems;
    }

    private async Task<int> ReportAsync(ApprovalQuery query, string body)
    {
        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        var subject = $"{query.Model} {query.Version} for {query.Stage}";
        if (root.GetProperty("approved").GetBoolean())
        {
            await output.WriteLineAsync($"Approved: {subject} (release request {Text(root, "requestId")}, approved {Text(root, "approvedAt")}" +
                $"{(root.TryGetProperty("revalidationDueAt", out var due) && due.ValueKind == JsonValueKind.String ? $", revalidation due {due.GetString()}" : "")}).");
            return ReleaseCheckCommand.Approved;
        }
        await error.WriteLineAsync($"Not approved: {subject}.");
        foreach (var reason in root.GetProperty("reasons").EnumerateArray())
        {
            await error.WriteLineAsync($"  - {reason.GetString()}");
        }
        return ReleaseCheckCommand.NotApproved;
    }

    private async Task<int> RefusedAsync(HttpStatusCode status, string body)
    {
        var detail = ProblemDetail(body);
        var message = status switch
        {
            HttpStatusCode.Unauthorized => "The portal did not accept the token (401): it is unknown, expired or revoked.",
            HttpStatusCode.Forbidden => $"The token may not read approvals (403). {detail}",
            HttpStatusCode.NotFound => $"Not found (404): {detail}",
            HttpStatusCode.BadRequest => $"The portal refused the question (400): {detail}",
            _ => $"The portal answered {(int)status} {status}. {detail}",
        };
        await error.WriteLineAsync(message.TrimEnd());
        return ReleaseCheckCommand.Failed;
    }

    private static string ProblemDetail(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.TryGetProperty("detail", out var detail) ? detail.GetString() ?? "" :
                json.RootElement.TryGetProperty("title", out var title) ? title.GetString() ?? "" : "";
        }
        catch (JsonException)
        {
            return "";
        }
    }

    private static string Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "?";
}

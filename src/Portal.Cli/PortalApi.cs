using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Portal.Cli;

/// <summary>
/// One GET to the portal's API with a bearer token, for the commands that ask the portal something. Every failure to get
/// an answer (no connection, no answer in time, refused token, an error status, not JSON) is reported on stderr in words,
/// and the caller gets null; otherwise it reads the successful JSON body.
/// </summary>
internal sealed class PortalApi(TextWriter error, HttpMessageHandler? handler)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    public const string UrlVariable = "PORTAL_URL";
    public const string TokenVariable = "PORTAL_TOKEN";

    /// <summary>What is wrong with the address and token, in words; empty when both are usable.</summary>
    public static List<string> Problems(string? url, string? token)
    {
        var problems = new List<string>();
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("http" or "https"))
        {
            problems.Add($"Give the portal's address: --url https://portal.example.com or the environment variable {UrlVariable}.");
        }
        if (string.IsNullOrWhiteSpace(token))
        {
            problems.Add($"Give a service token: --token <token> or the environment variable {TokenVariable}.");
        }
        return problems;
    }

    /// <summary>The JSON answer of <paramref name="path"/> (relative to the portal's address), or null after reporting why there is none.</summary>
    public async Task<JsonDocument?> GetAsync(string url, string token, string path, CancellationToken cancellationToken)
    {
        using var client = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        client.Timeout = Timeout;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var address = new Uri(new Uri(url.TrimEnd('/') + "/"), path);
        try
        {
            using var response = await client.GetAsync(address, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                await error.WriteLineAsync(Refusal(response.StatusCode, body));
                return null;
            }
            return JsonDocument.Parse(body);
        }
        catch (HttpRequestException failure)
        {
            await error.WriteLineAsync($"Could not reach the portal at {url}: {failure.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await error.WriteLineAsync($"The portal at {url} did not answer within {Timeout.TotalSeconds:0} seconds.");
        }
        catch (JsonException)
        {
            await error.WriteLineAsync($"The portal at {url} answered with something that is not JSON; is the address right?");
        }
        return null;
    }

    private static string Refusal(HttpStatusCode status, string body)
    {
        var detail = ProblemDetail(body);
        return (status switch
        {
            HttpStatusCode.Unauthorized => "The portal did not accept the token (401): it is unknown, expired or revoked.",
            HttpStatusCode.Forbidden => $"The token may not do this (403). {detail}",
            HttpStatusCode.NotFound => $"Not found (404): {detail}",
            HttpStatusCode.BadRequest => $"The portal refused the question (400): {detail}",
            _ => $"The portal answered {(int)status} {status}. {detail}",
        }).TrimEnd();
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
}

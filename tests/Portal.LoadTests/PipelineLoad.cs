using System.Diagnostics;
using System.Net.Http.Json;

namespace Portal.LoadTests;

/// <summary>
/// CI/CD pipelines against the API with a service token: registering versions, and the CD gate check
/// <c>GET /api/v1/models/{key}/versions/{label}/approval?stage=Production</c>, each at a target rate (open loop:
/// requests start on schedule whether or not earlier ones have answered, up to a bound on those in flight). Half the gate
/// checks ask about a version with an approved production release, whose signatures the check verifies; the other half about
/// versions the harness registered, never approved, which the check answers after one query.
/// </summary>
internal sealed class PipelineLoad(HttpClient api, string run)
{
    private const int MaxInFlight = 2048;
    private readonly List<(string Key, string Label)> versions = [];
    private readonly List<(string Key, string Label)> approvedVersions = [];
    private readonly List<string> writableKeys = [];
    private long registered;
    private long skipped;

    public Latencies GateChecks { get; } = new();

    /// <summary>The gate checks about an approved version; one that does not answer approved counts as failed.</summary>
    public Latencies ApprovedGateChecks { get; } = new();

    /// <summary>The gate checks about a registered version, never approved; one that answers approved counts as failed.</summary>
    public Latencies UnapprovedGateChecks { get; } = new();

    public Latencies Registrations { get; } = new();

    /// <summary>Requests not sent because <see cref="MaxInFlight"/> were already waiting: the client, or the server, fell behind.</summary>
    public long Skipped => Interlocked.Read(ref skipped);

    /// <summary>Registers one version on each model that accepts one, so that the gate check asks about real versions.</summary>
    public async Task PrepareAsync(IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        foreach (var key in keys.Take(20))
        {
            var label = $"{run}-0";
            if (await RegisterAsync(key, label, cancellationToken))
            {
                versions.Add((key, label));
                writableKeys.Add(key);
            }
        }
        if (versions.Count == 0)
        {
            throw new InvalidOperationException("No model accepted a version from the service token: is it an Admin token of this portal?");
        }
        await FindApprovedAsync(cancellationToken);
    }

    /// <summary>
    /// The production versions whose approval holds, as the gate answers for them. A token cannot sign (signatures are made by
    /// people after re-authenticating), so they come from the portal's data: the demo data's approved release, signed by Rita.
    /// </summary>
    private async Task FindApprovedAsync(CancellationToken cancellationToken)
    {
        var production = await api.GetFromJsonAsync<List<ProductionApproval>>("api/v1/releases/production-approvals", cancellationToken) ?? [];
        foreach (var version in production.Where(p => p.RequestId is not null && p.Problem is null))
        {
            if (await IsApprovedAsync(version.ModelKey, version.VersionLabel, cancellationToken))
            {
                approvedVersions.Add((version.ModelKey, version.VersionLabel));
            }
        }
        if (approvedVersions.Count == 0)
        {
            throw new InvalidOperationException("No production version has an approval the gate check confirms: does the portal hold the demo data?");
        }
    }

    private sealed record ProductionApproval(string ModelKey, string VersionLabel, int? RequestId, string? Problem);

    private sealed record ApprovalAnswer(bool Approved);

    public Task CheckGatesAsync(double perSecond, CancellationToken cancellationToken) => Task.WhenAll(
        AtRateAsync(perSecond / 2, [GateChecks, ApprovedGateChecks],
            (n, token) => IsApprovedAsync(approvedVersions[(int)(n % approvedVersions.Count)], token), cancellationToken),
        AtRateAsync(perSecond / 2, [GateChecks, UnapprovedGateChecks],
            async (n, token) => !await IsApprovedAsync(versions[(int)(n % versions.Count)], token), cancellationToken));

    /// <summary>The gate's answer for the version; a failed request throws, and counts as failed.</summary>
    private Task<bool> IsApprovedAsync((string Key, string Label) version, CancellationToken cancellationToken) =>
        IsApprovedAsync(version.Key, version.Label, cancellationToken);

    private async Task<bool> IsApprovedAsync(string key, string label, CancellationToken cancellationToken)
    {
        using var response = await api.GetAsync($"api/v1/models/{Uri.EscapeDataString(key)}/versions/{Uri.EscapeDataString(label)}/approval?stage=Production",
            cancellationToken);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ApprovalAnswer>(cancellationToken))!.Approved;
    }

    public Task RegisterVersionsAsync(double perSecond, CancellationToken cancellationToken) =>
        AtRateAsync(perSecond, [Registrations], (n, token) =>
            RegisterAsync(writableKeys[(int)(n % writableKeys.Count)], $"{run}-{Interlocked.Increment(ref registered)}", token), cancellationToken);

    private async Task<bool> RegisterAsync(string key, string label, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/models/{Uri.EscapeDataString(key)}/versions")
        {
            Content = JsonContent.Create(new
            {
                label,
                trainingData = new { uri = "s3://load/train.parquet", sha256 = new string('a', 64) },
                evaluationData = new { uri = "s3://load/holdout.parquet", sha256 = new string('b', 64) },
                codeRepository = "https://git.example.com/load/pipeline",
                codeCommit = "4e1243bd22c66e76c2ba9eddc1f91394e57f9f83",
                metrics = new object[] { new { key = "auc", type = "number", value = 0.8 } },
                artifactUri = $"s3://load/{key}/{label}/model.bin",
            }),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        using var response = await api.SendAsync(request, cancellationToken);
        return response.IsSuccessStatusCode;
    }

    /// <summary>Sends at the rate, each answer timed into every one of <paramref name="into"/>; each such loop has its own bound on those in flight.</summary>
    private async Task AtRateAsync(double perSecond, Latencies[] into, Func<long, CancellationToken, Task<bool>> send, CancellationToken cancellationToken)
    {
        if (perSecond <= 0)
        {
            return;
        }
        using var inFlight = new SemaphoreSlim(MaxInFlight);
        using var ticks = new PeriodicTimer(TimeSpan.FromMilliseconds(10));
        var clock = Stopwatch.StartNew();
        long sent = 0;
        var running = new List<Task>();
        try
        {
            while (await ticks.WaitForNextTickAsync(cancellationToken))
            {
                for (var due = (long)(clock.Elapsed.TotalSeconds * perSecond); sent < due; sent++)
                {
                    if (!inFlight.Wait(0, CancellationToken.None))
                    {
                        Interlocked.Increment(ref skipped);
                        continue;
                    }
                    running.Add(TimedAsync(sent, into, send, inFlight, cancellationToken));
                }
                running.RemoveAll(t => t.IsCompleted);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The hold is over.
        }
        await Task.WhenAll(running);
    }

    private static async Task TimedAsync(long n, Latencies[] into, Func<long, CancellationToken, Task<bool>> send, SemaphoreSlim inFlight,
        CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            if (await send(n, cancellationToken))
            {
                var latency = Stopwatch.GetElapsedTime(started);
                Array.ForEach(into, l => l.Add(latency));
            }
            else
            {
                Array.ForEach(into, l => l.Fail());
            }
        }
        catch (Exception failed) when (failed is HttpRequestException or OperationCanceledException or System.Text.Json.JsonException)
        {
            if (!cancellationToken.IsCancellationRequested)
            {
                Array.ForEach(into, l => l.Fail());
            }
        }
        finally
        {
            inFlight.Release();
        }
    }
}

namespace Portal.LoadTests;

/// <summary>
/// One person with the portal open in a tab: a circuit on the inventory, then, after think time each, an inventory
/// view or a model page, timed from the navigation to the render batch that shows the expected text.
/// </summary>
internal sealed class InteractiveUser(PortalSession session, HttpClient http, Interactions script, LoadOptions options, int seed)
{
    private readonly Random random = new(seed);
    private BlazorCircuit? circuit;

    public bool IsOpen => circuit is { Error: null };

    public long RenderBatches => circuit?.RenderBatches ?? 0;

    public async Task OpenAsync(Latencies opening, CancellationToken cancellationToken)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        circuit = await BlazorCircuit.OpenAsync(session, http, script.Home.RelativeUri, script.Home.Expected, options.Timeout, cancellationToken);
        opening.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Interacts until cancelled; latencies count only while <paramref name="measuring"/> says so (the hold, not the ramp).</summary>
    public async Task RunAsync(Func<bool> measuring, Latencies interactions, CancellationToken cancellationToken)
    {
        for (var step = 0; !cancellationToken.IsCancellationRequested && circuit is { Error: null }; step++)
        {
            var think = options.ThinkMin + (options.ThinkMax - options.ThinkMin) * random.NextDouble();
            try
            {
                await Task.Delay(think, cancellationToken);
                var next = script.Next(step, random);
                var latency = await circuit.NavigateAsync(next.RelativeUri, next.Expected, options.Timeout, cancellationToken);
                if (measuring())
                {
                    interactions.Add(latency);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception failed) when (!cancellationToken.IsCancellationRequested)
            {
                interactions.Fail();
                LoadReport.Note($"interaction failed: {failed.Message}");
            }
        }
    }

    public async Task CloseAsync()
    {
        if (circuit is not null)
        {
            await circuit.DisposeAsync();
        }
    }
}

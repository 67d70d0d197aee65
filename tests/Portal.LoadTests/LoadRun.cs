using System.Diagnostics;

namespace Portal.LoadTests;

/// <summary>
/// A run: sign in the demo people, learn the interactions, warm the server up, ramp the circuits, then hold for the
/// measuring time with every user interacting and the pipelines at their rates, and read the server's memory and CPU.
/// </summary>
public static class LoadRun
{
    private static readonly string[] People = ["demo-alice", "demo-mona", "demo-rita", "demo-eric", "demo-audrey"];

    public static async Task<LoadReport> RunAsync(PortalServer server, LoadOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        var sessions = new List<PortalSession>();
        foreach (var subject in People)
        {
            sessions.Add(await PortalSession.SignInAsync(server.Url, subject, cancellationToken));
        }
        using var pages = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false });
        using var api = Interactions.ApiClient(server.Url, options.Token);
        var script = await Interactions.LearnAsync(api, cancellationToken);
        var pipelines = new PipelineLoad(api, $"load-{DateTime.UtcNow:yyyyMMddHHmmss}");
        await pipelines.PrepareAsync(script.ModelKeys, cancellationToken);
        await WarmUpAsync(sessions[0], pages, script, options, cancellationToken);
        log.WriteLine($"{script.ModelKeys.Count} models listed; ramping to {options.Circuits} circuits at {options.RampPerSecond}/s");

        var baseline = server.ResidentBytes();
        var opening = new Latencies();
        var interactions = new Latencies();
        var measuring = false;
        using var usersStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var users = new List<InteractiveUser>();
        var running = new List<Task>();
        var opened = 0;
        var ramp = Stopwatch.StartNew();
        var openings = new List<Task>();
        for (var i = 0; i < options.Circuits; i++)
        {
            // Read the clock once: between a second reading and the delay the wait may have become negative.
            var wait = TimeSpan.FromSeconds(i / options.RampPerSecond) - ramp.Elapsed;
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, cancellationToken);
            }
            var user = new InteractiveUser(sessions[i % sessions.Count], pages, script, options, seed: i);
            users.Add(user);
            openings.Add(OpenAndRunAsync(user));
        }
        await Task.WhenAll(openings);
        log.WriteLine($"{opened} circuits open after {ramp.Elapsed.TotalSeconds:0} s{(options.Idle ? ", idle" : "")}; holding {options.Hold.TotalSeconds:0} s");

        var cpuBefore = server.CpuTime();
        var hold = Stopwatch.StartNew();
        measuring = true;
        using var holdStop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        holdStop.CancelAfter(options.Hold);
        var apiLoad = Task.WhenAll(pipelines.CheckGatesAsync(options.GateRate, holdStop.Token), pipelines.RegisterVersionsAsync(options.RegisterRate, holdStop.Token));
        // The hold lasts its time even when no pipeline load runs (both rates 0) to fill it.
        await Task.WhenAll(apiLoad, Task.Delay(options.Hold, cancellationToken));
        measuring = false;
        var held = hold.Elapsed;
        var cpuAfter = server.CpuTime();
        var plateau = server.ResidentBytes();
        var open = users.Count(u => u.IsOpen);
        long? managed = null;
        if (options.GcDump && server.Pid is int pid)
        {
            managed = await ManagedHeap.LiveBytesAsync(pid, cancellationToken);
        }

        await usersStop.CancelAsync();
        await Task.WhenAll(running);
        await Task.WhenAll(users.Select(u => u.CloseAsync()));

        var cpu = cpuAfter - cpuBefore;
        var seconds = held.TotalSeconds;
        return new LoadReport(
            options.Circuits, open, options.Circuits - open, seconds,
            interactions.Count, interactions.Failures, interactions.Percentile(50), interactions.Percentile(95), interactions.Percentile(99), opening.Percentile(95),
            pipelines.GateChecks.Count, pipelines.GateChecks.Failures, pipelines.Skipped,
            pipelines.GateChecks.Percentile(50), pipelines.GateChecks.Percentile(95), pipelines.GateChecks.Percentile(99),
            GateKindFigures.Of(pipelines.ApprovedGateChecks), GateKindFigures.Of(pipelines.UnapprovedGateChecks),
            pipelines.Registrations.Count, pipelines.Registrations.Failures,
            (interactions.Count + pipelines.GateChecks.Count + pipelines.Registrations.Count) / seconds,
            PerCircuit(plateau - baseline, open), PerCircuit(managed, open), plateau / 1024.0 / 1024,
            cpu is null || interactions.Count == 0 ? null : cpu.Value.TotalMilliseconds / interactions.Count,
            cpu is null || pipelines.GateChecks.Count == 0 ? null : cpu.Value.TotalMilliseconds / pipelines.GateChecks.Count,
            cpu is null ? null : cpu.Value.TotalSeconds / seconds);

        async Task OpenAndRunAsync(InteractiveUser user)
        {
            try
            {
                await user.OpenAsync(opening, cancellationToken);
                Interlocked.Increment(ref opened);
                if (options.Idle)
                {
                    return;
                }
                lock (running)
                {
                    running.Add(user.RunAsync(() => measuring, interactions, usersStop.Token));
                }
            }
            catch (Exception failed) when (!cancellationToken.IsCancellationRequested)
            {
                LoadReport.Note($"circuit did not open: {failed.Message}");
            }
        }
    }

    /// <summary>One circuit through a few pages first, so that compilation and first-use caches are not counted against circuits.</summary>
    private static async Task WarmUpAsync(PortalSession session, HttpClient pages, Interactions script, LoadOptions options, CancellationToken cancellationToken)
    {
        await using var circuit = await BlazorCircuit.OpenAsync(session, pages, script.Home.RelativeUri, script.Home.Expected, TimeSpan.FromMinutes(2), cancellationToken);
        var random = new Random(0);
        for (var step = 0; step < 8; step++)
        {
            var next = script.Next(step, random);
            await circuit.NavigateAsync(next.RelativeUri, next.Expected, TimeSpan.FromMinutes(1), cancellationToken);
        }
    }

    private static double? PerCircuit(long? bytes, int circuits) => bytes is null || circuits == 0 ? null : (double)bytes.Value / circuits;
}

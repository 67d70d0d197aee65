using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.LoadTests;

/// <summary>
/// One browser tab's interactive circuit, spoken over the Blazor hub as blazor.web.js does: start the circuit, add the
/// prerendered root components, acknowledge every render batch, answer every JS interop call, navigate inside the app.
/// It waits for content (UTF-8 text inside render batches), never for markup structure.
/// </summary>
internal sealed class BlazorCircuit : IAsyncDisposable
{
    // JSCallResultType of Microsoft.JSInterop: 1 asks for a JS object reference, which .NET reads as {"__jsObjectId": n}.
    private const int JSObjectReferenceResult = 1;

    private readonly HubConnection connection;
    private readonly Uri portal;
    private readonly ConcurrentDictionary<ContentWaiter, byte> waiters = new();
    private readonly ConcurrentDictionary<int, TaskCompletionSource<bool>> locationChanges = new();
    private long nextJSObjectId;
    private int nextLocationCallId;
    private volatile bool hasLocationChangingListeners;

    private BlazorCircuit(HubConnection connection, Uri portal)
    {
        this.connection = connection;
        this.portal = portal;
        connection.On("JS.RenderBatch", [typeof(long), typeof(byte[])], OnRenderBatchAsync);
        connection.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], OnBeginInvokeJSAsync);
        connection.On("JS.EndLocationChanging", [typeof(int), typeof(bool)], OnEndLocationChanging);
        connection.On("JS.Error", [typeof(string)], args =>
        {
            Error = (string?)args[0] ?? "unknown circuit error";
            return Task.CompletedTask;
        });
        connection.Closed += closed =>
        {
            Error ??= closed?.Message ?? "the connection closed";
            return Task.CompletedTask;
        };
    }

    /// <summary>Why the server ended this circuit, if it did.</summary>
    public string? Error { get; private set; }

    public long RenderBatches => Interlocked.Read(ref renderBatches);

    public long JSCalls => Interlocked.Read(ref jsCalls);

    private long renderBatches;
    private long jsCalls;

    /// <summary>Loads <paramref name="relativeUri"/> as a browser would and starts its circuit; done when <paramref name="expected"/> has rendered.</summary>
    public static async Task<BlazorCircuit> OpenAsync(PortalSession session, HttpClient http, string relativeUri, string expected,
        TimeSpan timeout, CancellationToken cancellationToken)
    {
        var html = await session.GetPageAsync(http, relativeUri, cancellationToken);
        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(session.Portal, "_blazor"), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.Headers["Cookie"] = session.CookieHeader;
            });
        // The builder registers the JSON protocol; the connection takes the protocol registered last.
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var connection = builder.Build();
        var circuit = new BlazorCircuit(connection, session.Portal);
        try
        {
            await connection.StartAsync(cancellationToken);
            var rendered = circuit.Expect(expected);
            var state = ServerMarkers.ApplicationState(html);
            var secret = await connection.InvokeAsync<string?>("StartCircuit", session.Portal.ToString(), new Uri(session.Portal, relativeUri).ToString(),
                "[]", state, cancellationToken);
            if (secret is null)
            {
                throw new InvalidOperationException($"The portal refused to start a circuit: {circuit.Error}");
            }
            await connection.SendAsync("UpdateRootComponents", ServerMarkers.AddOperations(html, batchId: 0), state, cancellationToken);
            await circuit.WaitAsync(rendered, timeout, cancellationToken);
            return circuit;
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Client-side navigation as an intercepted link click: OnLocationChanging when the app listens for it, then
    /// OnLocationChanged. Returns the time until a render batch carried <paramref name="expected"/>.
    /// </summary>
    public async Task<TimeSpan> NavigateAsync(string relativeUri, string expected, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var uri = new Uri(portal, relativeUri).ToString();
        var rendered = Expect(expected);
        var started = Stopwatch.GetTimestamp();
        if (hasLocationChangingListeners)
        {
            var callId = Interlocked.Increment(ref nextLocationCallId);
            var allowed = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            locationChanges[callId] = allowed;
            await connection.SendAsync("OnLocationChanging", callId, uri, null, true, cancellationToken);
            if (!await allowed.Task.WaitAsync(timeout, cancellationToken))
            {
                throw new InvalidOperationException($"The app cancelled the navigation to {relativeUri}.");
            }
        }
        await connection.SendAsync("OnLocationChanged", uri, null, true, cancellationToken);
        await WaitAsync(rendered, timeout, cancellationToken);
        return Stopwatch.GetElapsedTime(started);
    }

    public async ValueTask DisposeAsync()
    {
        await connection.DisposeAsync();
        foreach (var waiter in waiters.Keys)
        {
            waiter.Done.TrySetCanceled();
        }
    }

    private ContentWaiter Expect(string expected)
    {
        var waiter = new ContentWaiter(Encoding.UTF8.GetBytes(expected));
        waiters[waiter] = 0;
        return waiter;
    }

    private async Task WaitAsync(ContentWaiter waiter, TimeSpan timeout, CancellationToken cancellationToken)
    {
        try
        {
            await waiter.Done.Task.WaitAsync(timeout, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No render batch carried \"{Encoding.UTF8.GetString(waiter.Pattern)}\" within {timeout.TotalSeconds:0} s"
                + (Error is null ? "." : $"; the circuit failed: {Error}"));
        }
        finally
        {
            waiters.TryRemove(waiter, out _);
        }
    }

    private async Task OnRenderBatchAsync(object?[] args)
    {
        var batchId = (long)args[0]!;
        var batch = (byte[])args[1]!;
        Interlocked.Increment(ref renderBatches);
        foreach (var waiter in waiters.Keys)
        {
            if (batch.AsSpan().IndexOf(waiter.Pattern) >= 0)
            {
                waiter.Done.TrySetResult();
            }
        }
        await connection.SendAsync("OnRenderCompleted", batchId, null);
    }

    /// <summary>Answers as a browser with nothing to report would: success, no value (or a fresh object reference when one is asked for).</summary>
    private async Task OnBeginInvokeJSAsync(object?[] args)
    {
        var asyncHandle = (long)args[0]!;
        var identifier = (string)args[1]!;
        var argsJson = (string?)args[2];
        var resultType = (int)args[3]!;
        Interlocked.Increment(ref jsCalls);
        if (identifier.EndsWith("navigationManager.setHasLocationChangingListeners", StringComparison.Ordinal) && argsJson is not null)
        {
            hasLocationChangingListeners = JsonDocument.Parse(argsJson).RootElement[1].GetBoolean();
        }
        else if (identifier.EndsWith("navigationManager.navigateTo", StringComparison.Ordinal) && argsJson is not null)
        {
            // The app navigated itself (NavigateTo): a browser follows and reports the new location.
            var target = new Uri(portal, JsonDocument.Parse(argsJson).RootElement[0].GetString()).ToString();
            await connection.SendAsync("OnLocationChanged", target, null, false);
        }
        if (asyncHandle == 0)
        {
            return;
        }
        var result = resultType == JSObjectReferenceResult ? $"{{\"__jsObjectId\":{Interlocked.Increment(ref nextJSObjectId)}}}" : "null";
        await connection.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, $"[{asyncHandle},true,{result}]");
    }

    private Task OnEndLocationChanging(object?[] args)
    {
        if (locationChanges.TryRemove((int)args[0]!, out var allowed))
        {
            allowed.TrySetResult((bool)args[1]!);
        }
        return Task.CompletedTask;
    }

    private sealed class ContentWaiter(byte[] pattern)
    {
        public byte[] Pattern => pattern;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

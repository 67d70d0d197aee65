using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Operations;

/// <summary>A stand-in OpenTelemetry collector on 127.0.0.1 (OTLP over HTTP/protobuf): it records which signals arrive.</summary>
internal sealed class OtlpReceiver : IAsyncDisposable
{
    private WebApplication? app;

    public ConcurrentQueue<(string Path, string? ContentType, long Bytes)> Exports { get; } = new();

    public string Endpoint { get; private set; } = "";

    public static async Task<OtlpReceiver> StartAsync()
    {
        var receiver = new OtlpReceiver();
        (receiver.app, receiver.Endpoint) = await LoopbackApp.StartAsync(stub => stub.MapPost("/v1/{signal}", receiver.ReceiveAsync));
        return receiver;
    }

    /// <summary>Waits until each signal has arrived at least once (a state, bounded generously for a loaded machine).</summary>
    public async Task WaitForAsync(IReadOnlyList<string> paths)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while (!paths.All(p => Exports.Any(e => e.Path == p)))
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    /// <summary>Answers 200 with no body, which the exporter takes as accepted.</summary>
    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        Exports.Enqueue((context.Request.Path.Value!, context.Request.ContentType, body.Length));
    }

    public async ValueTask DisposeAsync()
    {
        if (app is not null)
        {
            await app.DisposeAsync();
        }
    }
}

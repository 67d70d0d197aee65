using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Portal.IntegrationTests.Webhooks;

/// <summary>A webhook receiver on 127.0.0.1 and a port the system picks: it records each request and answers what the test scripts.</summary>
public sealed class LoopbackReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> script = new();

    private LoopbackReceiver(WebApplication app) => this.app = app;

    public ConcurrentQueue<Received> Requests { get; } = new();

    public string Url { get; private set; } = "";

    public sealed record Received(string? Id, string? Timestamp, string? Signature, string Body);

    public static async Task<LoopbackReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new LoopbackReceiver(builder.Build());
        receiver.app.MapPost("/hook", receiver.ReceiveAsync);
        await receiver.app.StartAsync();
        var address = receiver.app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        receiver.Url = address + "/hook";
        return receiver;
    }

    /// <summary>The next request is answered with this status (and body); once the script is used up, requests get 200.</summary>
    public void ThenAnswer(int status, string body = "", string? location = null) => script.Enqueue(async context =>
    {
        context.Response.StatusCode = status;
        if (location is not null)
        {
            context.Response.Headers.Location = location;
        }
        await context.Response.WriteAsync(body);
    });

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        var headers = context.Request.Headers;
        Requests.Enqueue(new Received(headers["webhook-id"], headers["webhook-timestamp"], headers["webhook-signature"], body));
        if (script.TryDequeue(out var answer))
        {
            await answer(context);
            return;
        }
        await context.Response.WriteAsync("ok");
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

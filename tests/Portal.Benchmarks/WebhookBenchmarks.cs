using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Webhooks;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Webhooks;
using Portal.Web.Infrastructure.Telemetry;

namespace Portal.Benchmarks;

/// <summary>
/// 8. Webhooks: a burst of events committed one transaction each (an audit event that announces person.deactivated, so the
/// interceptor writes its outbox row), delivered by two workers racing on the same database to a loopback receiver. Reports the
/// delivery rate, the delay from each commit to its arrival, and the events lost or received twice (both must be 0).
/// </summary>
internal static class WebhookBenchmarks
{
    private const double TargetSeconds = 60;
    private static readonly Actor Admin = new("bench-admin", "Bench Admin", new HashSet<string> { PortalRoles.Admin });

    public static async Task RunAsync(Sizes sizes)
    {
        var events = ReferenceEquals(sizes, Sizes.Quick) ? 1_000 : 10_000;
        Report.Section($"8. Webhooks: a burst of {events:N0} events to a loopback receiver, two workers (target: all delivered within {TargetSeconds} s, 0 lost, 0 duplicated)");
        await using var database = await BenchDatabase.CreateAsync("webhooks");
        await using var receiver = await Receiver.StartAsync();
        await using var services = Services(database.Factory);
        var subscriptions = services.GetRequiredService<WebhookSubscriptionService>();
        await subscriptions.SubscribeAsync(Admin, new SubscriptionRequest(receiver.Url, "bench", [WebhookEventTypes.PersonDeactivated], null, null));

        var committedAt = new ConcurrentDictionary<string, long>();
        using var stop = new CancellationTokenSource();
        var started = Stopwatch.GetTimestamp();
        var workers = new[] { WorkAsync(Worker(database.Factory), stop.Token), WorkAsync(Worker(database.Factory), stop.Token) };
        for (var i = 0; i < events; i++)
        {
            await CommitAsync(database.Factory, $"bench-{i}");
            committedAt[$"bench-{i}"] = Stopwatch.GetTimestamp();
        }
        var committed = Stopwatch.GetElapsedTime(started);
        var deadline = Stopwatch.GetTimestamp() + Stopwatch.Frequency * 120;
        while (receiver.Distinct < events && Stopwatch.GetTimestamp() < deadline)
        {
            await Task.Delay(20);
        }
        var delivered = Stopwatch.GetElapsedTime(started);
        // A moment more, so that a duplicate sent late would still be counted.
        await Task.Delay(500);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        var delays = new Samples();
        foreach (var (entityId, arrival) in receiver.FirstArrival)
        {
            delays.Add(Stopwatch.GetElapsedTime(committedAt[entityId], Math.Max(arrival, committedAt[entityId])));
        }
        var lost = committedAt.Keys.Count(k => !receiver.FirstArrival.ContainsKey(k));
        Report.Note($"committed {events:N0} events in {committed.TotalSeconds:N1} s ({events / committed.TotalSeconds:N0} /s)");
        Report.Note($"delivered {receiver.Distinct:N0} in {delivered.TotalSeconds:N1} s from the first commit: {receiver.Distinct / delivered.TotalSeconds:N0} deliveries /s" +
            $"  target <= {TargetSeconds} s: {(delivered.TotalSeconds <= TargetSeconds && lost == 0 ? "MET" : "MISSED")}");
        Report.Latency("commit to delivery", delays);
        Report.Note($"lost {lost}, duplicated {receiver.Total - receiver.Distinct}");
    }

    private static async Task CommitAsync(IDbContextFactory<PortalDbContext> factory, string entityId)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.Record(new AuditEvent
        {
            ActorId = Admin.Id,
            ActorName = Admin.Name,
            Action = "User.Deactivated",
            EntityType = "User",
            EntityId = entityId,
        });
        await db.SaveChangesAsync();
    }

    private static async Task WorkAsync(WebhookWorker worker, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (!await worker.RunOnceAsync(CancellationToken.None))
            {
                await Task.Delay(20, CancellationToken.None);
            }
        }
    }

    private static WebhookWorker Worker(IDbContextFactory<PortalDbContext> factory) =>
        Services(factory).GetRequiredService<WebhookWorker>();

    /// <summary>One portal instance's webhook services, wired as the feature wires them (loopback allowed, as in the tests).</summary>
    private static ServiceProvider Services(IDbContextFactory<PortalDbContext> factory)
    {
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(factory)
            .AddSingleton<IDataProtectionProvider>(DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(BenchDatabase.Folder, "keys"))))
            .AddSingleton<AuditRecorder>()
            .AddSingleton<AccessGuard>()
            .AddPortalMetrics();
        services.AddOptions<WebhookOptions>().Configure(o =>
        {
            o.AllowedHosts = ["127.0.0.1"];
            o.WorkerEnabled = false;
        });
        services.AddSingleton<IWebhookHostResolver, DnsHostResolver>().AddSingleton<WebhookTargetGuard>().AddSingleton<WebhookSecrets>()
            .AddSingleton<WebhookAdminGuard>().AddSingleton<WebhookSubscriptionService>().AddSingleton<WebhookTransport>()
            .AddSingleton<WebhookDispatcher>().AddSingleton<NotificationService>().AddSingleton<WebhookGiveUpNotifications>().AddSingleton<WebhookSender>()
            .AddSingleton<WebhookWorker>();
        return services.BuildServiceProvider();
    }

    /// <summary>Counts arrivals by the event's entity id, with the time of the first.</summary>
    private sealed class Receiver(WebApplication app) : IAsyncDisposable
    {
        private readonly WebApplication host = app;
        private int total;

        public ConcurrentDictionary<string, long> FirstArrival { get; } = new();

        public int Total => total;

        public int Distinct => FirstArrival.Count;

        public string Url { get; private set; } = "";

        public static async Task<Receiver> StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var receiver = new Receiver(builder.Build());
            receiver.host.MapPost("/hook", receiver.ReceiveAsync);
            await receiver.host.StartAsync();
            receiver.Url = receiver.host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single() + "/hook";
            return receiver;
        }

        private async Task ReceiveAsync(HttpContext context)
        {
            var arrived = Stopwatch.GetTimestamp();
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            Interlocked.Increment(ref total);
            FirstArrival.TryAdd(body.RootElement.GetProperty("data").GetProperty("entityId").GetString()!, arrived);
        }

        public async ValueTask DisposeAsync() => await host.DisposeAsync();
    }
}

using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Directory;
using Portal.Domain.Webhooks;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;
using Portal.Web.Features.Webhooks;

namespace Portal.IntegrationTests.Webhooks;

/// <summary>
/// The portal with a movable clock, its webhook worker off (tests run rounds themselves) and loopback allowed as the tests'
/// receiver host; <see cref="Instance"/> starts another portal instance on the same database.
/// </summary>
public sealed class WebhookPortal : IDisposable
{
    public static readonly Actor Admin = new("webhook-admin", "Webhook Admin", new HashSet<string> { PortalRoles.Admin });

    private readonly PortalFactory portal = new();

    public WebhookPortal(IWebhookHostResolver? resolver = null)
    {
        Resolver = resolver;
        App = Instance();
    }

    public TestClock Clock { get; } = new();

    public IWebhookHostResolver? Resolver { get; }

    public WebApplicationFactory<Program> App { get; }

    public WebhookSubscriptionService Subscriptions => App.Services.GetRequiredService<WebhookSubscriptionService>();

    public WebhookDeliveryService Deliveries => App.Services.GetRequiredService<WebhookDeliveryService>();

    public WebApplicationFactory<Program> Instance() => portal.WithWebHostBuilder(b =>
    {
        b.UseSetting("Webhooks:WorkerEnabled", "false");
        b.UseSetting("Webhooks:AllowedHosts:0", "127.0.0.1");
        b.UseSetting("Webhooks:PortalUrl", "https://portal.example.test");
        b.ConfigureServices(s =>
        {
            s.AddSingleton<TimeProvider>(Clock);
            if (Resolver is not null)
            {
                s.AddSingleton(Resolver);
            }
        });
    });

    public HttpClient ClientAs(string role)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", PortalFactory.TokenFor(role));
        return client;
    }

    public Task<SubscriptionWithSecret> SubscribeAsync(string url, params string[] types) =>
        Subscriptions.SubscribeAsync(Admin, new SubscriptionRequest(url, "test receiver", types.Length == 0 ? [WebhookEventTypes.PersonDeactivated] : types,
            null, null));

    /// <summary>A committed change that announces person.deactivated: a person is registered, then deactivated.</summary>
    public async Task DeactivatePersonAsync(string subject)
    {
        var dbFactory = App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        db.Actor = Admin;
        var person = UserAccount.Create(subject, $"Person {subject}", $"{subject}@example.test");
        db.Users.Add(person);
        await db.SaveChangesAsync();
        person.Deactivate("left the company", Clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    /// <summary>Fan-out and send rounds until there is nothing left that is due now.</summary>
    public static async Task DrainAsync(WebApplicationFactory<Program> instance)
    {
        var worker = instance.Services.GetRequiredService<WebhookWorker>();
        while (await worker.RunOnceAsync(CancellationToken.None))
        {
        }
    }

    public Task DrainAsync() => DrainAsync(App);

    public async Task<List<WebhookAttempt>> AttemptsAsync()
    {
        var dbFactory = App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await dbFactory.CreateDbContextAsync();
        return await db.WebhookAttempts.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
    }

    public void Dispose() => portal.Dispose();
}

/// <summary>A DNS that answers a public address first and loopback afterwards: the rebinding attack on a check-then-send design.</summary>
public sealed class RebindingResolver : IWebhookHostResolver
{
    private int calls;

    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
        Task.FromResult(Interlocked.Increment(ref calls) == 1 ? new[] { IPAddress.Parse("203.0.113.10") } : new[] { IPAddress.Loopback });
}

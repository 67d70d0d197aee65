using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;
using Portal.EndToEndTests.Infrastructure;
using Portal.Web.Auth;
using Portal.Web.Features.Flags;
using Portal.Web.Features.Notifications;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace Portal.EndToEndTests.Instances;

/// <summary>
/// Issue 19, several instances: two portals on one database behind nginx. A browser session works through the proxy and
/// rides out a dropped connection; a sign-in on one instance holds on the other; background work (flag scan, e-mail digest)
/// happens once between them; the audit chain stays intact under writes through both at once.
/// </summary>
public sealed class TwoInstancesTests(TwoInstancesEnvironment environment, ITestOutputHelper output) : IClassFixture<TwoInstancesEnvironment>
{
    private const float StepTimeout = 45_000;

    private static readonly TimeSpan StateTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_browser_session_through_the_proxy_signs_in_edits_a_model_and_keeps_its_unsaved_input_over_a_dropped_connection()
    {
        var key = PipelineClient.UniqueKey("inst-ui");
        await RegisterAsync(environment.PortalUrl, key);
        await using var context = await environment.NewContextAsync();
        context.SetDefaultTimeout(StepTimeout);
        var page = await context.NewPageAsync();
        try
        {
            await PortalPages.SignInAsync(page, environment, "alice", "/models");
            await Expect(page.Locator("#current-user")).ToContainTextAsync("Alice Admin", new() { Timeout = StepTimeout });

            // The inventory finds the model; the key in its row opens the model's page.
            await PortalPages.WaitForInteractiveAsync(page);
            await page.Locator("#inventory-search").FillAsync(key);
            var row = page.Locator("#inventory-table tbody.mud-table-body > tr").Filter(new() { HasText = key });
            await Expect(row).ToHaveCountAsync(1, new() { Timeout = StepTimeout });
            // The link, not the row: a row click is a server event, lost if it lands while the table re-renders under load.
            await row.GetByRole(AriaRole.Link, new() { Name = key }).ClickAsync();
            await Expect(page.Locator("#model-title")).ToHaveTextAsync($"Model {key}", new() { Timeout = StepTimeout });

            // Unsaved input in the edit dialog, then the load balancer goes away under the open circuit.
            await PortalPages.WaitForInteractiveAsync(page);
            var dialog = page.Locator(".mud-dialog");
            await PortalPages.ClickUntilVisibleAsync(page.Locator("#edit-model"), dialog);
            var renamed = $"Renamed through the proxy {key}";
            await dialog.Locator("#model-name").FillAsync(renamed);
            await dialog.Locator("#model-name").PressAsync("Tab");
            await environment.Proxy.StopAsync();

            var reconnect = page.Locator("#components-reconnect-modal");
            await Expect(reconnect).ToBeVisibleAsync(new() { Timeout = StepTimeout });
            await Expect(reconnect).ToContainTextAsync("Connection to the portal lost", new() { Timeout = StepTimeout });

            await environment.Proxy.StartAsync();
            await Expect(reconnect).ToBeHiddenAsync(new() { Timeout = 90_000 });
            await Expect(dialog.Locator("#model-name")).ToHaveValueAsync(renamed);
            await dialog.Locator("#save-model").ClickAsync();
            await Expect(page.Locator("#model-title")).ToHaveTextAsync(renamed, new() { Timeout = 90_000 });

            // Saved in the one database: the other instance reads it.
            foreach (var instance in new[] { environment.A.Url, environment.B.Url })
            {
                using var client = environment.ApiClient(instance);
                var model = await client.GetFromJsonAsync<JsonElement>($"api/v1/models/{key}");
                Assert.Equal(renamed, model.GetProperty("name").GetString());
            }
        }
        catch (Exception)
        {
            output.WriteLine($"Failed at {page.Url}");
            throw;
        }
    }

    [Fact]
    public async Task A_sign_in_made_on_instance_A_is_valid_on_instance_B()
    {
        await using var context = await environment.NewContextAsync(environment.A.Url);
        context.SetDefaultTimeout(StepTimeout);
        var page = await context.NewPageAsync();
        var atA = new PortalSite(environment.A.Url, environment.Issuer);
        await PortalPages.SignInAsync(page, atA, "rita");
        await Expect(page.Locator("#current-user")).ToContainTextAsync("Rita", new() { Timeout = StepTimeout });
        var cookies = string.Join("; ", (await context.CookiesAsync()).Select(c => $"{c.Name}={c.Value}"));

        using var anonymous = await GetPageAsync(environment.B.Url, cookie: null);
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        using var signedIn = await GetPageAsync(environment.B.Url, cookies);
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Contains("Rita", await signedIn.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_start_up_flag_scan_runs_once_between_both_instances()
    {
        // Each instance decides at start: scan, or skip because the other holds the lease or has just scanned.
        await Eventually.UntilAsync(() => Decided(environment.LogsA) && Decided(environment.LogsB),
            "both instances decided on their start-up flag scan", StateTimeout);

        await using var db = await DbAsync();
        Assert.Equal(1, await db.FlagScans.CountAsync(s => s.Trigger == FlagScanner.StartupTrigger));
        Assert.Single(environment.LogsA.Lines.Concat(environment.LogsB.Lines), l => l.StartsWith("Flag scan (startup) skipped", StringComparison.Ordinal));

        static bool Decided(LogRecorder logs) => logs.Lines.Any(l => l.StartsWith("Flag scan (startup)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_notification_digest_run_on_both_instances_at_once_sends_each_person_one_e_mail()
    {
        var people = Enumerable.Range(1, 12).Select(i => $"inst-digest-{Guid.NewGuid():N}").ToList();
        var directory = environment.A.Services.GetRequiredService<UserDirectoryService>();
        foreach (var person in people)
        {
            await directory.RecordSignInAsync(person, $"Digest {person}", $"{person}@example.test", new HashSet<string> { Portal.Domain.Access.PortalRoles.Engineer });
        }
        await environment.A.Services.GetRequiredService<NotificationService>()
            .NotifyAsync(people, "instances", "Two instances", "One digest, not two.", null, default);
        var cutoff = DateTime.UtcNow;

        var runs = await Task.WhenAll(environment.A.Services.GetRequiredService<NotificationDigestService>().SendDueAsync(cutoff, default),
            environment.B.Services.GetRequiredService<NotificationDigestService>().SendDueAsync(cutoff, default));

        var mailed = environment.Mail.Sent.SelectMany(m => m.To.Mailboxes).Select(m => m.Address).ToList();
        Assert.All(people, p => Assert.Single(mailed, a => a == $"{p}@example.test"));
        Assert.Equal(mailed.Count, mailed.Distinct().Count());
        Assert.True(runs.Sum() >= people.Count, $"The two runs sent {runs[0]} and {runs[1]} e-mails for {people.Count} people.");
    }

    [Fact]
    public async Task The_audit_chain_stays_intact_under_writes_through_both_instances_at_once()
    {
        const int modelsPerInstance = 10;
        var writes = new[] { environment.A.Url, environment.B.Url }.SelectMany(instance => Enumerable.Range(0, modelsPerInstance)
            .Select(_ => WriteAsync(instance, PipelineClient.UniqueKey("inst-chain"))));
        await Task.WhenAll(writes);

        foreach (var instance in new[] { environment.A.Url, environment.B.Url })
        {
            using var client = environment.ApiClient(instance);
            var verification = await client.GetFromJsonAsync<JsonElement>("api/v1/audit/verify");
            Assert.True(verification.GetProperty("intact").GetBoolean(), verification.ToString());
            Assert.True(verification.GetProperty("eventCount").GetInt64() >= 4 * modelsPerInstance, verification.ToString());
        }

        // Registered on one instance, edited on the other.
        async Task WriteAsync(string instance, string key)
        {
            await RegisterAsync(instance, key);
            var other = instance == environment.A.Url ? environment.B.Url : environment.A.Url;
            using var client = environment.ApiClient(other);
            using var edited = await client.PutAsJsonAsync($"api/v1/models/{key}", new { name = $"Edited elsewhere {key}", revision = 1 });
            Assert.True(edited.IsSuccessStatusCode, $"Editing {key} on {other} answered {(int)edited.StatusCode}: {await edited.Content.ReadAsStringAsync()}");
        }
    }

    private async Task RegisterAsync(string baseUrl, string key)
    {
        using var client = environment.ApiClient(baseUrl);
        using var response = await client.PostAsJsonAsync("api/v1/models", new
        {
            key,
            name = $"Model {key}",
            team = TwoInstancesEnvironment.Team,
            riskTier = "Low",
            status = "Development",
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Registering {key} on {baseUrl} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<HttpResponseMessage> GetPageAsync(string baseUrl, string? cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{baseUrl}/models");
        if (cookie is not null)
        {
            request.Headers.Add("Cookie", cookie);
        }
        return await client.SendAsync(request);
    }

    private Task<PortalDbContext> DbAsync() =>
        environment.B.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    private sealed record PortalSite(string PortalUrl, string Issuer) : IPortalSite;
}

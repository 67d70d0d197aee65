using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Data;

namespace Portal.EndToEndTests.Infrastructure;

/// <summary>The tests that walk every page as each demo person share one demo portal and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DemoPortalCollection : ICollectionFixture<DemoPortalEnvironment>
{
    public const string Name = "Demo portal";
}

/// <summary>
/// The portal as a newcomer meets it: the development sign-in (no identity provider), the demo data seeded through the
/// portal's own services, on real Kestrel, with one headless Chromium.
/// </summary>
public sealed class DemoPortalEnvironment : IAsyncLifetime
{
    private PortalServerFactory? portal;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public PortalServerFactory Portal => portal ?? throw NotStarted();

    public IBrowser Browser => browser ?? throw NotStarted();

    /// <summary>The demo records that parameterised routes name, read from the seeded database.</summary>
    public IReadOnlyDictionary<string, string> Records { get; private set; } = new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        var browserStarting = PortalEnvironment.StartBrowserAsync();
        try
        {
            portal = new PortalServerFactory(PortalEnvironment.FreePort(), authority: null);
            await Task.Run(portal.StartServer);
            Records = await DemoRecordsAsync(portal.Services);
        }
        finally
        {
            (playwright, browser) = await browserStarting;
        }
    }

    public async Task DisposeAsync()
    {
        await PortalEnvironment.StopBrowserAsync(playwright, browser);
        if (portal is not null)
        {
            await portal.DisposeAsync();
        }
    }

    public Task<IBrowserContext> NewContextAsync() => Browser.NewContextAsync(new BrowserNewContextOptions
    {
        BaseURL = Portal.Url,
        ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        Locale = "en-GB",
    });

    /// <summary>{model}, {version}, {otherVersion}, {release}, {output}, {finding}, {auditRequest}: the demo model with two versions, its release request, its first output, its remediated finding and its audit request.</summary>
    private static async Task<IReadOnlyDictionary<string, string>> DemoRecordsAsync(IServiceProvider services)
    {
        const string model = "credit-default-pd";
        await using var db = await services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var versions = await db.ModelVersions.Where(v => v.ModelKey == model).OrderBy(v => v.Id).Select(v => v.Label).ToListAsync();
        var release = await db.ReleaseRequests.Where(r => r.ModelKey == model).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();
        var output = await db.ModelOutputs.Where(o => db.Models.Any(m => m.Id == o.ModelId && m.Key == model)).OrderBy(o => o.Id).Select(o => o.Id).FirstAsync();
        // The remediated demo finding: the one with the most to show (remediation and evidence).
        var finding = await db.Findings.Where(f => f.ModelKey == model && f.Status == global::Portal.Domain.Findings.FindingStatus.Remediated).Select(f => f.Id).FirstAsync();
        var auditRequest = await db.AuditItems.Where(i => i.ModelKey == model).Select(i => i.RequestId).FirstAsync();
        return new Dictionary<string, string>
        {
            ["model"] = model,
            ["version"] = versions[0],
            ["otherVersion"] = versions[^1],
            ["release"] = release.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["output"] = output.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["finding"] = finding.ToString(),
            ["auditRequest"] = auditRequest.ToString(),
        };
    }

    private static InvalidOperationException NotStarted() => new("The demo portal has not started.");
}

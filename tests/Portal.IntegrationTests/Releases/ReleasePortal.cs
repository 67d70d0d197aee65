using Portal.Domain.ModelCards;
using Portal.Web.Features.ModelCards;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Fairness;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Versions;
using Portal.Web.Auth;
using Portal.Web.Features.Admin;
using Portal.Web.Features.Fairness;
using Portal.Web.Features.Releases;

namespace Portal.IntegrationTests.Releases;

/// <summary>A clock the tests move forward (approval expiry, exception expiry); it starts at the real time.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;

    public override DateTimeOffset GetUtcNow() => now;

    public void Advance(TimeSpan by) => now += by;
}

/// <summary>
/// The real portal on its own SQLite file with a movable clock, and the arrangements release tests need: a team with
/// members, a model of a tier with an active primary owner, versions registered through the API.
/// </summary>
public sealed class ReleasePortal : IDisposable
{
    public const string EngineerTokenSubject = "service:test-engineer";

    private readonly PortalFactory portal;

    public ReleasePortal()
        : this(new PortalFactory())
    {
    }

    internal ReleasePortal(PortalFactory portal)
    {
        this.portal = portal;
        App = portal.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock)));
    }

    public TestClock Clock { get; } = new();

    public WebApplicationFactory<Program> App { get; }

    public ReleaseService Releases => App.Services.GetRequiredService<ReleaseService>();

    public DateTime Now => Clock.GetUtcNow().UtcDateTime;

    public SigningSession FreshSession => SigningSession.Person(Now.AddMinutes(-1));

    public static Actor Engineer(string id) => new(id, $"Engineer {id}", new HashSet<string> { PortalRoles.Engineer });

    public static Actor Reviewer(string id) => new(id, $"Reviewer {id}", new HashSet<string> { PortalRoles.ComplianceReviewer });

    public static Actor Admin { get; } = new("release-admin", "Release Admin", new HashSet<string> { PortalRoles.Admin });

    public HttpClient ClientAs(string role)
    {
        var client = App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new("Bearer", PortalFactory.TokenFor(role));
        return client;
    }

    public Microsoft.Data.Sqlite.SqliteConnection OpenDatabase() => portal.OpenDatabase();

    /// <summary>
    /// A model of <paramref name="tier"/> in its own team whose members are <paramref name="teamMembers"/> (and the
    /// Engineer token's subject), with an active primary owner "owner-{key}" and versions 1.0.0 (in Production) and 2.0.0.
    /// </summary>
    public Task<string> ModelAsync(string tier, params string[] teamMembers) => ModelAsync(tier, withReviewedCard: true, teamMembers);

    /// <param name="withReviewedCard">Whether the model gets a card complete for any tier and reviewed, so that the model-card gate passes.</param>
    public async Task<string> ModelAsync(string tier, bool withReviewedCard, params string[] teamMembers)
    {
        var key = $"rel-{Guid.NewGuid():N}"[..20];
        var team = $"Team {key}";
        var admin = ClientAs(PortalRoles.Admin);
        (await admin.PostJsonAsync("/api/v1/teams", new { name = team })).EnsureSuccessStatusCode();
        var revision = 1;
        foreach (var member in teamMembers.Append(EngineerTokenSubject))
        {
            await PersonAsync(member);
            await EnsureAsync(await admin.PutJsonAsync($"/api/v1/teams/{Uri.EscapeDataString(team)}/members/{Uri.EscapeDataString(member)}",
                new { isManager = revision == 1, revision }));
            revision++;
        }
        await EnsureAsync(await admin.PostJsonAsync("/api/v1/models", new
        {
            key,
            name = $"Model {key}",
            description = "Scores things.",
            team,
            riskTier = tier,
            status = "Development",
            tags = new[] { "test" },
        }));
        await AssignOwnerAsync(key, await PersonAsync($"owner-{key}"), "Primary");
        foreach (var label in new[] { "1.0.0", "2.0.0" })
        {
            await EnsureAsync(await admin.PostJsonAsync($"/api/v1/models/{key}/versions", VersionRequests.NewVersion(label, auc: label == "1.0.0" ? 0.80 : 0.83)));
            // A passing fairness evaluation, imported and attested by a reviewer, so that the fairness gate passes unless a test says otherwise.
            var imported = await admin.PostJsonAsync($"/api/v1/models/{key}/versions/{label}/fairness-evaluations/imported", FairnessRequests.Report(0.48, 0.5));
            await EnsureAsync(imported);
            await AttestAsync(key, label, (await imported.ReadJsonAsync()).GetProperty("id").GetInt32());
        }
        await EnsureAsync(await admin.PutJsonAsync($"/api/v1/models/{key}/versions/1.0.0/stage", VersionRequests.Stage("Production", 1)));
        if (withReviewedCard)
        {
            await ReviewedCardAsync(key);
        }
        return key;
    }

    /// <summary>Every standard section written with more words than any default template asks, then reviewed by a reviewer who owns nothing.</summary>
    private async Task ReviewedCardAsync(string key)
    {
        var words = string.Join(" ", Enumerable.Range(1, 60).Select(i => $"word{i}"));
        var sections = CardSections.Standard.Select(s => new CardSection(s.Key, s.Title, words)).ToList();
        var cards = App.Services.GetRequiredService<ModelCardService>();
        var card = await cards.SaveAsync(Admin, key, 0, sections, "Complete card", null);
        await cards.ReviewAsync(Reviewer("card-reviewer"), FreshSession, key, new ReviewRequest(card.Revision, "Complete."));
    }

    /// <summary>A ComplianceReviewer, signed in as a person, attests an imported evaluation so that the fairness gate counts it.</summary>
    public Task<EvaluationSummary> AttestAsync(string key, string label, int evaluationId, string attester = "fairness-attester") =>
        App.Services.GetRequiredService<FairnessService>().AttestAsync(Reviewer(attester), FreshSession, key, label, evaluationId, "Checked the pipeline run.");

    public async Task AssignOwnerAsync(string key, string subject, string role) =>
        await EnsureAsync(await ClientAs(PortalRoles.Admin).PostJsonAsync($"/api/v1/models/{key}/owners", new { ownerSubject = subject, role, reason = "Arranged" }));

    /// <summary>Deactivates the model's primary owner in the user directory, so the primary-owner gate fails.</summary>
    public async Task DeactivateOwnerAsync(string key)
    {
        var users = App.Services.GetRequiredService<UserAdminService>();
        var owner = (await users.ListAsync(Admin)).Single(u => u.Subject == $"owner-{key}");
        await users.SetActiveAsync(Admin, owner.Subject, false, owner.Revision);
    }

    public async Task<string> PersonAsync(string subject)
    {
        await App.Services.GetRequiredService<UserDirectoryService>().RecordSignInAsync(subject, subject, $"{subject}@example.test", new HashSet<string>());
        return subject;
    }

    public async Task<int> RequestAsync(string key, string requester, string stage = "Production", string label = "2.0.0") =>
        (await Releases.CreateAsync(Engineer(requester), key, label, Enum.Parse<Domain.Versions.VersionStage>(stage), "Better AUC.", "Shadow, then 100%.")).Id;

    public async Task<JsonElement> VersionAsync(string key, string label) =>
        await (await ClientAs(PortalRoles.Admin).GetAsync($"/api/v1/models/{key}/versions/{label}")).Content.ReadFromJsonAsync<JsonElement>(HttpJson.Options);

    public async Task<int> CountAuditAsync(string action, string? entityId = null)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(a => a.Action == action && (entityId == null || a.EntityId == entityId));
    }

    /// <summary>The versions of the model whose stage changed, in the order the audit trail sealed the changes.</summary>
    public async Task<List<string>> StageChangesAsync(string key)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(a => a.ModelKey == key && a.Action == "Version.StageChanged").OrderBy(a => a.Sequence).Select(a => a.EntityId).ToListAsync();
    }

    public async Task<string?> LastDenialAsync(string actorId)
    {
        await using var db = await App.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.Where(a => a.Action == "Access.Denied" && a.ActorId == actorId)
            .OrderByDescending(a => a.Sequence).Select(a => a.After).FirstOrDefaultAsync();
    }

    public void Dispose()
    {
        App.Dispose();
        portal.Dispose();
    }

    private static async Task EnsureAsync(HttpResponseMessage response) =>
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Outputs;
using static Portal.IntegrationTests.Versions.VersionRequests;

namespace Portal.IntegrationTests.Outputs;

/// <summary>Models with outputs, registered the way a pipeline does, and the people who grant and read them.</summary>
internal static class OutputRequests
{
    public const string Csv = "id,email,region,score\n1,ann@example.com,EU,0.91\n2,bob@example.com,US,0.12\n3,cy@example.com,EU,0.55\n";

    public static readonly Actor Reviewer = new("rev-outputs", "Rita Reviewer", new HashSet<string> { PortalRoles.ComplianceReviewer });
    public static readonly Actor AdminPerson = new("admin-outputs", "Ada Admin", new HashSet<string> { PortalRoles.Admin });

    public const string UnscopedToken = "service:test-unscoped-engineer";

    public static object Metadata(string classification, long? rowCount = null, string format = "Csv") => new
    {
        versionLabel = "1.0.0",
        name = "scores",
        description = "Nightly scores",
        producedAt = "2026-11-30T02:00:00Z",
        classification,
        columns = new object[]
        {
            new { name = "id", type = "Integer", tags = Array.Empty<string>() },
            new { name = "email", type = "String", tags = new[] { "pii" } },
            new { name = "region", type = "String", tags = Array.Empty<string>() },
            new { name = "score", type = "Decimal", tags = Array.Empty<string>() },
        },
        rowCount,
        expectedScoreRange = new { column = "score", minimum = 0.0, maximum = 1.0 },
        format,
    };

    public static async Task<string> ModelAsync(this PortalFactory portal, string team = "Credit Risk")
    {
        var key = $"out-{Guid.NewGuid():N}"[..20];
        var admin = portal.ClientAs(PortalRoles.Admin);
        (await admin.PostJsonAsync("/api/v1/models", HttpJson.NewModel(key, team))).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync($"/api/v1/models/{key}/versions", NewVersion("1.0.0"))).EnsureSuccessStatusCode();
        return key;
    }

    public static Task<HttpResponseMessage> UploadAsync(this HttpClient client, string key, object metadata, HttpContent data)
    {
        var form = new MultipartFormDataContent
        {
            { new StringContent(JsonSerializer.Serialize(metadata), Encoding.UTF8, "application/json"), "metadata" },
            { data, "file", "scores.csv" },
        };
        return client.PostAsync($"/api/v1/models/{key}/outputs", form);
    }

    /// <summary>A model in Credit Risk with an output of <paramref name="classification"/> registered by the Engineer token; its id.</summary>
    public static async Task<(string Key, int Id)> OutputAsync(this PortalFactory portal, string classification, string csv = Csv)
    {
        var key = await portal.ModelAsync();
        var response = await portal.ClientAs(PortalRoles.Engineer).UploadAsync(key, Metadata(classification), new StringContent(csv, Encoding.UTF8, "text/csv"));
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return (key, (await response.ReadJsonAsync()).GetProperty("id").GetInt32());
    }

    /// <summary>Waits until no stored masked copy is being built in the background (registering an output starts one).</summary>
    public static Task CopiesIdleAsync(this PortalFactory portal) => portal.Services.GetRequiredService<MaskedCopyService>().WhenIdleAsync();

    public static OutputService Outputs(this PortalFactory portal) => portal.Services.GetRequiredService<OutputService>();

    public static async Task<PortalDbContext> DbAsync(this PortalFactory portal) =>
        await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

    public static async Task<List<Domain.Outputs.OutputAccess>> AccessesAsync(this PortalFactory portal, int id)
    {
        await using var db = await portal.DbAsync();
        return await db.OutputAccesses.AsNoTracking().Where(a => a.OutputId == id).OrderBy(a => a.Id).ToListAsync();
    }

    public static async Task<int> CountAuditAsync(this PortalFactory portal, string action, string entityId)
    {
        await using var db = await portal.DbAsync();
        return await db.AuditEvents.CountAsync(e => e.Action == action && e.EntityType == "ModelOutput" && e.EntityId == entityId);
    }

    public static StreamContent Content(Stream stream, string type = "text/csv")
    {
        var content = new StreamContent(stream, 1 << 16);
        content.Headers.ContentType = new MediaTypeHeaderValue(type);
        return content;
    }
}

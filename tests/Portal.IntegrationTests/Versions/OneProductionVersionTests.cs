using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Versions;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Versions;
using static Portal.IntegrationTests.Versions.VersionRequests;

namespace Portal.IntegrationTests.Versions;

/// <summary>The database itself allows one Production version per model, whoever writes to it.</summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class OneProductionVersionTests : IClassFixture<PortalFactory>
{
    private static readonly Actor Writer = new("direct-writer", "Direct writer", new HashSet<string> { PortalRoles.Admin });
    private readonly PortalFactory portal;
    private readonly HttpClient admin;

    public OneProductionVersionTests(PortalFactory portal)
    {
        this.portal = portal;
        admin = portal.ClientAs(PortalRoles.Admin);
    }

    /// <summary>A model with versions v1 (in Production, through the API) and v2 (not staged).</summary>
    private async Task ChampionAsync(string key)
    {
        (await admin.PostJsonAsync("/api/v1/models", HttpJson.NewModel(key))).EnsureSuccessStatusCode();
        foreach (var label in new[] { "v1", "v2" })
        {
            Assert.Equal(HttpStatusCode.Created, (await admin.PostJsonAsync($"/api/v1/models/{key}/versions", NewVersion(label))).StatusCode);
        }
        (await admin.PutJsonAsync($"/api/v1/models/{key}/versions/v1/stage", Stage("Production", 1))).EnsureSuccessStatusCode();
    }

    private async Task<object?> ScalarAsync(string sql)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static string CopyOfV1(string key, string label, string stage) => $"""
        INSERT INTO ModelVersions (ModelId, ModelKey, Label, RegisteredAt, RegisteredBy, Stage, StageChangedAt, Revision)
        SELECT ModelId, ModelKey, '{label}', RegisteredAt, 'raw sql', '{stage}', RegisteredAt, 1 FROM ModelVersions WHERE ModelKey = '{key}' AND Label = 'v1'
        """;

    [Fact]
    public async Task A_second_production_version_written_past_the_portal_is_refused_while_staging_takes_any_number()
    {
        await ChampionAsync("raw-second-production");

        var refused = await Assert.ThrowsAsync<SqliteException>(() => ScalarAsync(CopyOfV1("raw-second-production", "v3", "Production")));
        Assert.Contains("UNIQUE constraint failed: ModelVersions.ModelId", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<SqliteException>(() =>
            ScalarAsync("UPDATE ModelVersions SET Stage = 'Production' WHERE ModelKey = 'raw-second-production' AND Label = 'v2'"));

        await ScalarAsync(CopyOfV1("raw-second-production", "s1", "Staging"));
        await ScalarAsync(CopyOfV1("raw-second-production", "s2", "Staging"));
        Assert.Equal(1L, await ScalarAsync("SELECT COUNT(*) FROM ModelVersions WHERE ModelKey = 'raw-second-production' AND Stage = 'Production'"));
        Assert.Equal(2L, await ScalarAsync("SELECT COUNT(*) FROM ModelVersions WHERE ModelKey = 'raw-second-production' AND Stage = 'Staging'"));
        Assert.Equal("Production", await ScalarAsync("SELECT Stage FROM ModelVersions WHERE ModelKey = 'raw-second-production' AND Label = 'v1'"));
    }

    [Fact]
    public async Task A_promotion_that_skips_archiving_the_champion_is_recognised_as_a_lost_race_and_a_duplicate_label_is_not()
    {
        await ChampionAsync("lost-race");
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        db.Actor = Writer;
        var challenger = await db.ModelVersions.SingleAsync(v => v.ModelKey == "lost-race" && v.Label == "v2");
        challenger.MoveToStage(VersionStage.Production, Writer.Name, DateTime.UtcNow);

        var lost = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        Assert.True(ProductionRace.Lost(lost, db.Model));
        Assert.Equal("Another version of lost-race was promoted to Production at the same time; nothing was changed. Reload and try again.",
            ProductionRace.Conflict("lost-race").Message);
        db.ChangeTracker.Clear();
        db.ModelVersions.Add(ModelVersion.Register(challenger.ModelId, "lost-race",
            new VersionDetails("v1", new DataSetReference("s3://d/t", TrainingHash), new DataSetReference("s3://d/e", EvaluationHash), null, null, [], [], null, null),
            Writer.Name, DateTime.UtcNow));
        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        Assert.False(ProductionRace.Lost(duplicate, db.Model));
        Assert.Equal("None", await ScalarAsync("SELECT Stage FROM ModelVersions WHERE ModelKey = 'lost-race' AND Label = 'v2'"));
    }

    [Fact]
    public async Task The_archiving_of_the_champion_is_sealed_into_the_trail_just_before_the_promotion()
    {
        await ChampionAsync("sealed-order");

        (await admin.PutJsonAsync("/api/v1/models/sealed-order/versions/v2/stage", Stage("Production", 1))).EnsureSuccessStatusCode();

        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var moves = await db.AuditEvents.Where(a => a.ModelKey == "sealed-order" && a.Action == "Version.StageChanged")
            .OrderBy(a => a.Sequence).Select(a => new { a.Sequence, a.EntityId, a.After }).ToListAsync();
        Assert.Equal(["sealed-order@v1", "sealed-order@v1", "sealed-order@v2"], moves.Select(m => m.EntityId));
        Assert.Contains("\"Archived\"", moves[1].After, StringComparison.Ordinal);
        Assert.Contains("\"Production\"", moves[2].After, StringComparison.Ordinal);
        Assert.Equal(moves[1].Sequence + 1, moves[2].Sequence);
        var verify = await (await portal.ClientAs(PortalRoles.Auditor).GetAsync("/api/v1/audit/verify")).ReadJsonAsync();
        Assert.True(verify.GetProperty("intact").GetBoolean());
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Infrastructure;
using static Portal.IntegrationTests.Versions.VersionRequests;

namespace Portal.IntegrationTests.Data;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, "Data Source=unused.db")]
    [InlineData(DatabaseProvider.SqlServer, "Server=unused;Database=Portal;TrustServerCertificate=True")]
    public void Every_model_change_has_a_migration(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, provider, connectionString);
        using var db = new PortalDbContext(options.Options);

        Assert.NotEmpty(db.Database.GetMigrations());
        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {provider} model has changes without a migration: run dotnet ef migrations add for migrations/Portal.Migrations.{provider}.");
    }

    [Fact]
    public async Task The_sqlite_database_is_created_in_WAL_mode_with_the_append_only_triggers()
    {
        using var portal = new Infrastructure.PortalFactory();
        _ = portal.Server;
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode; ";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
        command.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvents'";
        Assert.Equal(2L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public void The_sql_server_migration_creates_triggers_that_reject_update_and_delete()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.SqlServer, "Server=unused;Database=Portal;TrustServerCertificate=True");
        using var db = new PortalDbContext(options.Options);
        var script = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>()
            .GenerateScript(options: Microsoft.EntityFrameworkCore.Migrations.MigrationsSqlGenerationOptions.Idempotent);

        // CREATE TRIGGER must start its batch, so inside the script's IF blocks it has to run through EXEC.
        Assert.Contains("EXEC(N'CREATE TRIGGER TR_AuditEvents_NoUpdate ON AuditEvents INSTEAD OF UPDATE", script, StringComparison.Ordinal);
        Assert.Contains("EXEC(N'CREATE TRIGGER TR_AuditEvents_NoDelete ON AuditEvents INSTEAD OF DELETE", script, StringComparison.Ordinal);
        Assert.Contains("IF NOT EXISTS", script, StringComparison.Ordinal);
        Assert.Contains("EXEC(N'CREATE TRIGGER TR_Models_Tags ON Models AFTER INSERT, UPDATE", script, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_provider_has_one_baseline_that_creates_its_database_objects()
    {
        foreach (var (provider, connectionString) in new[]
            { (DatabaseProvider.Sqlite, "Data Source=unused.db"), (DatabaseProvider.SqlServer, "Server=unused;Database=Portal;TrustServerCertificate=True") })
        {
            var options = new DbContextOptionsBuilder<PortalDbContext>();
            DatabaseProvider.Configure(options, provider, connectionString);
            using var db = new PortalDbContext(options.Options);
            Assert.Single(db.Database.GetMigrations(), m => m.EndsWith("_Baseline", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_fresh_sqlite_database_keeps_the_tag_table_and_both_text_indexes_from_its_triggers()
    {
        var file = Path.Combine(Path.GetTempPath(), $"portal-baseline-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
        await using (var db = new PortalDbContext(options.Options))
        {
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Models (Key, KeyNormalized, Name, Description, Team, RiskTier, Status, Tags, RegisteredAt, RegisteredBy, UpdatedAt, Revision)
                VALUES ('raw-model', 'raw-model', 'Legacy scorer', 'Written by hand.', 'Old Team', 'Low', 'Development',
                    '["legacy","cards"]', '2026-01-01 00:00:00', 'someone', '2026-01-01 00:00:00', 1);
                UPDATE Models SET Tags = '["cards","fresh"]', Name = 'Fresh scorer' WHERE Key = 'raw-model';
                """);

            Assert.Equal(["cards", "fresh"], await db.ModelTags.Select(t => t.Tag).Order().ToListAsync());
            Assert.Equal([1], await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelWords WHERE ModelWords MATCH 'fr*'").ToListAsync());
            Assert.Empty(await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelWords WHERE ModelWords MATCH 'le*'").ToListAsync());
            Assert.Equal([1], await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelSearch WHERE ModelSearch MATCH 'resh'").ToListAsync());
        }
        File.Delete(file);
    }

    /// <summary>
    /// The old OneProductionVersionPerModel migration also archived surplus Production versions of existing data; the
    /// baseline starts empty, so what still holds is the index itself.
    /// </summary>
    [Fact]
    public async Task The_database_refuses_a_second_production_version_of_a_model()
    {
        using var portal = new PortalFactory();
        var admin = portal.ClientAs(PortalRoles.Admin);
        (await admin.PostJsonAsync("/api/v1/models", HttpJson.NewModel("two-in-production"))).EnsureSuccessStatusCode();
        foreach (var label in new[] { "v1", "v2" })
        {
            (await admin.PostJsonAsync("/api/v1/models/two-in-production/versions", NewVersion(label))).EnsureSuccessStatusCode();
        }
        (await admin.PutJsonAsync("/api/v1/models/two-in-production/versions/v2/stage", Stage("Production", 1))).EnsureSuccessStatusCode();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        var refused = await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => db.Database.ExecuteSqlRawAsync(
            "UPDATE ModelVersions SET Stage = 'Production' WHERE ModelKey = 'two-in-production' AND Label = 'v1';"));

        const int uniqueConstraint = 2067; // SQLITE_CONSTRAINT_UNIQUE
        Assert.Equal(uniqueConstraint, refused.SqliteExtendedErrorCode);
        var production = await db.ModelVersions.AsNoTracking()
            .Where(v => v.ModelKey == "two-in-production" && v.Stage == Portal.Domain.Versions.VersionStage.Production).Select(v => v.Label).ToListAsync();
        Assert.Equal(["v2"], production);
    }

    [Fact]
    public async Task The_portal_keeps_sqlite_planner_statistics()
    {
        using var portal = new Infrastructure.PortalFactory();
        var client = portal.ClientAs(Portal.Domain.Access.PortalRoles.Admin);
        (await client.PostJsonAsync("/api/v1/models", new
        {
            key = "stats-probe",
            name = "Statistics probe",
            team = "Stats Team",
            riskTier = "Low",
            status = "Development",
            tags = new[] { "stats" },
        })).EnsureSuccessStatusCode();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();

        await SqliteStatistics.AnalyzeAsync(db, CancellationToken.None);

        var analyzed = await db.Database.SqlQuery<string>($"SELECT DISTINCT tbl AS Value FROM sqlite_stat1").ToListAsync();
        Assert.Contains("Models", analyzed);
        Assert.Contains("ModelTags", analyzed);
        Assert.Contains(portal.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(), s => s is SqliteStatistics);
    }
}

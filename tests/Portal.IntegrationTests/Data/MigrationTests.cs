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
    public async Task Upgrading_sqlite_fills_the_tag_table_and_the_word_index_from_existing_models()
    {
        var file = Path.Combine(Path.GetTempPath(), $"portal-upgrade-{Guid.NewGuid():N}.db");
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, DatabaseProvider.Sqlite, $"Data Source={file};Pooling=False");
        await using (var db = new PortalDbContext(options.Options))
        {
            var migrator = db.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>();
            await migrator.MigrateAsync("Fairness");
            await db.Database.ExecuteSqlRawAsync("""
                INSERT INTO Models (Key, KeyNormalized, Name, Description, Team, RiskTier, Status, Tags, RegisteredAt, RegisteredBy, UpdatedAt, Revision)
                VALUES ('old-model', 'old-model', 'Legacy scorer', 'Written before tags had a table.', 'Old Team', 'Low', 'Development',
                    '["legacy","cards"]', '2026-01-01 00:00:00', 'someone', '2026-01-01 00:00:00', 1);
                """);

            await migrator.MigrateAsync();

            Assert.Equal(["cards", "legacy"], await db.ModelTags.Select(t => t.Tag).Order().ToListAsync());
            Assert.Equal([1], await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelWords WHERE ModelWords MATCH 'le*'").ToListAsync());
            Assert.Equal([1], await db.Database.SqlQuery<int>($"SELECT rowid AS Value FROM ModelSearch WHERE ModelSearch MATCH 'gacy'").ToListAsync());
        }
        File.Delete(file);
    }

    [Fact]
    public async Task The_one_production_version_migration_keeps_the_newest_promotion_of_a_model_that_has_two()
    {
        using var portal = new PortalFactory();
        var admin = portal.ClientAs(PortalRoles.Admin);
        (await admin.PostJsonAsync("/api/v1/models", HttpJson.NewModel("two-in-production"))).EnsureSuccessStatusCode();
        foreach (var label in new[] { "v1", "v2", "v3" })
        {
            (await admin.PostJsonAsync("/api/v1/models/two-in-production/versions", NewVersion(label))).EnsureSuccessStatusCode();
        }
        (await admin.PutJsonAsync("/api/v1/models/two-in-production/versions/v2/stage", Stage("Production", 1))).EnsureSuccessStatusCode();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var migrations = db.Database.GetMigrations().ToList();
        var migrator = db.GetService<IMigrator>();

        // Back to the schema before the index, where an old bug could leave two versions in Production: v1 promoted later than v2, v3 earlier.
        await migrator.MigrateAsync(migrations[migrations.FindIndex(m => m.EndsWith("_OneProductionVersionPerModel", StringComparison.Ordinal)) - 1]);
        await db.Database.ExecuteSqlRawAsync("""
            UPDATE ModelVersions SET Stage = 'Production', StageChangedAt = '2999-01-01 00:00:00' WHERE ModelKey = 'two-in-production' AND Label = 'v1';
            UPDATE ModelVersions SET Stage = 'Production', StageChangedAt = '2000-01-01 00:00:00' WHERE ModelKey = 'two-in-production' AND Label = 'v3';
            """);
        await migrator.MigrateAsync();

        var versions = await db.ModelVersions.AsNoTracking().Where(v => v.ModelKey == "two-in-production").OrderBy(v => v.Label).ToListAsync();
        Assert.Equal(["Production", "Archived", "Archived"], versions.Select(v => v.Stage.ToString()));
        Assert.Equal([null, "Migration OneProductionVersionPerModel", "Migration OneProductionVersionPerModel"], versions.Select(v => v.StageChangedBy));
        Assert.Equal([1, 3, 2], versions.Select(v => v.Revision));
        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
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

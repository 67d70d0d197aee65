using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Benchmarks;

internal static class Probe
{
    public static async Task RunAsync()
    {
        await using var database = await BenchDatabase.CreateAsync("probe");
        await SampleData.SeedModelsAsync(database, 5000);
        var factory = database.Factory;
        var plain = new DbContextOptionsBuilder<PortalDbContext>().UseSqlite(database.ConnectionString).Options;
        async Task Time(string label, Func<Task> body)
        {
            for (var i = 0; i < 50; i++) await body();
            var t = new Timings();
            for (var i = 0; i < 300; i++) await Measure.TimeCallAsync(t, body);
            Report.Latency(label, t.Wall, t.Cpu);
        }
        await Time("raw open+close", async () => { await using var c = new SqliteConnection(database.ConnectionString); await c.OpenAsync(); });
        await Time("raw open+count", async () => { await using var c = new SqliteConnection(database.ConnectionString); await c.OpenAsync(); await using var cmd = c.CreateCommand(); cmd.CommandText = "SELECT COUNT(*) FROM Models"; await cmd.ExecuteScalarAsync(); });
        await Time("raw open+pragmas", async () => { await using var c = new SqliteConnection(database.ConnectionString); await c.OpenAsync(); await using var cmd = c.CreateCommand(); cmd.CommandText = "PRAGMA busy_timeout = 10000; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;"; await cmd.ExecuteNonQueryAsync(); });
        await Time("raw open with 8 functions", async () => { await using var c = new SqliteConnection(database.ConnectionString);
            for (var f = 0; f < 8; f++) { c.CreateFunction<object, object, object?>("ef_f" + f, (a, b) => a); }
            await c.OpenAsync(); });
        await Time("raw open with 8 functions after open", async () => { await using var c = new SqliteConnection(database.ConnectionString);
            await c.OpenAsync(); for (var f = 0; f < 8; f++) { c.CreateFunction<object, object, object?>("ef_f" + f, (a, b) => a); } });
        await Time("EF factory create+dispose", async () => { await using var db = await factory.CreateDbContextAsync(); });
        await Time("EF factory open conn", async () => { await using var db = await factory.CreateDbContextAsync(); await db.Database.OpenConnectionAsync(); });
        await Time("EF plain open conn", async () => { await using var db = new PortalDbContext(plain); await db.Database.OpenConnectionAsync(); });
        await Time("EF factory count", async () => { await using var db = await factory.CreateDbContextAsync(); await db.Models.CountAsync(); });
        await Time("EF plain count", async () => { await using var db = new PortalDbContext(plain); await db.Models.CountAsync(); });
        await Time("EF factory count x2 open once", async () => { await using var db = await factory.CreateDbContextAsync(); await db.Database.OpenConnectionAsync(); await db.Models.CountAsync(); await db.Models.CountAsync(); });
    }
}

using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Flags;

/// <summary>Scans on demand and reads flags and their audit events for the flag tests.</summary>
internal sealed class FlagArrange(PortalFactory portal)
{
    public HttpClient Admin { get; } = portal.ClientAs(PortalRoles.Admin);

    public async Task<JsonElement> ScanAsync()
    {
        var response = await Admin.PostAsync("/api/v1/flags/scan", null);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return await response.ReadJsonAsync();
    }

    /// <summary>The flags of one model (open by default), as the API lists them.</summary>
    public async Task<JsonElement[]> FlagsAsync(string key, string status = "open")
    {
        var body = await (await Admin.GetAsync($"/api/v1/flags?model={key}&status={status}&pageSize=200")).ReadJsonAsync();
        return [.. body.GetProperty("items").EnumerateArray()];
    }

    public async Task<int> FlagIdAsync(string key, string rule) =>
        (await FlagsAsync(key)).Single(f => f.GetProperty("rule").GetString() == rule).GetProperty("id").GetInt32();

    public static string[] Rules(IEnumerable<JsonElement> flags) => [.. flags.Select(f => f.GetProperty("rule").GetString()!).Order()];

    public async Task<int> AuditCountAsync(string key, string actionPrefix)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(a => a.ModelKey == key && a.Action.StartsWith(actionPrefix));
    }

    /// <summary>Sets a column of a model directly (e.g. its status to Production, which the API refuses without a release).</summary>
    public void Put(string key, string column, string value)
    {
        using var connection = portal.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE Models SET {column} = @value WHERE Key = @key";
        command.Parameters.Add(new SqliteParameter("@value", value));
        command.Parameters.Add(new SqliteParameter("@key", key));
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    /// <summary>Moves a model's history back in time, as if it had happened <paramref name="days"/> ago (direct SQL, as time passing would).</summary>
    public void Age(string key, int days, string table, string column)
    {
        using var connection = portal.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = $"UPDATE {table} SET {column} = @at WHERE {(table == "Models" ? "Key" : "ModelKey")} = @key";
        command.Parameters.Add(new SqliteParameter("@at", DateTime.UtcNow.AddDays(-days).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF")));
        command.Parameters.Add(new SqliteParameter("@key", key));
        Assert.True(command.ExecuteNonQuery() > 0);
    }
}

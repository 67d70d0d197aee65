using System.Net;
using Microsoft.Data.Sqlite;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.AuditTrail;

/// <summary>Each test gets its own database, because some of them tamper with it.</summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class AuditTrailTests : IDisposable
{
    private readonly PortalFactory portal = new();
    private readonly HttpClient engineer;
    private readonly HttpClient auditor;

    public AuditTrailTests()
    {
        engineer = portal.ClientAs(PortalRoles.Engineer);
        auditor = portal.ClientAs(PortalRoles.Auditor);
    }

    public void Dispose() => portal.Dispose();

    [Fact]
    public async Task Every_change_is_in_the_trail_with_who_and_the_values_before_and_after()
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("trail-probe"))).EnsureSuccessStatusCode();
        (await engineer.PutJsonAsync("/api/v1/models/trail-probe", new { name = "Renamed", team = "Credit Risk", riskTier = "High", status = "Validation", revision = 1 }))
            .EnsureSuccessStatusCode();
        (await portal.ClientAs(PortalRoles.Manager).PostJsonAsync("/api/v1/models/trail-probe/retire", new { reason = "Superseded", revision = 2 }))
            .EnsureSuccessStatusCode();

        var trail = await (await auditor.GetAsync("/api/v1/audit/events?modelKey=TRAIL-PROBE")).ReadJsonAsync();
        var events = trail.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(["Model.Retired", "Model.Updated", "Model.Registered"], events.Select(e => e.GetProperty("action").GetString()!));
        var update = events[1];
        Assert.Equal("test-engineer", update.GetProperty("actorName").GetString());
        Assert.Contains("\"Name\":\"Model trail-probe\"", update.GetProperty("before").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"Name\":\"Renamed\"", update.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"Status\":\"Validation\"", update.GetProperty("after").GetString(), StringComparison.Ordinal);
        Assert.Contains("Superseded", events[0].GetProperty("after").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_reports_an_intact_chain_with_its_event_count()
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("verify-probe"))).EnsureSuccessStatusCode();
        var result = await (await auditor.GetAsync("/api/v1/audit/verify")).ReadJsonAsync();
        Assert.True(result.GetProperty("intact").GetBoolean());
        Assert.Equal(await CountEventsAsync() - 1, result.GetProperty("eventCount").GetInt64());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, result.GetProperty("firstBrokenEventId").ValueKind);
        Assert.StartsWith("Checked the whole chain: ", result.GetProperty("checked").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_refuses_to_update_or_delete_audit_events()
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("trigger-probe"))).EnsureSuccessStatusCode();
        await using var connection = portal.OpenDatabase();
        var update = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, "UPDATE AuditEvents SET ActorName = 'someone else'"));
        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        var delete = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(connection, "DELETE FROM AuditEvents"));
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Editing_a_stored_event_after_dropping_the_triggers_is_reported_by_verify()
    {
        for (var i = 0; i < 3; i++)
        {
            (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel($"tamper-{i}"))).EnsureSuccessStatusCode();
        }
        var target = await EventIdAsync("Model.Registered", "tamper-1");
        await using (var connection = portal.OpenDatabase())
        {
            await DropTriggersAsync(connection);
            await ExecuteAsync(connection, $"UPDATE AuditEvents SET After = replace(After, 'High', 'Low') WHERE Sequence = {target}");
        }

        var response = await auditor.GetAsync("/api/v1/audit/verify");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.ReadJsonAsync();
        Assert.False(result.GetProperty("intact").GetBoolean());
        Assert.Equal(target, result.GetProperty("firstBrokenEventId").GetInt64());
        Assert.Equal(target - 1, result.GetProperty("eventCount").GetInt64());
    }

    [Fact]
    public async Task Deleting_an_event_is_reported_at_the_gap()
    {
        for (var i = 0; i < 3; i++)
        {
            (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel($"gap-{i}"))).EnsureSuccessStatusCode();
        }
        var target = await EventIdAsync("Model.Registered", "gap-1");
        await using (var connection = portal.OpenDatabase())
        {
            await DropTriggersAsync(connection);
            await ExecuteAsync(connection, $"DELETE FROM AuditEvents WHERE Sequence = {target}");
        }
        var result = await (await auditor.GetAsync("/api/v1/audit/verify")).ReadJsonAsync();
        Assert.False(result.GetProperty("intact").GetBoolean());
        Assert.Equal(target + 1, result.GetProperty("firstBrokenEventId").GetInt64());
    }

    [Fact]
    public async Task A_rewrite_of_the_whole_chain_is_caught_by_a_digest_exported_before_it()
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("rewrite-probe"))).EnsureSuccessStatusCode();
        var digest = (await (await auditor.GetAsync("/api/v1/audit/digest")).ReadJsonAsync()).GetProperty("digest").GetString()!;
        Assert.StartsWith("mgp-audit-v1:", digest, StringComparison.Ordinal);

        await RewriteWholeChainAsync("rewrite-probe");

        var alone = await (await auditor.GetAsync("/api/v1/audit/verify")).ReadJsonAsync();
        Assert.True(alone.GetProperty("intact").GetBoolean());
        var withDigest = await (await auditor.GetAsync($"/api/v1/audit/verify?digest={Uri.EscapeDataString(digest)}")).ReadJsonAsync();
        Assert.False(withDigest.GetProperty("intact").GetBoolean());
        Assert.True(ChainDigest.TryParse(digest, out var parsed));
        Assert.True(withDigest.GetProperty("firstBrokenEventId").GetInt64() <= parsed.Sequence);
    }

    [Fact]
    public async Task A_malformed_digest_is_a_400_with_a_field_error()
    {
        var response = await auditor.GetAsync("/api/v1/audit/verify?digest=not-a-digest");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("digest", out _));
    }

    [Fact]
    public async Task Concurrent_writers_never_fork_the_chain()
    {
        var writes = Enumerable.Range(0, 24).Select(i => engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel($"parallel-{i}")));
        var responses = await Task.WhenAll(writes);
        Assert.All(responses, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));

        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*), MIN(Sequence), MAX(Sequence), COUNT(DISTINCT PreviousHash) FROM AuditEvents";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(2) - reader.GetInt64(1) + 1);
        Assert.Equal(reader.GetInt64(0), reader.GetInt64(3));
        var result = await (await auditor.GetAsync("/api/v1/audit/verify")).ReadJsonAsync();
        Assert.True(result.GetProperty("intact").GetBoolean(), result.ToString());
    }

    [Fact]
    public async Task The_csv_export_holds_the_filtered_trail_with_formulas_neutralised()
    {
        var created = await engineer.PostJsonAsync("/api/v1/models", new
        {
            key = "csv-probe",
            name = "=HYPERLINK(\"http://evil\")",
            team = "Fraud",
            riskTier = "Low",
            status = "Development",
        });
        created.EnsureSuccessStatusCode();
        var response = await auditor.GetAsync("/api/v1/audit/events.csv?modelKey=csv-probe");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("audit-trail-model-csv-probe-", response.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // A filtered export says first that it cannot be verified alone, then the columns.
        Assert.StartsWith("# Filtered export (model csv-probe)", lines[0], StringComparison.Ordinal);
        Assert.Contains("cannot be verified alone", lines[0], StringComparison.Ordinal);
        Assert.StartsWith("id,occurredAtUtc,actorId,actorName,action", lines[1], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains("Model.Registered", lines[2], StringComparison.Ordinal);
        Assert.DoesNotContain(",=", lines[2], StringComparison.Ordinal);

        var exports = await (await auditor.GetAsync("/api/v1/audit/events?action=AuditTrail.Exported")).ReadJsonAsync();
        Assert.Equal(1, exports.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task The_whole_trail_exports_without_a_note_and_says_so_in_its_name()
    {
        var response = await auditor.GetAsync("/api/v1/audit/events.csv");

        Assert.Matches(@"^audit-trail-\d{8}-\d{6}\.csv$", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,occurredAtUtc,", lines[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_model_filter_takes_a_key_exactly_or_finds_models_by_name()
    {
        (await engineer.PostJsonAsync("/api/v1/models", new { key = "name-probe", name = "Harbour pilot scheduler", team = "Fraud", riskTier = "Low", status = "Development" }))
            .EnsureSuccessStatusCode();
        (await engineer.PostJsonAsync("/api/v1/models", new { key = "name-probe-2", name = "Other", team = "Fraud", riskTier = "Low", status = "Development" }))
            .EnsureSuccessStatusCode();

        var byKey = await (await auditor.GetAsync("/api/v1/audit/events?modelKey=NAME-PROBE")).ReadJsonAsync();
        Assert.All(byKey.GetProperty("items").EnumerateArray(), e => Assert.Equal("name-probe", e.GetProperty("modelKey").GetString()));
        Assert.Equal(1, byKey.GetProperty("totalCount").GetInt32());

        var byName = await (await auditor.GetAsync("/api/v1/audit/events?modelKey=harbour%20pilot")).ReadJsonAsync();
        Assert.Equal(1, byName.GetProperty("totalCount").GetInt32());
        Assert.Equal("name-probe", byName.GetProperty("items")[0].GetProperty("modelKey").GetString());

        var byPartOfKey = await (await auditor.GetAsync("/api/v1/audit/events?modelKey=name-prob")).ReadJsonAsync();
        Assert.Equal(2, byPartOfKey.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task The_trail_filters_by_actor_action_and_time()
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("filter-probe"))).EnsureSuccessStatusCode();
        var byActor = await (await auditor.GetAsync("/api/v1/audit/events?actor=test-engineer&action=Model.")).ReadJsonAsync();
        Assert.All(byActor.GetProperty("items").EnumerateArray(), e => Assert.Equal("test-engineer", e.GetProperty("actorName").GetString()));
        Assert.True(byActor.GetProperty("totalCount").GetInt32() >= 1);

        var future = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var none = await (await auditor.GetAsync($"/api/v1/audit/events?from={future}")).ReadJsonAsync();
        Assert.Equal(0, none.GetProperty("totalCount").GetInt32());
    }

    private async Task RewriteWholeChainAsync(string modelKey)
    {
        await using var connection = portal.OpenDatabase();
        await DropTriggersAsync(connection);
        await ExecuteAsync(connection, $"UPDATE AuditEvents SET After = replace(After, 'High', 'Low') WHERE ModelKey = '{modelKey}'");
        var events = new List<AuditEvent>();
        await using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT Sequence, OccurredAt, ActorId, ActorName, Action, EntityType, EntityId, ModelKey, Before, After FROM AuditEvents ORDER BY Sequence";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                events.Add(new AuditEvent
                {
                    Sequence = reader.GetInt64(0),
                    OccurredAt = DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc),
                    ActorId = reader.GetString(2),
                    ActorName = reader.GetString(3),
                    Action = reader.GetString(4),
                    EntityType = reader.GetString(5),
                    EntityId = reader.GetString(6),
                    ModelKey = reader.IsDBNull(7) ? null : reader.GetString(7),
                    Before = reader.IsDBNull(8) ? null : reader.GetString(8),
                    After = reader.IsDBNull(9) ? null : reader.GetString(9),
                });
            }
        }
        var previous = AuditChain.GenesisHash;
        foreach (var audit in events)
        {
            AuditChain.Append(audit, audit.Sequence - 1, previous);
            previous = audit.Hash;
            await ExecuteAsync(connection, $"UPDATE AuditEvents SET PreviousHash = '{audit.PreviousHash}', Hash = '{audit.Hash}' WHERE Sequence = {audit.Sequence}");
        }
    }

    private async Task<long> EventIdAsync(string action, string entityId)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Sequence FROM AuditEvents WHERE Action = $action AND EntityId = $entity";
        command.Parameters.AddWithValue("$action", action);
        command.Parameters.AddWithValue("$entity", entityId);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<long> CountEventsAsync()
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM AuditEvents";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task DropTriggersAsync(SqliteConnection connection) =>
        ExecuteAsync(connection, "DROP TRIGGER TR_AuditEvents_NoUpdate; DROP TRIGGER TR_AuditEvents_NoDelete;");

    private static async Task ExecuteAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}

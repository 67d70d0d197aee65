using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Flags;
using Portal.Domain.Flags.Rules;
using Portal.Domain.Inventory;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Data;

/// <summary>
/// InsertAuditedAsync, the flag scan's bulk save on SQLite: rows, audit events and webhook outbox rows stored as SaveChangesAsync
/// stores them, the chain intact across saves, and a failed save leaving nothing behind.
/// </summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class InsertAuditedTests : IAsyncLifetime
{
    private static readonly Actor Scanner = new("system", "Portal (system)", new HashSet<string>());
    private static readonly DateTime Now = new(2026, 2, 1, 12, 0, 0, DateTimeKind.Utc);
    private SqliteDataFile file = null!;
    private SqliteDataFile other = null!;

    public async Task InitializeAsync()
    {
        file = await SqliteDataFile.CreateAsync();
        other = await SqliteDataFile.CreateAsync();
    }

    public async Task DisposeAsync()
    {
        await file.DisposeAsync();
        await other.DisposeAsync();
    }

    [Fact]
    public async Task Flags_saved_in_bulk_are_stored_audited_and_announced_exactly_as_SaveChangesAsync_stores_them()
    {
        var models = await ModelsAsync(file, 2);
        await ModelsAsync(other, 2);
        await using (var db = file.Context(retrying: false))
        {
            db.Actor = Scanner;
            db.Flags.AddRange(models.Select(Raise));
            await db.SaveChangesAsync();
        }
        List<Flag> bulk;
        await using (var db = other.Context(retrying: false))
        {
            db.Actor = Scanner;
            bulk = [.. models.Select(Raise)];

            Assert.Equal(6, await db.InsertAuditedAsync(bulk));

            Assert.All(bulk, f => Assert.Equal(EntityState.Detached, db.Entry(f).State));
            Assert.All(bulk, f => Assert.Null(f.PendingAuditAction));
        }

        // Everything but what differs between two saves anyway: the time of the events, their hashes, the message ids.
        Assert.Equal(await RowsAsync(file, "SELECT * FROM Flags ORDER BY Id"), await RowsAsync(other, "SELECT * FROM Flags ORDER BY Id"));
        const string Events = "SELECT Sequence, ActorId, ActorName, Action, EntityType, EntityId, ModelKey, Before, After FROM AuditEvents ORDER BY Sequence";
        Assert.Equal(await RowsAsync(file, Events), await RowsAsync(other, Events));
        const string Outbox = "SELECT Id, Type, AuditSequence, EntityType, EntityId, ModelKey, ActorName, DispatchedAt, DispatchClaim FROM WebhookOutbox ORDER BY Id";
        Assert.Equal(await RowsAsync(file, Outbox), await RowsAsync(other, Outbox));
        Assert.Equal(2, (await RowsAsync(other, "SELECT * FROM WebhookOutbox WHERE Type = 'flag.raised'")).Count);
        var stored = await RowsAsync(other, "SELECT Id FROM Flags WHERE Rule = 'orphaned' ORDER BY Id");
        Assert.Equal(bulk.Select(f => $"Int64:{f.Id}"), stored.Select(r => r.Single()));
        Assert.True((await other.ChainAsync()).Intact);
    }

    [Fact]
    public async Task Several_bulk_saves_between_ordinary_ones_keep_one_event_per_flag_and_the_chain_intact()
    {
        var models = await ModelsAsync(file, 9);
        foreach (var batch in models.Chunk(3))
        {
            await using var db = file.Context(retrying: false);
            db.Actor = Scanner;
            await db.InsertAuditedAsync(batch.Select(Raise).ToList());
            db.Models.Add(Model.Register(Details($"between-{batch[0].Id}"), Scanner.Name, Now));
            await db.SaveChangesAsync();
        }

        var (events, intact) = await file.ChainAsync();
        Assert.True(intact);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(i => (long)i), events.Select(e => e.Sequence));
        Assert.Equal(models.Select(m => $"{m.Key}:{OrphanedRule.RuleName}").Order(),
            events.Where(e => e.Action == "Flag.Raised").Select(e => e.EntityId).Order());
    }

    [Fact]
    public async Task A_bulk_save_that_fails_leaves_no_flag_event_or_outbox_row_and_the_next_save_continues_the_chain()
    {
        var models = await ModelsAsync(file, 2);
        await using (var db = file.Context(retrying: false))
        {
            db.Actor = Scanner;
            await db.InsertAuditedAsync([Raise(models[1])]);
        }
        var before = await RowsAsync(file, "SELECT (SELECT COUNT(*) FROM Flags), (SELECT COUNT(*) FROM AuditEvents), (SELECT COUNT(*) FROM WebhookOutbox)");

        await using (var db = file.Context(retrying: false))
        {
            db.Actor = Scanner;
            // The second is already open: the unique index refuses it after the first was inserted.
            Flag[] refused = [Raise(models[0]), Raise(models[1])];
            var failure = await Assert.ThrowsAsync<DbUpdateException>(() => db.InsertAuditedAsync(refused));
            Assert.Contains("UNIQUE constraint failed: Flags.ModelId, Flags.Rule", failure.InnerException!.Message);
            Assert.All(refused, f => Assert.Equal(0, f.Id));
        }

        Assert.Equal(before, await RowsAsync(file, "SELECT (SELECT COUNT(*) FROM Flags), (SELECT COUNT(*) FROM AuditEvents), (SELECT COUNT(*) FROM WebhookOutbox)"));
        await using (var db = file.Context(retrying: false))
        {
            db.Actor = Scanner;
            await db.InsertAuditedAsync([Raise(models[0])]);
        }
        Assert.True((await file.ChainAsync()).Intact);
    }

    [Fact]
    public async Task A_failed_bulk_save_inside_a_unit_of_work_rolls_back_only_itself_and_the_unit_commits_the_rest()
    {
        var models = await ModelsAsync(file, 2);
        await using (var db = file.Context(retrying: false))
        {
            db.Actor = Scanner;
            await db.InsertAuditedAsync([Raise(models[1])]);
        }

        await using (var db = file.Context(retrying: false))
        {
            db.Actor = Scanner;
            await db.InUnitOfWorkAsync(async () =>
            {
                var model = await db.Models.SingleAsync(m => m.Id == models[0].Id);
                model.Retire("Replaced.", Now);
                await db.SaveChangesAsync();
                await Assert.ThrowsAsync<DbUpdateException>(() => db.InsertAuditedAsync([Raise(models[0]), Raise(models[1])]));
            });
        }

        Assert.Equal([["String:Retired"]], await RowsAsync(file, $"SELECT Status FROM Models WHERE Id = {models[0].Id}"));
        Assert.Equal([["Int64:1"]], await RowsAsync(file, "SELECT COUNT(*) FROM Flags"));
        Assert.Equal([["Int64:1"]], await RowsAsync(file, "SELECT COUNT(*) FROM AuditEvents WHERE Action = 'Flag.Raised'"));
        Assert.Equal([["Int64:1"]], await RowsAsync(file, "SELECT COUNT(*) FROM WebhookOutbox WHERE Type = 'flag.raised'"));
        Assert.True((await file.ChainAsync()).Intact);
    }

    [Fact]
    public async Task A_bulk_save_refuses_to_run_over_changes_not_saved_and_writes_nothing()
    {
        var models = await ModelsAsync(file, 1);
        await using (var db = file.Context(retrying: false))
        {
            db.Actor = Scanner;
            var model = await db.Models.SingleAsync(m => m.Id == models[0].Id);
            model.Retire("Replaced.", Now);

            await Assert.ThrowsAsync<InvalidOperationException>(() => db.InsertAuditedAsync([Raise(models[0])]));
        }

        Assert.Equal([["Int64:0"]], await RowsAsync(file, "SELECT COUNT(*) FROM Flags"));
        Assert.Equal([["String:Production"]], await RowsAsync(file, $"SELECT Status FROM Models WHERE Id = {models[0].Id}"));
    }

    private static Flag Raise(Model model) => Flag.Raise(new OrphanedRule(), RuleSettings.DefaultsOf(new OrphanedRule()),
        new ModelFacts(model.Id, model.Key, model.Team, model.RiskTier, model.Status, model.RegisteredAt),
        new FlagCondition(Now.AddDays(-3), "No active primary owner."), Now);

    private static ModelDetails Details(string key) =>
        new(key, $"Model {key}", "Scored nightly.", "Flag Team", RiskTier.High, LifecycleStatus.Production, ["bulk"]);

    private static async Task<List<Model>> ModelsAsync(SqliteDataFile data, int count)
    {
        await using var db = data.Context(retrying: false);
        db.Actor = Scanner;
        var models = Enumerable.Range(1, count).Select(i => Model.Register(Details($"bulk-{i:D2}"), Scanner.Name, Now.AddDays(-400))).ToList();
        db.Models.AddRange(models);
        await db.SaveChangesAsync();
        return models;
    }

    /// <summary>Each row as its values with their SQLite storage class, so that a value stored as another type shows.</summary>
    private static async Task<List<List<string>>> RowsAsync(SqliteDataFile data, string sql)
    {
        await using var connection = new SqliteConnection(data.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<List<string>>();
        while (await reader.ReadAsync())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => $"{reader.GetFieldType(i).Name}:{reader.GetValue(i)}")]);
        }
        return rows;
    }
}

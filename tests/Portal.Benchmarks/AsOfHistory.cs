using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain.PointInTime;

namespace Portal.Benchmarks;

/// <summary>
/// An audit trail consistent with the seeded rows: each model registered (one in five at another risk tier, reclassified 30 days
/// later), half edited, retired ones retired from Development; production models promote 1.2 a week after registration, then
/// 1.3 sixty days after it, archiving 1.2 (the version rows are updated to match). Sealed in time order.
/// </summary>
internal static class AsOfHistory
{
    private sealed record Row(int Id, string Key, string Name, string Team, string Tier, string Status, DateTime RegisteredAt, DateTime UpdatedAt, DateTime? RetiredAt);

    private static readonly string[] Tiers = ["Low", "Medium", "High"];
    private static readonly List<Row> Models = [];

    public static async Task<int> SeedAsync(BenchDatabase database)
    {
        Models.Clear();
        await using (var connection = await database.OpenAsync())
        {
            await using var read = connection.CreateCommand();
            read.CommandText = "SELECT Id, Key, Name, Team, RiskTier, Status, RegisteredAt, UpdatedAt, RetiredAt FROM Models ORDER BY Id";
            await using var reader = await read.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                Models.Add(new Row(reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                    Utc(reader.GetDateTime(6)), Utc(reader.GetDateTime(7)), reader.IsDBNull(8) ? null : Utc(reader.GetDateTime(8))));
            }
            await using var archive = connection.CreateCommand();
            archive.CommandText = "UPDATE ModelVersions SET Stage = 'Archived' WHERE Label = '1.2' AND ModelId IN (SELECT Id FROM Models WHERE Status = 'Production')";
            await archive.ExecuteNonQueryAsync();
        }
        var events = Models.SelectMany(Story).OrderBy(e => e.OccurredAt).ToList();
        // The chain goes on from its head: seeding the people already sealed a few events.
        var (head, previousHash) = await HeadAsync(database);
        for (var i = 0; i < events.Count; i++)
        {
            AuditChain.Append(events[i], head + i, previousHash);
            previousHash = events[i].Hash;
        }
        await AuditRows.BulkInsertAsync(database, events);
        return events.Count;
    }

    private static async Task<(long Sequence, string Hash)> HeadAsync(BenchDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Sequence, Hash FROM AuditEvents ORDER BY Sequence DESC LIMIT 1";
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetInt64(0), reader.GetString(1)) : (0, AuditChain.GenesisHash);
    }

    /// <summary>Checks the answer against the scripted history: who existed, each one's tier and production version then.</summary>
    public static void EnsureAgrees(InventoryAsOf answer, DateTime asOf)
    {
        var expected = Models.Where(m => m.RegisteredAt <= asOf).ToDictionary(m => m.Key);
        if (answer.TotalCount != expected.Count || answer.Items.Count != expected.Count)
        {
            throw new InvalidOperationException($"As of {asOf:u}: expected {expected.Count:N0} models, the answer has {answer.TotalCount:N0}.");
        }
        foreach (var row in answer.Items)
        {
            var model = expected[row.Key];
            var tier = Reclassified(model) && asOf < model.RegisteredAt.AddDays(30) ? EarlierTier(model) : model.Tier;
            var production = model.Status != "Production" || asOf < model.RegisteredAt.AddDays(7) ? null
                : asOf < model.RegisteredAt.AddDays(60) ? "1.2" : "1.3";
            if (row.RiskTier?.ToString() != tier || row.ProductionVersion != production)
            {
                throw new InvalidOperationException($"As of {asOf:u}, {row.Key}: expected {tier} and production {production ?? "none"}, got {row.RiskTier} and {row.ProductionVersion ?? "none"}.");
            }
        }
    }

    private static IEnumerable<AuditEvent> Story(Row model)
    {
        var registeredStatus = model.Status == "Retired" ? "Development" : model.Status;
        yield return Event(model, "Model.Registered", "Model", model.Key, model.RegisteredAt, null,
            new { model.Name, Description = "Scores things.", model.Team, RiskTier = Reclassified(model) ? EarlierTier(model) : model.Tier, Status = registeredStatus, Revision = 1 });
        if (Reclassified(model))
        {
            yield return Event(model, "Model.Reclassified", "Model", model.Key, model.RegisteredAt.AddDays(30),
                new { RiskTier = EarlierTier(model), ClassificationReason = (string?)null }, new { RiskTier = model.Tier, ClassificationReason = "Reviewed." });
        }
        if (model.UpdatedAt > model.RegisteredAt && model.RetiredAt is null)
        {
            yield return Event(model, "Model.Updated", "Model", model.Key, model.UpdatedAt, new { Description = "Scores things." }, new { Description = "Scores things. Edited." });
        }
        if (model.RetiredAt is { } retiredAt)
        {
            yield return Event(model, "Model.Retired", "Model", model.Key, retiredAt, new { Status = "Development" }, new { Status = "Retired" });
        }
        if (model.Status == "Production")
        {
            yield return Event(model, "Version.StageChanged", "ModelVersion", $"{model.Key}@1.2", model.RegisteredAt.AddDays(7), new { Stage = "None" }, new { Stage = "Production" });
            yield return Event(model, "Version.StageChanged", "ModelVersion", $"{model.Key}@1.2", model.RegisteredAt.AddDays(60), new { Stage = "Production" }, new { Stage = "Archived" });
            yield return Event(model, "Version.StageChanged", "ModelVersion", $"{model.Key}@1.3", model.RegisteredAt.AddDays(60).AddSeconds(1), new { Stage = "None" }, new { Stage = "Production" });
        }
    }

    private static bool Reclassified(Row model) => model.Id % 5 == 0;

    private static string EarlierTier(Row model) => Tiers[(Array.IndexOf(Tiers, model.Tier) + 1) % Tiers.Length];

    private static AuditEvent Event(Row model, string action, string type, string entity, DateTime at, object? before, object after) => new()
    {
        OccurredAt = at,
        ActorId = SampleData.Engineer.Id,
        ActorName = SampleData.Engineer.Name,
        Action = action,
        EntityType = type,
        EntityId = entity,
        ModelKey = model.Key,
        Before = before is null ? null : JsonSerializer.Serialize(before),
        After = JsonSerializer.Serialize(after),
    };

    private static DateTime Utc(DateTime value) => DateTime.SpecifyKind(value, DateTimeKind.Utc);
}

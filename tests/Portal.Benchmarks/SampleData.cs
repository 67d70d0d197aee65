using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;

namespace Portal.Benchmarks;

/// <summary>Deterministic, realistic-looking models and audit events.</summary>
internal static class SampleData
{
    public static readonly Actor Engineer = new("bench-engineer", "Bench Engineer", new HashSet<string> { PortalRoles.Engineer });

    private static readonly DateTime Epoch = new(2025, 1, 1, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Domains = ["Fraud", "Credit", "Churn", "Pricing", "Demand", "Vision", "Speech", "Search", "Ranking", "Anomaly", "Routing", "Support"];
    private static readonly string[] Kinds = ["scoring", "classifier", "detector", "ranker", "forecaster", "embedding", "summarizer"];
    private static readonly string[] Adjectives = ["Realtime", "Batch", "Streaming", "Nightly", "Regional", "Global", "Experimental", "Core"];
    private static readonly string[] TagPool = ["fraud", "cards", "payments", "nlp", "vision", "batch", "realtime", "pii", "gdpr", "tabular", "llm", "ranking"];
    private static readonly string[] Teams = [.. Enumerable.Range(1, 40).Select(i => $"team-{i:D2}")];

    // Roughly how a mature inventory looks: most models past development, a quarter high risk.
    private static readonly LifecycleStatus[] Statuses = [LifecycleStatus.Development, LifecycleStatus.Development, LifecycleStatus.Development,
        LifecycleStatus.Validation, LifecycleStatus.Validation, LifecycleStatus.Production, LifecycleStatus.Production,
        LifecycleStatus.Production, LifecycleStatus.Production, LifecycleStatus.Production];
    private static readonly RiskTier[] Tiers = [RiskTier.Low, RiskTier.Low, RiskTier.Low, RiskTier.Medium, RiskTier.Medium, RiskTier.Medium, RiskTier.High, RiskTier.High];

    public static ModelDetails Model(Random random, int index, string keyPrefix)
    {
        var domain = Domains[random.Next(Domains.Length)];
        var kind = Kinds[random.Next(Kinds.Length)];
        var team = Teams[random.Next(Teams.Length)];
        var tags = Enumerable.Range(0, 1 + random.Next(4)).Select(_ => TagPool[random.Next(TagPool.Length)]).ToList();
        return new ModelDetails(
            Key: $"{keyPrefix}{domain.ToLowerInvariant()}-{kind}-{index:D6}",
            Name: $"{Adjectives[random.Next(Adjectives.Length)]} {domain} {kind} {index % 997}",
            Description: $"{domain} {kind} owned by {team}; retrained weekly on the {Adjectives[random.Next(Adjectives.Length)].ToLowerInvariant()} feature set.",
            Team: team,
            RiskTier: Tiers[random.Next(Tiers.Length)],
            Status: Statuses[random.Next(Statuses.Length)],
            Tags: tags);
    }

    /// <summary>
    /// Models as the domain would have them after a couple of years (registered, half edited later,
    /// one in ten retired), inserted with one prepared INSERT in one transaction: seeding, not the write path.
    /// </summary>
    public static async Task SeedModelsAsync(BenchDatabase database, int count)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Models (Key, KeyNormalized, Name, Description, Team, RiskTier, Status, Tags, RegisteredAt, RegisteredBy, UpdatedAt, RetiredAt, RetirementReason, Revision)
            VALUES ($key, $keyNormalized, $name, $description, $team, $riskTier, $status, $tags, $registeredAt, $registeredBy, $updatedAt, $retiredAt, $retirementReason, $revision)
            """;
        foreach (var name in new[] { "$key", "$keyNormalized", "$name", "$description", "$team", "$riskTier", "$status", "$tags", "$registeredAt", "$registeredBy", "$updatedAt", "$retiredAt", "$retirementReason", "$revision" })
        {
            insert.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        insert.Prepare();
        var random = new Random(42);
        for (var i = 0; i < count; i++)
        {
            var registeredAt = Epoch.AddMinutes(random.Next(60 * 24 * 365));
            var details = Model(random, i, "");
            var model = Portal.Domain.Inventory.Model.Register(details, Engineer.Name, registeredAt);
            if (random.Next(2) == 0)
            {
                model.Edit(details with { Description = details.Description + " Edited." }, registeredAt.AddMinutes(random.Next(60 * 24 * 300)));
            }
            if (random.Next(10) == 0)
            {
                model.Retire("Replaced by a newer model.", model.UpdatedAt.AddDays(1));
            }
            Bind(insert, model);
            await insert.ExecuteNonQueryAsync();
        }
        await transaction.CommitAsync();
    }

    private static void Bind(SqliteCommand insert, Model model)
    {
        var p = insert.Parameters;
        p[0].Value = model.Key;
        p[1].Value = model.KeyNormalized;
        p[2].Value = model.Name;
        p[3].Value = (object?)model.Description ?? DBNull.Value;
        p[4].Value = model.Team;
        // Enums are stored as their names (HasConversion<string>), tags as a JSON array (a primitive collection).
        p[5].Value = model.RiskTier.ToString();
        p[6].Value = model.Status.ToString();
        p[7].Value = JsonSerializer.Serialize(model.Tags);
        p[8].Value = model.RegisteredAt;
        p[9].Value = model.RegisteredBy;
        p[10].Value = model.UpdatedAt;
        p[11].Value = (object?)model.RetiredAt ?? DBNull.Value;
        p[12].Value = (object?)model.RetirementReason ?? DBNull.Value;
        p[13].Value = model.Revision;
    }

    /// <summary>A sealed chain of model updates, each with about 200 bytes of JSON before and after.</summary>
    public static IEnumerable<AuditEvent> SealedEvents(int count)
    {
        var previousHash = AuditChain.GenesisHash;
        for (var i = 0; i < count; i++)
        {
            var key = $"fraud-scoring-{i % 5000:D6}";
            var audit = new AuditEvent
            {
                OccurredAt = Epoch.AddTicks(i * 1_234_567L),
                ActorId = $"user-{i % 50:D3}",
                ActorName = $"Engineer {i % 50}",
                Action = "Model.Updated",
                EntityType = "Model",
                EntityId = key,
                ModelKey = key,
                Before = ModelJson(i, "Validation", i),
                After = ModelJson(i, "Production", i + 1),
            };
            AuditChain.Append(audit, i, previousHash);
            previousHash = audit.Hash;
            yield return audit;
        }
    }

    /// <summary>What the interceptor writes for a model change: its changed properties as JSON (about 200 bytes).</summary>
    public static string ModelJson(int index, string status, int revision) =>
        $$"""{"Name":"Realtime Fraud scoring {{index % 997}}","Description":"Scores card payments for fraud risk.","Team":"team-{{index % 40:D2}}","RiskTier":"High","Status":"{{status}}","Tags":["fraud","cards"],"Revision":{{revision}}}""";
}

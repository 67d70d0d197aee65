using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;

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
    private static readonly string[] People = [.. new[] { "Ada", "Ben", "Chen", "Dara", "Eli", "Femi", "Gita", "Hugo", "Ines", "Jon" }
        .SelectMany(first => new[] { "Novak", "Okafor", "Petrov", "Quinn", "Rossi", "Sato", "Tran", "Ueda", "Vidal", "Weber" }, (first, last) => $"{first} {last}")];

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
    /// one in ten retired), each with an active primary owner (nine in ten), some with a backup and
    /// some with an earlier, ended primary. One prepared INSERT per table in one transaction: seeding,
    /// not the write path.
    /// </summary>
    public static async Task SeedModelsAsync(BenchDatabase database, int count)
    {
        // Owners are people of the user directory (a rule of assignment); the inventory matches owner names there.
        await using (var db = await database.Factory.CreateDbContextAsync())
        {
            db.Actor = Engineer;
            db.Users.AddRange(People.Select((name, i) => Portal.Domain.Directory.UserAccount.Create($"person-{i:D3}", name, null)));
            await db.SaveChangesAsync();
        }
        await using var connection = await database.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = Prepare(connection, transaction, "Models",
            ["Id", "Key", "KeyNormalized", "Name", "Description", "Team", "RiskTier", "Status", "Tags", "RegisteredAt", "RegisteredBy", "UpdatedAt", "RetiredAt", "RetirementReason", "Revision"]);
        await using var insertOwner = Prepare(connection, transaction, "OwnershipAssignments",
            ["ModelId", "ModelKey", "OwnerSubject", "OwnerName", "Role", "AssignedAt", "AssignedBy", "Reason", "AcknowledgedAt", "EndedAt", "EndedBy", "EndReason", "Revision"]);
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
            // Ids are given, not generated, so owners can point at their model.
            var id = i + 1;
            await InsertModelAsync(insert, id, model);
            if (random.Next(10) == 0)
            {
                var earlier = Owner(random, id, model, OwnerRole.Primary);
                earlier.End(Engineer.Name, "Moved to another team.", model.RegisteredAt.AddDays(30));
                await InsertOwnerAsync(insertOwner, earlier);
            }
            if (random.Next(10) != 0)
            {
                await InsertOwnerAsync(insertOwner, Owner(random, id, model, OwnerRole.Primary));
            }
            if (random.Next(3) == 0)
            {
                await InsertOwnerAsync(insertOwner, Owner(random, id, model, OwnerRole.Backup));
            }
        }
        await transaction.CommitAsync();
    }

    /// <summary>
    /// <paramref name="perModel"/> versions of every model, with lineage as the portal stores it (data sets and
    /// typed values as JSON); the newest is in Production where the model is. One INSERT … SELECT: seeding only.
    /// </summary>
    public static async Task SeedVersionsAsync(BenchDatabase database, int perModel)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            WITH RECURSIVE n(k) AS (SELECT 1 UNION ALL SELECT k + 1 FROM n WHERE k < $perModel)
            INSERT INTO ModelVersions (ModelId, ModelKey, Label, CodeRepository, CodeCommit, ArtifactUri, Notes, RegisteredAt, RegisteredBy,
                Stage, StageChangedAt, StageChangedBy, Revision, TrainingData, EvaluationData, Hyperparameters, Metrics)
            SELECT m.Id, m.Key, '1.' || n.k, 'https://git.example.test/ml/' || m.Key, printf('%040d', m.Id * 100 + n.k),
                's3://models/' || m.Key || '/1.' || n.k || '/model.onnx', 'Retrained on the latest window.', m.RegisteredAt, m.RegisteredBy,
                CASE WHEN n.k = $perModel AND m.Status = 'Production' THEN 'Production' WHEN n.k < $perModel - 2 THEN 'Archived' ELSE 'None' END,
                m.UpdatedAt, m.RegisteredBy, 1,
                '{"Uri":"s3://data/' || m.Key || '/train-' || n.k || '.parquet","Sha256":"' || printf('%064d', m.Id * 100 + n.k) || '"}',
                '{"Uri":"s3://data/' || m.Key || '/eval.parquet","Sha256":"' || printf('%064d', m.Id) || '"}',
                '[{"Key":"learning_rate","Type":"number","Value":"0.05"},{"Key":"max_depth","Type":"integer","Value":"' || (4 + n.k % 5) || '"}]',
                '[{"Key":"auc","Type":"number","Value":"0.' || (80 + n.k) || '"},{"Key":"f1","Type":"number","Value":"0.7' || n.k || '"}]'
            FROM Models m CROSS JOIN n
            """;
        command.Parameters.AddWithValue("$perModel", perModel);
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// The card text the inventory searches (ModelCardStates, one latest-revision text per model, about 700 characters) for
    /// seven models in ten, as the card service keeps it; the FTS5 card indexes fill from their triggers. One in a hundred
    /// cards says "isotonic" (a rare word found only in cards); "intended use" is in every card.
    /// </summary>
    public static async Task SeedCardsAsync(BenchDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO ModelCardStates (ModelId, RevisionNumber, SearchText, Complete, Reviewed)
            SELECT m.Id, 1 + m.Id % 7,
                'Model details ' || m.Name || ' is a gradient-boosted model maintained by ' || m.Team || '. ' ||
                'Intended use ' || CASE m.Id % 4 WHEN 0 THEN 'scoring retail applications before a human decision' WHEN 1 THEN 'ranking alerts for analysts'
                    WHEN 2 THEN 'forecasting weekly demand per store' ELSE 'routing documents to the right queue' END || '; not for automated refusals. ' ||
                'Factors region, age band and channel. Metrics AUC, KS and calibration error per segment, monitored weekly for drift. ' ||
                'Evaluation data the last full quarter, held out. Training data ' || (8 + m.Id % 30) || ' months of history up to the cut-off. ' ||
                'Quantitative analyses per region show gaps below two points. ' ||
                CASE WHEN m.Id % 100 = 0 THEN 'Scores are calibrated with isotonic regression. ' ELSE 'Scores are calibrated with Platt scaling. ' END ||
                'Ethical considerations proxies for protected attributes were removed and reviewed. ' ||
                'Caveats and recommendations retrain when the population shifts; review thresholds each quarter.',
                m.Id % 3 = 0, m.Id % 5 = 0
            FROM Models m
            WHERE m.Id % 10 < 7
            """;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>
    /// Flags as the scanner leaves them: every live model without an active primary owner is open "orphaned", one in
    /// four live models open "stale-activity", and one in four has a resolved "stale-activity" flag as history.
    /// </summary>
    public static async Task SeedFlagsAsync(BenchDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO Flags (ModelId, ModelKey, Rule, Severity, Detail, Team, WhoActs, Since, RaisedAt, ResolvedAt, Revision)
            SELECT m.Id, m.Key, 'orphaned', 'High', 'No active primary owner.', m.Team, 'TeamManagers', m.UpdatedAt, m.UpdatedAt, NULL, 1
            FROM Models m
            WHERE m.RetiredAt IS NULL
                AND NOT EXISTS (SELECT 1 FROM OwnershipAssignments o WHERE o.ModelId = m.Id AND o.EndedAt IS NULL AND o.Role = 'Primary');
            INSERT INTO Flags (ModelId, ModelKey, Rule, Severity, Detail, Team, WhoActs, Since, RaisedAt, ResolvedAt, Revision)
            SELECT m.Id, m.Key, 'stale-activity', 'Medium', 'No activity for 180 days.', m.Team, 'Owners', m.UpdatedAt, m.UpdatedAt,
                CASE WHEN m.Id % 4 = 1 THEN m.UpdatedAt END, 1
            FROM Models m
            WHERE m.RetiredAt IS NULL AND m.Id % 4 IN (0, 1);
            """;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string table, string[] columns)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "$" + c))})";
        foreach (var column in columns)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = "$" + column });
        }
        command.Prepare();
        return command;
    }

    private static OwnershipAssignment Owner(Random random, int modelId, Model model, OwnerRole role)
    {
        var person = random.Next(People.Length);
        return OwnershipAssignment.Assign(modelId, model.Key, $"person-{person:D3}", People[person], role,
            Engineer.Name, "Owns it day to day.", model.RegisteredAt.AddMinutes(5));
    }

    // Enums are stored as their names (HasConversion<string>), tags as a JSON array (a primitive collection).
    private static Task InsertModelAsync(SqliteCommand insert, int id, Model model) => InsertAsync(insert,
        [id, model.Key, model.KeyNormalized, model.Name, model.Description, model.Team, model.RiskTier.ToString(), model.Status.ToString(),
            JsonSerializer.Serialize(model.Tags), model.RegisteredAt, model.RegisteredBy, model.UpdatedAt, model.RetiredAt, model.RetirementReason, model.Revision]);

    private static Task InsertOwnerAsync(SqliteCommand insert, OwnershipAssignment owner) => InsertAsync(insert,
        [owner.ModelId, owner.ModelKey, owner.OwnerSubject, owner.OwnerName, owner.Role.ToString(), owner.AssignedAt,
            owner.AssignedBy, owner.Reason, owner.AcknowledgedAt, owner.EndedAt, owner.EndedBy, owner.EndReason, owner.Revision]);

    private static async Task InsertAsync(SqliteCommand insert, object?[] values)
    {
        for (var p = 0; p < values.Length; p++)
        {
            insert.Parameters[p].Value = values[p] ?? DBNull.Value;
        }
        await insert.ExecuteNonQueryAsync();
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

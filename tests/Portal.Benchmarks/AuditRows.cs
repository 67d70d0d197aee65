using Microsoft.Data.Sqlite;
using Portal.Domain.Audit;

namespace Portal.Benchmarks;

/// <summary>Audit events written and read with plain ADO.NET, column for column as EF Core maps them.</summary>
internal static class AuditRows
{
    private const string Columns = "Sequence, OccurredAt, ActorId, ActorName, Action, EntityType, EntityId, ModelKey, Before, After, PreviousHash, Hash";

    public const string SelectInSequence = "SELECT " + Columns + " FROM AuditEvents ORDER BY Sequence";

    /// <summary>A prepared INSERT, reused for every row: the cheapest way SQLite can take them.</summary>
    public static SqliteCommand PrepareInsert(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO AuditEvents (" + Columns + ") VALUES ($sequence, $occurredAt, $actorId, $actorName, $action, $entityType, $entityId, $modelKey, $before, $after, $previousHash, $hash)";
        foreach (var name in new[] { "$sequence", "$occurredAt", "$actorId", "$actorName", "$action", "$entityType", "$entityId", "$modelKey", "$before", "$after", "$previousHash", "$hash" })
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }
        command.Prepare();
        return command;
    }

    public static void Insert(SqliteCommand insert, AuditEvent audit)
    {
        var p = insert.Parameters;
        p[0].Value = audit.Sequence;
        // Bound as DateTime, Microsoft.Data.Sqlite writes the same "yyyy-MM-dd HH:mm:ss.FFFFFFF" text EF Core does, so ticks (and hashes) survive.
        p[1].Value = audit.OccurredAt;
        p[2].Value = audit.ActorId;
        p[3].Value = audit.ActorName;
        p[4].Value = audit.Action;
        p[5].Value = audit.EntityType;
        p[6].Value = audit.EntityId;
        p[7].Value = (object?)audit.ModelKey ?? DBNull.Value;
        p[8].Value = (object?)audit.Before ?? DBNull.Value;
        p[9].Value = (object?)audit.After ?? DBNull.Value;
        p[10].Value = audit.PreviousHash;
        p[11].Value = audit.Hash;
        insert.ExecuteNonQuery();
    }

    /// <summary>Inserts already-sealed events in one transaction (bulk seeding, not the portal's write path).</summary>
    public static async Task BulkInsertAsync(BenchDatabase database, IEnumerable<AuditEvent> events)
    {
        await using var connection = await database.OpenAsync();
        await using var transaction = connection.BeginTransaction();
        await using var insert = PrepareInsert(connection);
        insert.Transaction = transaction;
        foreach (var audit in events)
        {
            Insert(insert, audit);
        }
        await transaction.CommitAsync();
    }

    public static AuditEvent Read(SqliteDataReader reader) => new()
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
        PreviousHash = reader.GetString(10),
        Hash = reader.GetString(11),
    };

    /// <summary>Checks a database's whole trail; used to prove each benchmark wrote a valid chain.</summary>
    public static async Task<ChainVerification> VerifyAsync(BenchDatabase database)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = SelectInSequence;
        await using var reader = await command.ExecuteReaderAsync();
        var verifier = new ChainVerifier();
        while (await reader.ReadAsync() && verifier.Accept(Read(reader)))
        {
        }
        return verifier.Complete();
    }

    public static void EnsureIntact(ChainVerification verification, long expectedCount, string what)
    {
        if (!verification.Intact || verification.EventCount != expectedCount)
        {
            throw new InvalidOperationException($"{what}: expected an intact chain of {expectedCount:N0} events, got: {verification.Summary}");
        }
    }
}

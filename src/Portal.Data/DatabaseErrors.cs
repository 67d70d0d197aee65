using System.Text.RegularExpressions;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Portal.Data;

/// <summary>What a database failure means to the portal, whichever provider raised it.</summary>
public enum DatabaseErrorKind
{
    Other,
    UniqueViolation,
    Deadlock,
    LockTimeout,
    Transient,
}

/// <param name="IndexName">For a unique violation, the index (or key) that refused the row, when it is known.</param>
public sealed record DatabaseError(DatabaseErrorKind Kind, string? IndexName = null)
{
    public static readonly DatabaseError Other = new(DatabaseErrorKind.Other);

    /// <summary>Worth running the whole unit of work again: the database was busy, chose this transaction as a deadlock victim or lost the connection.</summary>
    public bool IsRetryable => Kind is DatabaseErrorKind.Deadlock or DatabaseErrorKind.Transient;
}

/// <summary>
/// The one place that reads provider errors: SQL Server error numbers and SQLite extended result codes, never the message
/// wording, except where an error number's defined format carries the index name (SQL Server 2601/2627, SQLite's column list).
/// </summary>
public static partial class DatabaseErrors
{
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    private const int SqlServerDuplicateKeyRow = 2601;
    private const int SqlServerUniqueConstraint = 2627;
    private const int SqlServerDeadlockVictim = 1205;
    private const int SqlServerLockTimeout = 1222;

    /// <summary>Connection loss, timeouts, failover and throttling: the errors SQL Server (and Azure SQL) clear by themselves.</summary>
    private static readonly HashSet<int> SqlServerTransient =
    [
        -2, 20, 64, 233, 1204, 10053, 10054, 10060, 10928, 10929, 40143, 40197, 40501, 40540, 40613, 41301, 41302, 41305, 41325, 41839, 49918, 49919, 49920,
    ];

    /// <summary>Classifies <paramref name="failure"/> or the first provider error it wraps; <paramref name="model"/> names SQLite's indexes.</summary>
    public static DatabaseError Classify(Exception failure, IModel? model = null)
    {
        for (var current = failure; current is not null; current = current.InnerException)
        {
            var error = current switch
            {
                SqliteException sqlite => OfSqlite(sqlite, model),
                SqlException sql => OfSqlServer(sql),
                AuditChainLockNotGrantedException notGranted => new DatabaseError(notGranted.IsDeadlock ? DatabaseErrorKind.Deadlock : DatabaseErrorKind.LockTimeout),
                TimeoutException => new DatabaseError(DatabaseErrorKind.Transient),
                _ => null,
            };
            if (error is not null)
            {
                return error;
            }
        }
        return DatabaseError.Other;
    }

    /// <summary>True when the unique index <paramref name="indexName"/> refused the save.</summary>
    public static bool IsUniqueViolation(Exception failure, string indexName, IModel? model = null) =>
        Classify(failure, model) is { Kind: DatabaseErrorKind.UniqueViolation } unique && unique.IndexName == indexName;

    private static DatabaseError OfSqlite(SqliteException failure, IModel? model) => failure.SqliteExtendedErrorCode switch
    {
        SqliteConstraintUnique or SqliteConstraintPrimaryKey => new DatabaseError(DatabaseErrorKind.UniqueViolation, SqliteIndexName(failure, model)),
        _ when failure.SqliteErrorCode is SqliteBusy or SqliteLocked => new DatabaseError(DatabaseErrorKind.Transient),
        _ => DatabaseError.Other,
    };

    private static DatabaseError OfSqlServer(SqlException failure)
    {
        foreach (SqlError error in failure.Errors)
        {
            switch (error.Number)
            {
                case SqlServerDuplicateKeyRow:
                    return new DatabaseError(DatabaseErrorKind.UniqueViolation, Quoted(DuplicateKeyRowIndex(), error.Message));
                case SqlServerUniqueConstraint:
                    return new DatabaseError(DatabaseErrorKind.UniqueViolation, Quoted(UniqueConstraintName(), error.Message));
                case SqlServerDeadlockVictim:
                    return new DatabaseError(DatabaseErrorKind.Deadlock);
                case SqlServerLockTimeout:
                    return new DatabaseError(DatabaseErrorKind.LockTimeout);
                case var number when SqlServerTransient.Contains(number):
                    return new DatabaseError(DatabaseErrorKind.Transient);
            }
        }
        return DatabaseError.Other;
    }

    private static string? Quoted(Regex format, string message) => format.Match(message) is { Success: true } match ? match.Groups["name"].Value : null;

    /// <summary>
    /// SQLite's constraint error lists the table's columns ("UNIQUE constraint failed: T.a, T.b"); the EF model's unique index
    /// on exactly those columns of that table is the one that refused. Ambiguous or unknown lists give no name.
    /// </summary>
    private static string? SqliteIndexName(SqliteException failure, IModel? model)
    {
        if (model is null || SqliteConstraintColumns().Match(failure.Message) is not { Success: true } match)
        {
            return null;
        }
        var columns = match.Groups["columns"].Value.Split(", ").Select(c => c.Split('.', 2)).ToList();
        if (columns.Any(c => c.Length != 2) || columns.Select(c => c[0]).Distinct().Count() != 1)
        {
            return null;
        }
        var table = columns[0][0];
        var names = columns.Select(c => c[1]).ToHashSet(StringComparer.Ordinal);
        var candidates = model.GetEntityTypes()
            .Where(e => e.GetTableName() == table)
            .SelectMany(e => e.GetIndexes().Where(i => i.IsUnique).Select(i => (Columns: i.Properties, Name: i.GetDatabaseName()))
                .Concat(e.GetKeys().Select(k => (Columns: k.Properties, Name: k.GetName()))))
            .Where(c => c.Columns.Count == names.Count && c.Columns.All(p => names.Contains(p.GetColumnName())))
            .Select(c => c.Name)
            .Distinct()
            .ToList();
        return candidates.Count == 1 ? candidates[0] : null;
    }

    [GeneratedRegex("constraint failed: (?<columns>[^']+)")]
    private static partial Regex SqliteConstraintColumns();

    /// <summary>Error 2601: "Cannot insert duplicate key row in object '%.*ls' with unique index '%.*ls'. ..."</summary>
    [GeneratedRegex("with unique index '(?<name>[^']+)'")]
    private static partial Regex DuplicateKeyRowIndex();

    /// <summary>Error 2627: "Violation of %ls constraint '%.*ls'. Cannot insert duplicate key in object '%.*ls'. ..."</summary>
    [GeneratedRegex("^Violation of [^']* constraint '(?<name>[^']+)'")]
    private static partial Regex UniqueConstraintName();
}

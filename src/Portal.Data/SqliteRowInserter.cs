using System.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using SQLitePCL;

namespace Portal.Data;

/// <summary>
/// Writes tracked added rows to SQLite with one INSERT per table, prepared once and run once per row. EF Core builds, prepares
/// and binds a statement for every row, which costs many times the insert itself; with thousands of rows that is the save.
/// Values go through each column's EF Core type mapping (converters included), so a row is stored as EF Core would store it.
/// </summary>
internal static class SqliteRowInserter
{
    /// <summary>Inserts <paramref name="added"/> in the context's transaction and gives each its generated key; returns the rows written.</summary>
    public static int Insert(PortalDbContext db, IReadOnlyList<EntityEntry> added)
    {
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var transaction = (SqliteTransaction)(db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("Rows are inserted inside the save's transaction.")).GetDbTransaction();
        var sql = db.GetService<ISqlGenerationHelper>();
        foreach (var rows in added.GroupBy(e => e.Metadata))
        {
            using var insert = new TableInsert(rows.Key, connection, transaction, sql);
            foreach (var row in rows)
            {
                insert.Run(row);
            }
        }
        return added.Count;
    }

    private sealed class TableInsert : IDisposable
    {
        private readonly SqliteCommand command;
        private readonly (IProperty Property, RelationalTypeMapping Mapping, string Parameter)[] columns;
        private readonly IProperty? generatedKey;
        private readonly IProperty[] foreignKeys;

        public TableInsert(IEntityType type, SqliteConnection connection, SqliteTransaction transaction, ISqlGenerationHelper sql)
        {
            var table = type.GetTableName() ?? throw Unsupported(type, "it is not mapped to a table");
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            generatedKey = type.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] ? key : null;
            var properties = type.GetProperties().Where(p => p != generatedKey).ToList();
            // A generated key is read as the row id the insert was given, so it must be the table's INTEGER PRIMARY KEY.
            if (type.IsOwned() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned())
                || (generatedKey is not null && generatedKey.ClrType != typeof(int) && generatedKey.ClrType != typeof(long))
                || properties.Any(p => p.ValueGenerated != ValueGenerated.Never || p.GetComputedColumnSql() is not null))
            {
                throw Unsupported(type, "it has owned records, values the database generates besides an integer key");
            }
            columns = [.. properties.Select((p, i) => (p, p.GetRelationalTypeMapping(), $"@p{i}"))];
            foreignKeys = [.. type.GetForeignKeys().SelectMany(k => k.Properties).Distinct()];
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO {sql.DelimitIdentifier(table)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)))}) " +
                $"VALUES ({string.Join(", ", columns.Select(c => c.Parameter))});";
        }

        public void Run(EntityEntry row)
        {
            if (foreignKeys.Any(k => row.Property(k).IsTemporary))
            {
                throw Unsupported(row.Metadata, "a row refers to another row not saved yet");
            }
            if (generatedKey is not null && !row.Property(generatedKey).IsTemporary)
            {
                throw Unsupported(row.Metadata, "a row was given its key, which the database generates");
            }
            command.Parameters.Clear();
            foreach (var (property, mapping, parameter) in columns)
            {
                command.Parameters.Add(mapping.CreateParameter(command, parameter, row.Property(property).CurrentValue, property.IsNullable));
            }
            command.ExecuteNonQuery();
            if (generatedKey is not null)
            {
                // The row id of the insert just made on this connection: RETURNING would cost a reader and a buffered result per row.
                var rowId = raw.sqlite3_last_insert_rowid(command.Connection!.Handle);
                var key = row.Property(generatedKey);
                key.CurrentValue = generatedKey.ClrType == typeof(int) ? checked((int)rowId) : (object)rowId;
                key.IsTemporary = false;
            }
        }

        public void Dispose() => command.Dispose();

        private static NotSupportedException Unsupported(IReadOnlyEntityType type, string why) =>
            new($"{type.DisplayName()} rows cannot be inserted in bulk: {why}. Save them with SaveChangesAsync.");
    }
}

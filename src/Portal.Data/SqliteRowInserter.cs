using System.Reflection;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using SQLitePCL;

namespace Portal.Data;

/// <summary>
/// Writes new rows to SQLite with one INSERT per table, prepared once, its values bound by position for every row. EF Core
/// builds, prepares and binds a statement by name for every row, which costs many times the insert itself; with thousands of
/// rows that is the save. Values go through each column's EF Core type mapping (converters included) and are bound as
/// Microsoft.Data.Sqlite binds that mapping's parameter, so a row is stored as EF Core would store it. The rows are not
/// tracked: tracking tens of thousands costs more than writing them.
/// </summary>
internal static class SqliteRowInserter
{
    /// <summary>
    /// Inserts the rows, table by table in the order they first appear, in the context's transaction; once all are written,
    /// gives each its generated key. Returns the rows written.
    /// </summary>
    public static int Insert(PortalDbContext db, IReadOnlyList<object> rows)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("Rows are inserted inside the save's transaction.");
        }
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var sql = db.GetService<ISqlGenerationHelper>();
        var keys = new List<Action>();
        foreach (var table in rows.GroupBy(e => e.GetType()))
        {
            var type = db.Model.FindEntityType(table.Key) ?? throw new InvalidOperationException($"{table.Key.Name} is not an entity type of the portal.");
            using var insert = new TableInsert(type, connection, sql);
            keys.AddRange(table.Select(insert.Run).OfType<Action>());
        }
        keys.ForEach(give => give());
        return rows.Count;
    }

    private sealed record Column(ValueConverter? Converter, SqliteType Type, int Size, IClrPropertyGetter Getter);

    private sealed class TableInsert : IDisposable
    {
        private readonly sqlite3 connection;
        private readonly sqlite3_stmt statement;
        private readonly Column[] columns;
        private readonly IProperty? generatedKey;
        private readonly MemberInfo? keyMember;
        private readonly SqliteValueBinding binding = new();

        public TableInsert(IEntityType type, SqliteConnection connection, ISqlGenerationHelper sql)
        {
            var table = type.GetTableName() ?? throw Unsupported(type, "it is not mapped to a table");
            var store = StoreObjectIdentifier.Table(table, type.GetSchema());
            generatedKey = type.FindPrimaryKey()?.Properties is [{ ValueGenerated: ValueGenerated.OnAdd } key] ? key : null;
            var properties = type.GetProperties().Where(p => p != generatedKey).ToList();
            // A generated key is read as the row id the insert was given, so it must be the table's INTEGER PRIMARY KEY.
            if (type.IsOwned() || type.GetNavigations().Any(n => n.TargetEntityType.IsOwned()) || type.GetProperties().Any(p => p.IsShadowProperty())
                || (generatedKey is not null && generatedKey.ClrType != typeof(int) && generatedKey.ClrType != typeof(long))
                || properties.Any(p => p.ValueGenerated != ValueGenerated.Never || p.GetComputedColumnSql() is not null))
            {
                throw Unsupported(type, "it has owned records, values only a change tracker holds, or values the database generates besides an integer key");
            }
            keyMember = generatedKey?.GetMemberInfo(forMaterialization: true, forSet: true);
            columns = [.. properties.Select(p => ColumnOf(p, connection))];
            this.connection = connection.Handle!;
            var insert = $"INSERT INTO {sql.DelimitIdentifier(table)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(store)!)))}) " +
                $"VALUES ({string.Join(", ", properties.Select(_ => "?"))});";
            var rc = raw.sqlite3_prepare_v2(this.connection, insert, out statement);
            if (rc != raw.SQLITE_OK)
            {
                SqliteException.ThrowExceptionForRC(rc, this.connection);
            }
        }

        /// <summary>The SQLite type and size EF Core's mapping gives the column's parameters: they decide how a value is stored.</summary>
        private static Column ColumnOf(IProperty property, SqliteConnection connection)
        {
            var mapping = property.GetRelationalTypeMapping();
            using var command = connection.CreateCommand();
            var probe = (SqliteParameter)mapping.CreateParameter(command, "probe", null, property.IsNullable);
            return new Column(mapping.Converter, probe.SqliteType, probe.Size, property.GetGetter());
        }

        /// <summary>Inserts the row; answers how to give it the key the database generated, or null when it has none.</summary>
        public Action? Run(object row)
        {
            if (generatedKey is not null && !Equals(generatedKey.GetGetter().GetClrValue(row), generatedKey.Sentinel))
            {
                throw Unsupported(generatedKey.DeclaringType, "a row was given its key, which the database generates");
            }
            for (var i = 0; i < columns.Length; i++)
            {
                var (converter, type, size, getter) = columns[i];
                var value = getter.GetClrValue(row);
                binding.Bind(statement, i + 1, converter is null ? value : converter.ConvertToProvider(value), type, size);
            }
            var rc = raw.sqlite3_step(statement);
            // Reset keeps the failed step's error on the connection, so the exception carries SQLite's message.
            raw.sqlite3_reset(statement);
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, connection);
                throw new InvalidOperationException($"An INSERT answered SQLite code {rc} instead of completing.");
            }
            return generatedKey is null ? null : KeyGiver(row, raw.sqlite3_last_insert_rowid(connection));
        }

        private Action KeyGiver(object row, long rowId)
        {
            var key = generatedKey!.ClrType == typeof(int) ? checked((int)rowId) : (object)rowId;
            return keyMember switch
            {
                PropertyInfo property => () => property.SetValue(row, key),
                FieldInfo field => () => field.SetValue(row, key),
                _ => throw Unsupported(generatedKey.DeclaringType, "its generated key cannot be set"),
            };
        }

        public void Dispose() => statement.Dispose();

        private static NotSupportedException Unsupported(IReadOnlyTypeBase type, string why) =>
            new($"{type.DisplayName()} rows cannot be inserted in bulk: {why}. Save them with SaveChangesAsync.");
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Inventory;
using Portal.IntegrationTests.Infrastructure;
using SQLitePCL;

namespace Portal.IntegrationTests.Data;

/// <summary>
/// The bulk insert binds values by position itself. Each value must be stored exactly as a Microsoft.Data.Sqlite parameter of
/// the same value, type and size stores it: the same storage class and the same bytes.
/// </summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class SqliteValueBindingTests : IDisposable
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public SqliteValueBindingTests()
    {
        connection.Open();
        Execute("CREATE TABLE Bound (Way TEXT NOT NULL, Value)");
    }

    public void Dispose() => connection.Dispose();

    public static TheoryData<string, object?, SqliteType?, int> Values => new()
    {
        { "null", null, null, 0 },
        { "empty text", "", null, 0 },
        { "text beyond ASCII", "Zoë's model ✓ 🙂", null, 0 },
        { "text cut to its size", "abcdef", null, 3 },
        { "empty blob", Array.Empty<byte>(), null, 0 },
        { "blob cut to its size", new byte[] { 1, 2, 3 }, null, 2 },
        { "true", true, null, 0 },
        { "false", false, null, 0 },
        { "date and time with ticks", new DateTime(2026, 12, 3, 9, 5, 7, DateTimeKind.Utc).AddTicks(1234567), null, 0 },
        { "whole second", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc), null, 0 },
        { "date and time as a Julian day", new DateTime(2026, 2, 28, 23, 59, 59, 999, DateTimeKind.Utc), SqliteType.Real, 0 },
        { "date", new DateOnly(2026, 12, 3), null, 0 },
        { "date as a Julian day", new DateOnly(2026, 12, 3), SqliteType.Real, 0 },
        { "time to the second", new TimeOnly(9, 5, 7), null, 0 },
        { "time with ticks", new TimeOnly(9, 5, 7).Add(TimeSpan.FromTicks(1234567)), null, 0 },
        { "time as a day fraction", new TimeOnly(18, 30, 15, 250), SqliteType.Real, 0 },
        { "offset", new DateTimeOffset(2026, 12, 3, 9, 5, 7, TimeSpan.FromHours(-5)), null, 0 },
        { "guid as text", Guid.Parse("0b9f1d2e-8c4a-4f6b-9e1d-2a3b4c5d6e7f"), null, 0 },
        { "guid as blob", Guid.Parse("0b9f1d2e-8c4a-4f6b-9e1d-2a3b4c5d6e7f"), SqliteType.Blob, 0 },
        { "double", 0.1 + 0.2, null, 0 },
        { "float", 1.1f, null, 0 },
        { "decimal", 12.3400m, null, 0 },
        { "time span", new TimeSpan(2, 3, 4, 5, 6), null, 0 },
        { "time span as days", TimeSpan.FromHours(36), SqliteType.Real, 0 },
        { "char", 'x', null, 0 },
        { "char as integer", 'x', SqliteType.Integer, 0 },
        { "enum", RiskTier.High, null, 0 },
        { "sbyte", (sbyte)-5, null, 0 },
        { "byte", (byte)250, null, 0 },
        { "short", (short)-30000, null, 0 },
        { "ushort", (ushort)60000, null, 0 },
        { "int", int.MinValue, null, 0 },
        { "uint", uint.MaxValue, null, 0 },
        { "long", long.MaxValue, null, 0 },
        { "ulong beyond long", ulong.MaxValue, null, 0 },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_is_stored_as_a_Microsoft_Data_Sqlite_parameter_stores_it(string label, object? value, SqliteType? type, int size)
    {
        using (var insert = connection.CreateCommand())
        {
            insert.CommandText = "INSERT INTO Bound VALUES ('parameter', $value)";
            var parameter = insert.Parameters.AddWithValue("$value", value ?? DBNull.Value);
            if (type is { } declared)
            {
                parameter.SqliteType = declared;
            }
            if (size > 0)
            {
                parameter.Size = size;
            }
            insert.ExecuteNonQuery();
        }
        BindByPosition(value, type ?? SqliteType.Text, size);

        var stored = Query("SELECT Way, typeof(Value) || ':' || quote(Value) FROM Bound ORDER BY Way DESC");

        Assert.Equal(2, stored.Count);
        Assert.True(stored[0].Stored == stored[1].Stored, $"{label}: parameter {stored[0].Stored}, by position {stored[1].Stored}");
    }

    [Fact]
    public async Task Every_column_of_the_portal_can_be_bound_by_position()
    {
        await using var file = await SqliteDataFile.CreateAsync();
        await using var db = file.Context(retrying: false);
        var providerTypes = db.Model.GetEntityTypes().SelectMany(t => t.GetProperties())
            .Select(p => p.GetRelationalTypeMapping())
            .Select(m => m.Converter?.ProviderClrType ?? m.ClrType)
            .Select(t => Nullable.GetUnderlyingType(t) ?? t)
            .Distinct()
            .ToList();

        Assert.Contains(typeof(DateTime), providerTypes);
        foreach (var type in providerTypes)
        {
            var sample = type == typeof(string) ? "sample" : type == typeof(byte[]) ? new byte[] { 7 } : Activator.CreateInstance(type);
            BindByPosition(sample, SqliteType.Text, 0);
        }
        Assert.Equal(providerTypes.Count, Query("SELECT Way, Value FROM Bound").Count);
    }

    [Fact]
    public void A_value_of_a_type_SQLite_has_no_storage_for_is_refused_with_its_type_named()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => BindByPosition(new Uri("https://example.org"), SqliteType.Text, 0));

        Assert.Contains("Uri", refused.Message);
        Assert.Empty(Query("SELECT Way, Value FROM Bound"));
    }

    private void BindByPosition(object? value, SqliteType type, int size)
    {
        Assert.Equal(raw.SQLITE_OK, raw.sqlite3_prepare_v2(connection.Handle, "INSERT INTO Bound VALUES ('position', ?)", out var statement));
        using (statement)
        {
            new SqliteValueBinding().Bind(statement, 1, value, type, size);
            Assert.Equal(raw.SQLITE_DONE, raw.sqlite3_step(statement));
        }
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private List<(string Way, string Stored)> Query(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.IsDBNull(1) ? "NULL" : reader.GetValue(1).ToString()!));
        }
        return rows;
    }
}

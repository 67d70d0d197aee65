using System.Text.Json;
using Portal.Data.Interceptors;
using Portal.Domain.Flags;
using Portal.Domain.Inventory;

namespace Portal.IntegrationTests.Data;

/// <summary>
/// Audit values are written to JSON by hand for speed; the text must stay exactly what serializing them as a dictionary gives,
/// or events sealed by the bulk insert and by an ordinary save would read differently.
/// </summary>
public sealed class AuditValuesJsonTests
{
    public static TheoryData<string, object?> Values => new()
    {
        { "null", null },
        { "plain text", "credit-pd" },
        { "text to escape", "Zoë said \"<ok> & done\"\n\ttab \u0001 ✓ 🙂" },
        { "int", int.MinValue },
        { "long", long.MaxValue },
        { "true", true },
        { "UTC moment with ticks", new DateTime(2026, 12, 3, 9, 5, 7, DateTimeKind.Utc).AddTicks(1234567) },
        { "unspecified moment", new DateTime(2026, 1, 2, 3, 4, 5) },
        { "local moment", new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Local) },
        { "enum by name", RiskTier.High },
        { "flag severity", FlagSeverity.Medium },
        { "enum value without a name", (RiskTier)42 },
        { "double", 0.1 + 0.2 },
        { "decimal", 12.3400m },
        { "guid", Guid.Parse("0b9f1d2e-8c4a-4f6b-9e1d-2a3b4c5d6e7f") },
        { "offset", new DateTimeOffset(2026, 12, 3, 9, 5, 7, TimeSpan.FromHours(-5)) },
        { "owned records", new List<Dictionary<string, object?>> { new() { ["Name"] = "auc", ["Value"] = 0.91 }, new() { ["Name"] = null } } },
        { "strings", new List<string> { "a", "b\"" } },
    };

    [Theory]
    [MemberData(nameof(Values))]
    public void A_value_reads_as_the_serialized_dictionary_reads(string label, object? value)
    {
        var values = new Dictionary<string, object?> { ["Before"] = "x", [label] = value, ["Revision"] = 3 };

        Assert.Equal(JsonSerializer.Serialize(values, AuditValuesJson.Options), AuditValuesJson.Write(values));
    }

    [Fact]
    public void No_values_are_an_empty_object()
    {
        Assert.Equal("{}", AuditValuesJson.Write([]));
        Assert.Equal(JsonSerializer.Serialize(new Dictionary<string, object?>(), AuditValuesJson.Options), AuditValuesJson.Write([]));
    }
}

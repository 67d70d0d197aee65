using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Portal.Domain;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.IntegrationTests.Infrastructure;
using static Portal.IntegrationTests.Outputs.OutputRequests;

namespace Portal.IntegrationTests.Outputs;

/// <summary>
/// An output's audit id is made of its model key, version and name: with the longest name it is longer than the audit
/// column, which SQLite would store and SQL Server would refuse, failing the registration after the file was stored.
/// </summary>
public sealed class OutputAuditIdTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task Outputs_with_the_longest_names_are_audited_within_the_column_and_stay_apart()
    {
        var key = await portal.ModelAsync();
        var stem = new string('n', OutputRules.NameMaxLength - 1);
        foreach (var name in new[] { stem + "a", stem + "b" })
        {
            var metadata = JsonSerializer.SerializeToNode(Metadata("Internal"))!.AsObject();
            metadata["name"] = name;
            var registered = await portal.ClientAs(PortalRoles.Engineer).UploadAsync(key, metadata, new StringContent(Csv, Encoding.UTF8, "text/csv"));
            Assert.True(registered.IsSuccessStatusCode, await registered.Content.ReadAsStringAsync());
        }
        await portal.CopiesIdleAsync();

        await using var db = await portal.DbAsync();
        var ids = await db.AuditEvents.Where(e => e.EntityType == "ModelOutput" && e.ModelKey == key).Select(e => e.EntityId).ToListAsync();
        Assert.All(ids, id => Assert.InRange(id.Length, 1, FieldLengths.Identity));
        Assert.Equal(2, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith($"{key}@1.0.0/nnn", id, StringComparison.Ordinal));
    }
}

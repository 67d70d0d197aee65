using Portal.Domain.Ownership;
using Portal.Domain.PointInTime;
using static Portal.Domain.Tests.PointInTime.ScriptedHistory;

namespace Portal.Domain.Tests.PointInTime;

public class InventoryRowsTests
{
    [Fact]
    public void A_row_names_the_production_version_its_release_the_owners_the_card_and_the_open_flags()
    {
        var state = ModelState.Forward(Key, UpTo(On(5, 2)));
        var facts = new InventoryFacts([(OwnerRole.Backup, "Zoe"), (OwnerRole.Primary, "Ben Okafor"), (OwnerRole.Backup, "Ann")], ["stale-activity"], 2, true,
            new Dictionary<string, int> { ["2.0.0"] = 7 });

        var row = InventoryRows.Row(state, facts);

        Assert.Equal(("2.0.0", 7, "Ben Okafor"), (row.ProductionVersion, row.ProductionRelease!.Value, row.PrimaryOwner));
        Assert.Equal(["Ann", "Zoe"], row.BackupOwners);
        Assert.Equal((2, true), (row.CardRevision!.Value, row.CardReviewed));
        Assert.Equal(["stale-activity"], row.OpenFlags);
        Assert.Empty(row.StagingVersions);
    }

    [Fact]
    public void A_row_without_facts_has_no_owner_card_or_flags()
    {
        var row = InventoryRows.Row(ModelState.Forward(Key, UpTo(On(1, 3))), InventoryFacts.None);

        Assert.Null(row.PrimaryOwner);
        Assert.Null(row.ProductionVersion);
        Assert.Null(row.CardRevision);
        Assert.Empty(row.OpenFlags);
    }
}

using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Releases;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Releases;

/// <summary>On a phone MudTable stacks each row's cells; without a data label a bare "0" or "—" says nothing.</summary>
public class ReleaseTableTests : PortalTestContext
{
    [Fact]
    public void Every_cell_of_a_release_row_names_its_column_for_the_stacked_phone_layout()
    {
        var release = new ReleaseSummary(3, "credit-default-pd", "1.1.0", VersionStage.Production, ReleaseStatus.Pending, "Eric Engineer",
            new DateTime(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc), null, null, 0, RiskTier.High, 1);

        var table = Render<ReleaseTable>(p => p.Add(t => t.Items, [release]).Add(t => t.ShowModel, true).Add(t => t.Id, "releases"));

        var labels = table.FindAll("#releases tbody td").Select(td => td.GetAttribute("data-label")).ToList();
        Assert.Equal(["Request", "Model", "Version", "To", "Status", "Judged by (frozen)", "Requested (UTC)", "Signatures", "Revalidation due"], labels);
    }
}

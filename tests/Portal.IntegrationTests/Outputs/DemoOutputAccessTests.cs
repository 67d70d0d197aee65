using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Outputs;
using Portal.Web.Features.Outputs.AccessRequests;

namespace Portal.IntegrationTests.Outputs;

public sealed class DemoOutputAccessTests
{
    [Fact]
    public async Task Demo_data_shows_a_granted_masked_download_and_a_refused_preview_in_who_accessed_the_outputs()
    {
        using var portal = new PortalFactory();
        using var demo = portal.WithWebHostBuilder(b => b.UseSetting("Portal:SeedDemoData", "true"));
        var reviewer = new Actor("demo-rita", "Rita Reviewer", new HashSet<string> { PortalRoles.ComplianceReviewer });
        var outputs = await demo.Services.GetRequiredService<OutputService>().ListAsync(reviewer, "credit-default-pd", CancellationToken.None);
        var log = demo.Services.GetRequiredService<OutputAccessLogService>();

        var granted = (await log.PageAsync(reviewer, outputs.Single(o => o.Name == "applicant-scores").Id, 1, 25)).Items;
        var restricted = (await log.PageAsync(reviewer, outputs.Single(o => o.Name == "pd-scores-march").Id, 1, 25)).Items;

        var download = Assert.Single(granted);
        Assert.Equal(("Audrey Auditor", OutputReadChannel.Download, true, true, 3L), (download.ActorName, download.Channel, download.Allowed, download.Masked, download.RowsReturned));
        Assert.Equal("Sample check of decisions for the Q1 credit audit.", download.Purpose);
        var refused = Assert.Single(restricted);
        Assert.Equal(("Eric Engineer", OutputReadChannel.Preview, false), (refused.ActorName, refused.Channel, refused.Allowed));
        Assert.Contains("grant", refused.Refusal, StringComparison.OrdinalIgnoreCase);
    }
}

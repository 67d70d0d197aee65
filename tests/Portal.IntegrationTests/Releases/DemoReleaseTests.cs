using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Releases;

namespace Portal.IntegrationTests.Releases;

public sealed class DemoReleaseTests
{
    [Fact]
    public async Task Demo_data_holds_a_pending_request_and_an_approved_production_release_whose_signature_verifies()
    {
        using var portal = new PortalFactory();
        using var demo = portal.WithWebHostBuilder(b => b.UseSetting("Portal:SeedDemoData", "true"));
        var releases = demo.Services.GetRequiredService<ReleaseService>();
        var reader = new Actor("demo-audrey", "Audrey Auditor", new HashSet<string> { PortalRoles.Auditor });

        var all = (await releases.ListAsync(reader)).Items;
        Assert.Contains(all, r => r is { ModelKey: "credit-default-pd", VersionLabel: "1.1.0", Status: ReleaseStatus.Pending });
        var approved = Assert.Single(all, r => r.Status == ReleaseStatus.Approved);
        var detail = await releases.GetAsync(reader, approved.Id);
        Assert.True(Assert.Single(detail.Signatures).Verified);
        Assert.True((await releases.ApprovalAsync(reader, approved.ModelKey, approved.VersionLabel, "Production")).Approved);
        Assert.StartsWith("Judged by the Low approval policy version 1", detail.JudgedBy, StringComparison.Ordinal);
        Assert.Contains(detail.Gates, g => g.Gate == "fairness" && g.Passed && g.Reason.Contains("imported and attested by Rita Reviewer", StringComparison.Ordinal));
        var fairness = await demo.Services.GetRequiredService<Web.Features.Fairness.FairnessService>().ListAsync(reader, approved.ModelKey);
        Assert.Contains(fairness, e => e.SourceDescription.StartsWith("imported and attested by Rita Reviewer", StringComparison.Ordinal));
        var rita = new Actor("demo-rita", "Rita Reviewer", new HashSet<string> { PortalRoles.ComplianceReviewer });
        Assert.Contains(await releases.AwaitingMySignatureAsync(rita), r => r.ModelKey == "credit-default-pd");
    }
}

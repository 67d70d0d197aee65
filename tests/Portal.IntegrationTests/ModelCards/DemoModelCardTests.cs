using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.ModelCards;

namespace Portal.IntegrationTests.ModelCards;

public sealed class DemoModelCardTests
{
    [Fact]
    public async Task Demo_data_holds_a_reviewed_complete_card_with_several_revisions_and_an_incomplete_one()
    {
        using var portal = new PortalFactory();
        using var demo = portal.WithWebHostBuilder(b => b.UseSetting("Portal:SeedDemoData", "true"));
        var cards = demo.Services.GetRequiredService<ModelCardService>();
        var reader = new Actor("demo-audrey", "Audrey Auditor", new HashSet<string> { PortalRoles.Auditor });

        var classifier = await cards.GetAsync(reader, "document-classifier");
        var credit = await cards.GetAsync(reader, "credit-default-pd");

        Assert.Equal(3, classifier.LatestRevision);
        Assert.True(classifier.Completeness.IsComplete);
        Assert.Equal("Rita Reviewer", classifier.Review?.ReviewerName);
        Assert.Contains(classifier.Sections, s => s is { Key: "custom-monitoring", Custom: true });
        Assert.False(credit.Completeness.IsComplete);
        Assert.Null(credit.Review);
        Assert.Equal(2, (await cards.RevisionsAsync(reader, "credit-default-pd")).Count);
    }
}

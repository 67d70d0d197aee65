using Portal.Domain.Access;
using Portal.Domain.Releases;
using Portal.IntegrationTests.Infrastructure;
using static Portal.IntegrationTests.Releases.ReleasePortal;

namespace Portal.IntegrationTests.Releases;

/// <summary>A model's lifecycle status follows its versions' stages, so "Production" means one thing and the dashboard counts are true.</summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class ModelStatusFollowsVersionsTests(ReleasePortal portal) : IClassFixture<ReleasePortal>
{
    [Fact]
    public async Task A_model_registered_in_development_reads_production_once_a_version_is_there_and_the_dashboard_counts_it()
    {
        var key = await portal.ModelAsync("Low", "status-eng");

        var model = await (await portal.ClientAs(PortalRoles.Admin).GetAsync($"/api/v1/models/{key}")).ReadJsonAsync();
        Assert.Equal("Production", model.GetProperty("status").GetString());
        Assert.Equal(1, await portal.CountAuditAsync("Model.StatusChanged", key));
    }

    [Fact]
    public async Task An_approved_release_to_staging_of_a_model_without_production_makes_it_validation()
    {
        var key = await portal.ModelAsync("Low", "status-eng2");
        var admin = portal.ClientAs(PortalRoles.Admin);
        (await admin.PutJsonAsync($"/api/v1/models/{key}/versions/1.0.0/stage", Versions.VersionRequests.Stage("Archived", 2))).EnsureSuccessStatusCode();
        Assert.Equal("Development", (await (await admin.GetAsync($"/api/v1/models/{key}")).ReadJsonAsync()).GetProperty("status").GetString());

        var id = await portal.RequestAsync(key, "status-eng2", stage: "Staging");
        await portal.Releases.SignAsync(Reviewer("status-rev"), portal.FreshSession, id, SignatureMeaning.Approved, "Fine for staging.");

        Assert.Equal("Validation", (await (await admin.GetAsync($"/api/v1/models/{key}")).ReadJsonAsync()).GetProperty("status").GetString());
    }
}

using System.Net;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Ownership;

public sealed class TeamApiTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory portal;
    private readonly OwnershipArrange arrange;

    public TeamApiTests(PortalFactory portal)
    {
        this.portal = portal;
        arrange = new OwnershipArrange(portal);
    }

    [Fact]
    public async Task An_admin_creates_a_team_and_names_its_managers_and_members()
    {
        var mona = await arrange.PersonAsync("team-mona", "Mona");
        var eric = await arrange.PersonAsync("team-eric", "Eric");
        var created = await arrange.AdminClient.PostJsonAsync("/api/v1/teams", new { name = "Fraud Ops", description = "Card fraud" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("/api/v1/teams/Fraud%20Ops", created.Headers.Location?.OriginalString);

        (await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/fraud ops/members/{mona}", new { isManager = true, revision = 1 })).EnsureSuccessStatusCode();
        var team = await (await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/FRAUD OPS/members/{eric}", new { isManager = false, revision = 2 })).ReadJsonAsync();

        Assert.Equal(3, team.GetProperty("revision").GetInt32());
        Assert.Equal(["team-mona:True", "team-eric:False"], team.GetProperty("members").EnumerateArray()
            .Select(m => $"{m.GetProperty("subject").GetString()}:{m.GetProperty("isManager").GetBoolean()}"));
        var read = await (await portal.ClientAs(PortalRoles.Engineer).GetAsync("/api/v1/teams/fraud%20ops")).ReadJsonAsync();
        Assert.Equal("Fraud Ops", read.GetProperty("name").GetString());
        var all = await (await portal.ClientAs(PortalRoles.Auditor).GetAsync("/api/v1/teams")).ReadJsonAsync();
        Assert.Contains(all.EnumerateArray(), t => t.GetProperty("name").GetString() == "Fraud Ops");
    }

    [Fact]
    public async Task Names_are_required_and_unique_regardless_of_case()
    {
        (await arrange.AdminClient.PostJsonAsync("/api/v1/teams", new { name = "Unique Team" })).EnsureSuccessStatusCode();
        var duplicate = await arrange.AdminClient.PostJsonAsync("/api/v1/teams", new { name = " UNIQUE team " });
        var empty = await arrange.AdminClient.PostJsonAsync("/api/v1/teams", new { name = "" });

        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already exists", (await duplicate.ReadJsonAsync()).GetProperty("errors").GetProperty("name")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
    }

    [Fact]
    public async Task Only_an_admin_manages_teams()
    {
        var response = await portal.ClientAs(PortalRoles.Manager).PostJsonAsync("/api/v1/teams", new { name = "Managers Own Team" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_last_manager_stays_and_stale_revisions_are_refused()
    {
        var mona = await arrange.PersonAsync("last-mona", "Mona");
        var gone = await arrange.PersonAsync("last-gone", "Gone");
        await arrange.DeactivateAsync(gone);
        (await arrange.AdminClient.PostJsonAsync("/api/v1/teams", new { name = "Last Team" })).EnsureSuccessStatusCode();
        (await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/Last Team/members/{mona}", new { isManager = true, revision = 1 })).EnsureSuccessStatusCode();

        var last = await arrange.AdminClient.PostJsonAsync($"/api/v1/teams/Last Team/members/{mona}/remove", new { revision = 2 });
        var stale = await arrange.AdminClient.PostJsonAsync($"/api/v1/teams/Last Team/members/{mona}/remove", new { revision = 1 });
        var inactive = await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/Last Team/members/{gone}", new { isManager = true, revision = 2 });
        var missingRevision = await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/Last Team/members/{mona}", new { isManager = true });

        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Contains("last manager", (await last.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, inactive.StatusCode);
        Assert.True((await inactive.ReadJsonAsync()).GetProperty("errors").TryGetProperty("subject", out _));
        Assert.Equal(HttpStatusCode.BadRequest, missingRevision.StatusCode);
    }
}

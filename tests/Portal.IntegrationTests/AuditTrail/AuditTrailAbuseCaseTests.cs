using System.Text.Json;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Ownership;
using Portal.IntegrationTests.Versions;
using Portal.Web.Features.AuditTrail;

namespace Portal.IntegrationTests.AuditTrail;

/// <summary>Issue 13, item 7: what changed inside owned records (team members, a version's lineage) is in the trail.</summary>
public sealed class AuditTrailAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly HttpClient auditor = portal.ClientAs(PortalRoles.Auditor);

    [Fact]
    public async Task Making_a_person_a_team_manager_records_the_members_and_their_roles_before_and_after()
    {
        var arrange = new OwnershipArrange(portal);
        var mona = await arrange.PersonAsync("audit-mona", "Mona");
        var eric = await arrange.PersonAsync("audit-eric", "Eric");
        (await arrange.AdminClient.PostJsonAsync("/api/v1/teams", new { name = "Audit Owned" })).EnsureSuccessStatusCode();
        (await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/Audit Owned/members/{eric}", new { isManager = true, revision = 1 })).EnsureSuccessStatusCode();
        (await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/Audit Owned/members/{mona}", new { isManager = false, revision = 2 })).EnsureSuccessStatusCode();

        (await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/Audit Owned/members/{mona}", new { isManager = true, revision = 3 })).EnsureSuccessStatusCode();

        var promotion = (await EventsAsync("action=Team.MembershipChanged")).First(e => e.GetProperty("entityId").GetString() == "Audit Owned");
        var before = Members(promotion.GetProperty("before").GetString()!);
        var after = Members(promotion.GetProperty("after").GetString()!);
        Assert.Equal(["audit-eric:Eric:True", "audit-mona:Mona:False"], before);
        Assert.Equal(["audit-eric:Eric:True", "audit-mona:Mona:True"], after);
        var members = AuditChange.From(promotion.GetProperty("before").GetString(), promotion.GetProperty("after").GetString()).Single(c => c.Field == "Members");
        Assert.Equal(["Mona: Is manager false → true"], members.Details);
    }

    [Fact]
    public async Task Adding_and_removing_a_member_reads_as_added_and_removed()
    {
        var arrange = new OwnershipArrange(portal);
        var mona = await arrange.PersonAsync("audit-mona-2", "Mona");
        var rita = await arrange.PersonAsync("audit-rita-2", "Rita");
        (await arrange.AdminClient.PostJsonAsync("/api/v1/teams", new { name = "Audit Roster" })).EnsureSuccessStatusCode();
        (await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/Audit Roster/members/{mona}", new { isManager = true, revision = 1 })).EnsureSuccessStatusCode();
        (await arrange.AdminClient.PutJsonAsync($"/api/v1/teams/Audit Roster/members/{rita}", new { isManager = false, revision = 2 })).EnsureSuccessStatusCode();
        (await arrange.AdminClient.PostJsonAsync($"/api/v1/teams/Audit Roster/members/{rita}/remove", new { revision = 3 })).EnsureSuccessStatusCode();

        var changes = (await EventsAsync("action=Team.MembershipChanged"))
            .Where(e => e.GetProperty("entityId").GetString() == "Audit Roster")
            .Select(e => AuditChange.From(e.GetProperty("before").GetString(), e.GetProperty("after").GetString()).Single(c => c.Field == "Members").Details!)
            .Reverse()
            .ToList();
        Assert.Equal(["added Mona (Manager)"], changes[0]);
        Assert.Equal(["added Rita"], changes[1]);
        Assert.Equal(["removed Rita"], changes[2]);
    }

    [Fact]
    public async Task Registering_a_version_records_its_lineage()
    {
        var engineer = portal.ClientAs(PortalRoles.Engineer);
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel("audit-lineage"))).EnsureSuccessStatusCode();
        (await engineer.PostJsonAsync("/api/v1/models/audit-lineage/versions", VersionRequests.NewVersion("1.0", learningRate: "0.05"))).EnsureSuccessStatusCode();

        var registered = (await EventsAsync("modelKey=audit-lineage&action=Version.Registered")).Single();
        using var after = JsonDocument.Parse(registered.GetProperty("after").GetString()!);
        var root = after.RootElement;
        Assert.Equal(VersionRequests.TrainingHash, root.GetProperty("TrainingData").GetProperty("Sha256").GetString());
        Assert.Equal("s3://ml-data/credit/holdout.parquet", root.GetProperty("EvaluationData").GetProperty("Uri").GetString());
        Assert.Equal("4e1243bd22c66e76c2ba9eddc1f91394e57f9f83", root.GetProperty("CodeCommit").GetString());
        Assert.Equal(["learning_rate=0.05", "max_depth=6"],
            root.GetProperty("Hyperparameters").EnumerateArray().Select(h => $"{h.GetProperty("Key").GetString()}={h.GetProperty("Value").GetString()}"));
        Assert.Equal(["auc", "calibrated"], root.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Key").GetString()));
        var hyperparameters = AuditChange.From(null, registered.GetProperty("after").GetString()).Single(c => c.Field == "Hyperparameters");
        Assert.Contains("added learning_rate (number, 0.05)", hyperparameters.Details!);
    }

    [Fact]
    public async Task A_stage_change_does_not_repeat_unchanged_lineage()
    {
        var admin = portal.ClientAs(PortalRoles.Admin);
        (await admin.PostJsonAsync("/api/v1/models", HttpJson.NewModel("audit-stage"))).EnsureSuccessStatusCode();
        (await admin.PostJsonAsync("/api/v1/models/audit-stage/versions", VersionRequests.NewVersion("1.0"))).EnsureSuccessStatusCode();
        (await admin.PutJsonAsync("/api/v1/models/audit-stage/versions/1.0/stage", new { stage = "Staging", revision = 1 })).EnsureSuccessStatusCode();

        var changed = (await EventsAsync("modelKey=audit-stage&action=Version.StageChanged")).Single();
        Assert.DoesNotContain("Hyperparameters", changed.GetProperty("after").GetString()!, StringComparison.Ordinal);
        Assert.Contains("Staging", changed.GetProperty("after").GetString()!, StringComparison.Ordinal);
    }

    private async Task<List<JsonElement>> EventsAsync(string filter)
    {
        var response = await auditor.GetAsync($"/api/v1/audit/events?{filter}&pageSize=200");
        response.EnsureSuccessStatusCode();
        return [.. (await response.ReadJsonAsync()).GetProperty("items").EnumerateArray()];
    }

    private static List<string> Members(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.GetProperty("Members").EnumerateArray()
            .Select(m => $"{m.GetProperty("Subject").GetString()}:{m.GetProperty("Name").GetString()}:{m.GetProperty("IsManager").GetBoolean()}")];
    }
}

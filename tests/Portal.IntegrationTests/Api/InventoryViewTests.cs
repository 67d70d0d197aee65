using System.Net;
using ClosedXML.Excel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.Domain.Teams;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Auth;

namespace Portal.IntegrationTests.Api;

public sealed class InventoryViewTests : IClassFixture<PortalFactory>
{
    private static readonly Actor Setup = new("test-setup", "Test setup", new HashSet<string> { PortalRoles.Admin });
    private readonly PortalFactory portal;
    private readonly HttpClient engineer;

    public InventoryViewTests(PortalFactory portal)
    {
        this.portal = portal;
        engineer = portal.ClientAs(PortalRoles.Engineer);
    }

    [Fact]
    public async Task The_inventory_filters_by_owner_and_searches_owner_names()
    {
        await RegisterAsync("owned-by-olga", "Olga Owner");
        await RegisterAsync("owned-by-pete", "Pete Other");

        var byOwner = await ListAsync("owner=olga");
        Assert.Equal(["owned-by-olga"], byOwner);
        var bySubject = await ListAsync("owner=subject-pete-other");
        Assert.Equal(["owned-by-pete"], bySubject);
        var bySearch = await ListAsync("search=Olga%20Own");
        Assert.Equal(["owned-by-olga"], bySearch);

        var row = (await (await engineer.GetAsync("/api/v1/models?search=owned-by-olga")).ReadJsonAsync()).GetProperty("items")[0];
        Assert.Equal("Olga Owner", row.GetProperty("primaryOwner").GetString());
    }

    [Fact]
    public async Task Search_finds_substrings_of_key_name_and_description_and_follows_edits()
    {
        var admin = portal.ClientAs(PortalRoles.Admin);
        (await admin.PostJsonAsync("/api/v1/models", new
        {
            key = "srch-zebra-1",
            name = "Quokka \"quoted\" scorer",
            description = "Detects 100% of xylophone_fraud.",
            team = "Search Team",
            riskTier = "Low",
            status = "Development",
            tags = Array.Empty<string>(),
        })).EnsureSuccessStatusCode();

        Assert.Equal(["srch-zebra-1"], await ListAsync("search=ZEBR"));
        Assert.Equal(["srch-zebra-1"], await ListAsync("search=okka%20%22quo"));
        Assert.Equal(["srch-zebra-1"], await ListAsync("search=lophone_fr"));
        Assert.Equal(["srch-zebra-1"], await ListAsync("search=100%25%20of"));
        Assert.Empty(await ListAsync("search=100%25%20xf"));
        // Under three characters a substring would match nearly everything: short searches match the start of a word.
        Assert.Contains("srch-zebra-1", await ListAsync("search=xy"));
        Assert.Contains("srch-zebra-1", await ListAsync("search=Q"));
        Assert.DoesNotContain("srch-zebra-1", await ListAsync("search=ok"));

        (await admin.PutJsonAsync("/api/v1/models/srch-zebra-1", new
        {
            name = "Renamed scorer",
            description = "Nothing left to find.",
            team = "Search Team",
            riskTier = "Low",
            status = "Development",
            tags = Array.Empty<string>(),
            revision = 1,
        })).EnsureSuccessStatusCode();

        Assert.Empty(await ListAsync("search=xylophone"));
        Assert.DoesNotContain("srch-zebra-1", await ListAsync("search=xy"));
        Assert.Equal(["srch-zebra-1"], await ListAsync("search=left%20to%20f"));
        Assert.Contains("srch-zebra-1", await ListAsync("search=le"));
    }

    [Theory]
    [InlineData("RiskTier", false, "sortrank-low,sortrank-medium,sortrank-high")]
    [InlineData("RiskTier", true, "sortrank-high,sortrank-medium,sortrank-low")]
    [InlineData("Status", false, "sortrank-medium,sortrank-high,sortrank-low")]
    public async Task Risk_tier_and_status_sort_in_the_domains_order_not_the_alphabets(string sort, bool descending, string expected)
    {
        var admin = portal.ClientAs(PortalRoles.Admin);
        foreach (var (key, tier, status) in new[] { ("sortrank-high", "High", "Production"), ("sortrank-low", "Low", "Retired"), ("sortrank-medium", "Medium", "Development") })
        {
            var response = await admin.PostJsonAsync("/api/v1/models", new
            {
                key,
                name = key,
                description = "Sort probe.",
                team = "Sort Team",
                riskTier = tier,
                status = "Development",
                tags = Array.Empty<string>(),
            });
            if (response.StatusCode == HttpStatusCode.Created && status != "Development")
            {
                var path = status == "Retired" ? $"/api/v1/models/{key}/retire" : $"/api/v1/models/{key}";
                object body = status == "Retired"
                    ? new { reason = "Probe", revision = 1 }
                    : new { name = key, description = "Sort probe.", team = "Sort Team", riskTier = tier, status, tags = Array.Empty<string>(), revision = 1 };
                (await (status == "Retired" ? admin.PostJsonAsync(path, body) : admin.PutJsonAsync(path, body))).EnsureSuccessStatusCode();
            }
        }

        var listed = await engineer.GetAsync($"/api/v1/models?team=Sort%20Team&sort={sort}&descending={descending}");
        Assert.True(listed.IsSuccessStatusCode, await listed.Content.ReadAsStringAsync());
        var page = await listed.ReadJsonAsync();

        Assert.Equal(expected, string.Join(',', page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("key").GetString())));
    }

    [Fact]
    public async Task The_tag_filter_matches_whole_tags_only_and_follows_edits()
    {
        var admin = portal.ClientAs(PortalRoles.Admin);
        foreach (var (key, tags) in new[] { ("tagged-exact", new[] { "tagprobe", "ml" }), ("tagged-longer", new[] { "tagprobe-eu" }), ("tagged-none", Array.Empty<string>()) })
        {
            (await admin.PostJsonAsync("/api/v1/models", new
            {
                key,
                name = key,
                description = "Tag probe.",
                team = "Tag Team",
                riskTier = "Low",
                status = "Development",
                tags,
            })).EnsureSuccessStatusCode();
        }

        Assert.Equal(["tagged-exact"], await ListAsync("tag=TagProbe&team=Tag%20Team"));
        Assert.Equal(["tagged-longer"], await ListAsync("tag=tagprobe-eu&team=Tag%20Team"));
        Assert.Equal(["tagged-exact"], await ListAsync("tag=ml&team=Tag%20Team"));
        Assert.Empty(await ListAsync("tag=agpro&team=Tag%20Team"));

        foreach (var key in new[] { "tagged-none", "tagged-exact" })
        {
            (await admin.PutJsonAsync($"/api/v1/models/{key}", new
            {
                name = key,
                description = "Tag probe.",
                team = "Tag Team",
                riskTier = "Low",
                status = "Development",
                tags = new[] { "tagprobe" },
                revision = 1,
            })).EnsureSuccessStatusCode();
        }

        Assert.Equal(["tagged-exact", "tagged-none"], await ListAsync("tag=tagprobe&team=Tag%20Team"));
        Assert.Empty(await ListAsync("tag=ml&team=Tag%20Team"));
    }

    [Fact]
    public async Task A_query_value_that_does_not_bind_is_refused_with_what_failed()
    {
        var response = await engineer.GetAsync("/api/v1/models?sort=popularity");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("popularity", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task My_models_and_my_teams_models_are_views_of_the_signed_in_actor()
    {
        await RegisterAsync("mine-probe", "Engineer Token", subject: "service:test-engineer");
        await RegisterAsync("team-probe", "Someone Else", team: "Views Team");
        await using (var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync())
        {
            var team = Team.Create("Views Team", null);
            team.SetMember("service:test-engineer", "test-engineer", isManager: false);
            db.Teams.Add(team);
            db.Actor = Setup;
            await db.SaveChangesAsync();
        }

        Assert.Equal(["mine-probe"], await ListAsync("view=Mine"));
        Assert.Equal(["team-probe"], await ListAsync("view=MyTeams"));
    }

    [Fact]
    public async Task The_filtered_view_exports_as_csv_and_excel_with_formulas_neutralised()
    {
        (await engineer.PostJsonAsync("/api/v1/models", new
        {
            key = "export-probe",
            name = "=cmd|' /C calc'!A0",
            team = "Export Team",
            riskTier = "Low",
            status = "Development",
        })).EnsureSuccessStatusCode();
        await RegisterAsync("export-other", "Other", team: "Elsewhere");

        var csv = await engineer.GetAsync("/api/v1/models/export.csv?team=Export%20Team");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("key,name,team,riskTier,status,primaryOwner,tags,updatedAtUtc", lines[0].TrimEnd('\r'));
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("export-probe,'=cmd", lines[1], StringComparison.Ordinal);

        var xlsx = await engineer.GetAsync("/api/v1/models/export.xlsx?team=Export%20Team");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var workbook = new XLWorkbook(await xlsx.Content.ReadAsStreamAsync());
        var sheet = workbook.Worksheet("Models");
        Assert.Equal("export-probe", sheet.Cell(2, 1).GetString());
        Assert.False(sheet.Cell(2, 2).HasFormula);
        Assert.Equal("'=cmd|' /C calc'!A0", sheet.Cell(2, 2).GetString());
        Assert.True(sheet.Cell(3, 1).IsEmpty());
    }

    [Fact]
    public async Task Sorting_by_risk_tier_follows_the_domain_order_not_the_alphabet()
    {
        foreach (var (key, tier) in new[] { ("tier-sort-high", "High"), ("tier-sort-low", "Low"), ("tier-sort-medium", "Medium") })
        {
            (await engineer.PostJsonAsync("/api/v1/models", new { key, name = key, team = "Tier Sort", riskTier = tier, status = "Development" }))
                .EnsureSuccessStatusCode();
        }
        var page = await (await engineer.GetAsync("/api/v1/models?team=Tier%20Sort&sort=RiskTier")).ReadJsonAsync();
        var tiers = page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("riskTier").GetString()).ToArray();
        Assert.Equal(new[] { "Low", "Medium", "High" }, tiers);
    }

    [Fact]
    public async Task Exports_need_a_signed_in_caller()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await portal.ClientAs(null).GetAsync("/api/v1/models/export.csv")).StatusCode);
        var page = await portal.ClientAs(null).GetAsync("/inventory/export.csv");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
    }

    private async Task RegisterAsync(string key, string ownerName, string? subject = null, string team = "Credit Risk")
    {
        (await engineer.PostJsonAsync("/api/v1/models", HttpJson.NewModel(key, team))).EnsureSuccessStatusCode();
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        var model = await db.Models.SingleAsync(m => m.Key == key);
        var ownerSubject = subject ?? "subject-" + ownerName.ToLowerInvariant().Replace(' ', '-');
        await portal.Services.GetRequiredService<UserDirectoryService>().RecordSignInAsync(ownerSubject, ownerName, null, new HashSet<string>());
        db.OwnershipAssignments.Add(OwnershipAssignment.Assign(model.Id, model.Key, ownerSubject, ownerName, OwnerRole.Primary, "Test setup", "test", DateTime.UtcNow));
        db.Actor = Setup;
        await db.SaveChangesAsync();
    }

    private async Task<string[]> ListAsync(string query)
    {
        var page = await (await engineer.GetAsync($"/api/v1/models?{query}&pageSize=200")).ReadJsonAsync();
        return page.GetProperty("items").EnumerateArray().Select(m => m.GetProperty("key").GetString()!)
            .Where(k => !k.StartsWith("matrix-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToArray();
    }
}

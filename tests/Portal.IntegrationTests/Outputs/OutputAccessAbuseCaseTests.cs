using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Outputs;
using static Portal.IntegrationTests.Outputs.OutputRequests;

namespace Portal.IntegrationTests.Outputs;

/// <summary>
/// Attacks on the reads and grants of outputs: reading without a grant, with an expired or revoked one, granting oneself,
/// an unscoped token, a service token granting, and trying to get past a row filter or the masking through query parameters.
/// Each refusal is a 403 naming what is missing, on record.
/// </summary>
public sealed class OutputAccessAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_reader_without_a_grant_is_refused_a_restricted_output_with_the_sentence_and_the_refusal_is_on_record()
    {
        var (_, id) = await portal.OutputAsync("Restricted");
        var engineer = portal.ClientAs(PortalRoles.Engineer);

        foreach (var path in new[] { $"/api/v1/outputs/{id}/data?format=csv", $"/api/v1/outputs/{id}/rows?page=1&pageSize=10" })
        {
            var response = await engineer.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Equal($"Restricted output: you need a grant (without one only Compliance reviewers read it); request access at /outputs/{id}.",
                (await response.ReadJsonAsync()).GetProperty("detail").GetString());
        }
        var refused = Assert.Single(await portal.AccessesAsync(id), a => a.Channel == OutputReadChannel.Download);
        Assert.False(refused.Allowed);
        Assert.Equal("service:test-engineer", refused.ActorId);
        Assert.Equal(2, await portal.CountAuditAsync("Access.Denied", id.ToString()));
    }

    [Fact]
    public async Task Expired_and_revoked_grants_are_refused_naming_what_became_of_them()
    {
        var (key, id) = await portal.OutputAsync("Restricted");
        await using (var db = await portal.DbAsync())
        {
            db.OutputGrants.Add(OutputGrant.Give(id, key, new GrantTerms(GranteeKind.ServiceToken, UnscopedToken, "unscoped", GrantAccess.Read, [], null, null,
                DateTime.UtcNow.AddMinutes(-5)), Reviewer.Id, Reviewer.Name, DateTime.UtcNow.AddDays(-1)));
            db.Actor = Reviewer;
            await db.SaveChangesAsync();
        }
        var token = portal.ClientWithToken(PortalFactory.UnscopedEngineerToken);

        var expired = await token.GetAsync($"/api/v1/outputs/{id}/data");
        Assert.Equal(HttpStatusCode.Forbidden, expired.StatusCode);
        Assert.Matches(@"^Restricted output: your grant \d+ expired on .+ UTC; you need a grant", (await expired.ReadJsonAsync()).GetProperty("detail").GetString());

        var grant = await portal.Outputs().GrantAsync(Reviewer, id, new GrantRequest(GranteeKind.ServiceToken, UnscopedToken, GrantAccess.Read, null, null, "batch", null),
            CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await token.GetAsync($"/api/v1/outputs/{id}/data")).StatusCode);
        await portal.Outputs().RevokeAsync(Reviewer, id, grant.Id, "no longer needed", CancellationToken.None);

        var revoked = await token.GetAsync($"/api/v1/outputs/{id}/data");
        Assert.Equal(HttpStatusCode.Forbidden, revoked.StatusCode);
        Assert.StartsWith($"Restricted output: your grant {grant.Id} was revoked on ", (await revoked.ReadJsonAsync()).GetProperty("detail").GetString());
        await using var audit = await portal.DbAsync();
        var grantEvents = await audit.AuditEvents.Where(e => e.EntityType == "OutputGrant" && e.EntityId.StartsWith($"output-{id}:ServiceToken:"))
            .Select(e => e.EntityId).ToListAsync();
        // The expired grant's creation, and the new grant's creation and revocation under one id.
        Assert.Equal([1, 2], grantEvents.GroupBy(e => e).Select(g => g.Count()).Order());
    }

    [Fact]
    public async Task Nobody_grants_themselves_and_service_tokens_never_grant()
    {
        var (_, id) = await portal.OutputAsync("Restricted");
        var self = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Outputs().GrantAsync(AdminPerson, id,
            new GrantRequest(GranteeKind.Person, AdminPerson.Id, GrantAccess.ReadUnmasked, ["pii"], null, null, null), CancellationToken.None));
        Assert.StartsWith("Nobody grants access to themselves", self.Message);

        var byToken = await portal.ClientAs(PortalRoles.Admin).PostJsonAsync($"/api/v1/outputs/{id}/grants",
            new { granteeKind = "ServiceToken", grantee = "service:test-admin", access = "ReadUnmasked", unmaskedTags = new[] { "pii" } });
        Assert.Equal(HttpStatusCode.Forbidden, byToken.StatusCode);
        Assert.Contains("service tokens neither give nor revoke grants", (await byToken.ReadJsonAsync()).GetProperty("detail").GetString());

        var engineer = new Actor("eng-not-owner", "Eve Engineer", new HashSet<string> { PortalRoles.Engineer });
        var notOwner = await Assert.ThrowsAsync<AccessDeniedException>(() => portal.Outputs().GrantAsync(engineer, id,
            new GrantRequest(GranteeKind.ServiceToken, UnscopedToken, GrantAccess.Read, null, null, null, null), CancellationToken.None));
        Assert.Contains("needs the primary owner of", notOwner.Message);
        Assert.Empty(await portal.Outputs().GrantsAsync(Reviewer, id, CancellationToken.None));
    }

    [Fact]
    public async Task A_team_grant_lets_in_the_teams_members_only_and_a_lapsed_team_grant_is_named_in_the_refusal()
    {
        var (key, id) = await portal.OutputAsync("Restricted");
        await using (var db = await portal.DbAsync())
        {
            var fraud = Portal.Domain.Teams.Team.Create("Fraud Analytics Outputs", null);
            fraud.SetMember("ann-fraud", "Ann Fraud", isManager: false);
            var marketing = Portal.Domain.Teams.Team.Create("Marketing Outputs", null);
            marketing.SetMember("bob-marketing", "Bob Marketing", isManager: false);
            db.Teams.AddRange(fraud, marketing);
            db.OutputGrants.Add(OutputGrant.Give(id, key, new GrantTerms(GranteeKind.Team, fraud.NameNormalized, fraud.Name, GrantAccess.Read, [], null,
                "Fraud review", DateTime.UtcNow.AddDays(7)), Reviewer.Id, Reviewer.Name, DateTime.UtcNow));
            db.OutputGrants.Add(OutputGrant.Give(id, key, new GrantTerms(GranteeKind.Team, marketing.NameNormalized, marketing.Name, GrantAccess.Read, [], null,
                "Campaign", DateTime.UtcNow.AddMinutes(-5)), Reviewer.Id, Reviewer.Name, DateTime.UtcNow.AddDays(-1)));
            db.Actor = Reviewer;
            await db.SaveChangesAsync();
        }
        var authorization = portal.Services.GetRequiredService<OutputAuthorizationService>();
        var engineer = new HashSet<string> { PortalRoles.Engineer };

        var (_, _, ann) = await authorization.DecideAsync(new Actor("ann-fraud", "Ann Fraud", engineer), id, CancellationToken.None);
        var (_, _, bob) = await authorization.DecideAsync(new Actor("bob-marketing", "Bob Marketing", engineer), id, CancellationToken.None);
        var (_, _, carl) = await authorization.DecideAsync(new Actor("carl-nobody", "Carl Nobody", engineer), id, CancellationToken.None);

        Assert.True(ann.Allowed);
        Assert.Equal("Fraud review", ann.Grant?.Purpose);
        Assert.False(bob.Allowed);
        Assert.Contains("expired", bob.Refusal, StringComparison.Ordinal);
        Assert.False(carl.Allowed);
        Assert.DoesNotContain("expired", carl.Refusal, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unscoped_token_reads_no_internal_output_while_a_token_scoped_to_the_team_does()
    {
        var (_, id) = await portal.OutputAsync("Internal");

        var unscoped = await portal.ClientWithToken(PortalFactory.UnscopedEngineerToken).GetAsync($"/api/v1/outputs/{id}/data");
        var scoped = await portal.ClientAs(PortalRoles.Engineer).GetAsync($"/api/v1/outputs/{id}/data");

        Assert.Equal(HttpStatusCode.Forbidden, unscoped.StatusCode);
        Assert.Contains("members of team Credit Risk", (await unscoped.ReadJsonAsync()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, scoped.StatusCode);
    }

    [Theory]
    [InlineData("format=csv&region=US")]
    [InlineData("format=csv&rowFilter=&unmasked=true&mask=none")]
    [InlineData("format=jsonl&filter=region%20in%20(US)")]
    public async Task Query_parameters_neither_widen_a_row_filter_nor_unmask(string query)
    {
        var (_, id) = await portal.OutputAsync("Restricted");
        await portal.Outputs().GrantAsync(Reviewer, id, new GrantRequest(GranteeKind.ServiceToken, UnscopedToken, GrantAccess.Read, null,
            new RowFilter("region", ["EU"]), "EU validation", null), CancellationToken.None);
        var token = portal.ClientWithToken(PortalFactory.UnscopedEngineerToken);

        var body = await (await token.GetAsync($"/api/v1/outputs/{id}/data?{query}")).Content.ReadAsStringAsync();
        var rows = await (await token.GetAsync($"/api/v1/outputs/{id}/rows?page=1&pageSize=50&{query}")).ReadJsonAsync();

        Assert.DoesNotContain("US", body.Replace("\"region\"", "", StringComparison.Ordinal));
        Assert.DoesNotContain("@example.com", body);
        Assert.Contains("EU", body);
        Assert.Equal(2, rows.GetProperty("totalCount").GetInt64());
        Assert.All(rows.GetProperty("items").EnumerateArray(), r => Assert.Equal("EU", r.GetProperty("region").GetString()));
        Assert.Equal("region in (EU)", rows.GetProperty("rowFilter").GetString());
    }

    [Fact]
    public async Task An_allowed_read_is_on_record_with_masked_columns_rows_and_the_grants_purpose()
    {
        var (_, id) = await portal.OutputAsync("Confidential");
        var grant = await portal.Outputs().GrantAsync(Reviewer, id, new GrantRequest(GranteeKind.ServiceToken, UnscopedToken, GrantAccess.Read, null,
            null, "Quarterly validation", DateTime.UtcNow.AddDays(30)), CancellationToken.None);

        var csv = await portal.ClientWithToken(PortalFactory.UnscopedEngineerToken).GetStringAsync($"/api/v1/outputs/{id}/data?format=csv");

        Assert.Equal(4, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        var read = (await portal.AccessesAsync(id)).Last();
        Assert.True(read.Allowed);
        Assert.True(read.Masked);
        Assert.True(read.Completed);
        Assert.Equal("email:Hash", read.MaskedColumns);
        Assert.Equal(3, read.RowsReturned);
        Assert.Equal(grant.Id, read.GrantId);
        Assert.Equal("Quarterly validation", read.Purpose);
        Assert.Equal(1, await portal.CountAuditAsync(OutputAuthorizationService.ReadAction, id.ToString()));
    }

    [Fact]
    public async Task Unmasking_needs_a_grant_that_names_the_tag()
    {
        var (_, id) = await portal.OutputAsync("Public");
        var token = portal.ClientWithToken(PortalFactory.UnscopedEngineerToken);
        Assert.DoesNotContain("ann@example.com", await token.GetStringAsync($"/api/v1/outputs/{id}/data"));

        await portal.Outputs().GrantAsync(Reviewer, id, new GrantRequest(GranteeKind.ServiceToken, UnscopedToken, GrantAccess.ReadUnmasked, ["pii"], null,
            "Join with CRM", null), CancellationToken.None);

        Assert.Contains("ann@example.com", await token.GetStringAsync($"/api/v1/outputs/{id}/data"));
    }

    [Fact]
    public async Task Data_whose_header_differs_from_the_declared_schema_is_refused_and_nothing_is_stored()
    {
        var key = await portal.ModelAsync();
        await portal.CopiesIdleAsync();
        var before = StoredFiles();

        var response = await portal.ClientAs(PortalRoles.Engineer).UploadAsync(key, Metadata("Internal"),
            new StringContent("id,email,region,score,ssn\n1,a,EU,0.1,123\n", Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("undeclared column(s) ssn", await response.Content.ReadAsStringAsync());
        Assert.Equal(before, StoredFiles());
        Assert.Empty(await portal.Outputs().ListAsync(AdminPerson, key, CancellationToken.None));
    }

    [Fact]
    public async Task An_engineer_outside_the_models_team_cannot_register_an_output()
    {
        var key = await portal.ModelAsync(PortalFactory.OutsideTeam);

        var response = await portal.ClientAs(PortalRoles.Engineer).UploadAsync(key, Metadata("Public"), new StringContent(Csv, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("not to team Outside Team", (await response.ReadJsonAsync()).GetProperty("detail").GetString());
    }

    private int StoredFiles()
    {
        var folder = Path.Combine(portal.StorageRoot, "outputs");
        return Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Count() : 0;
    }
}

using System.Net;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;

namespace Portal.IntegrationTests.Ownership;

public sealed class OwnershipApiTests : IClassFixture<PortalFactory>
{
    private readonly OwnershipArrange arrange;
    private readonly HttpClient manager;
    private readonly HttpClient engineer;

    public OwnershipApiTests(PortalFactory portal)
    {
        arrange = new OwnershipArrange(portal);
        manager = portal.ClientAs(PortalRoles.Manager);
        engineer = portal.ClientAs(PortalRoles.Engineer);
    }

    [Fact]
    public async Task An_engineer_cannot_assign_owners_and_the_denial_is_audited()
    {
        await arrange.ModelAsync("own-eng-1", "Eng Team");
        var ana = await arrange.PersonAsync("ana-1");
        var before = await arrange.CountDenialsAsync("service:test-engineer");

        var response = await engineer.PostJsonAsync("/api/v1/models/own-eng-1/owners", new { ownerSubject = ana, role = "Primary", reason = "Builds it" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("needs the Admin or Manager role", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await arrange.CountDenialsAsync("service:test-engineer"));
        Assert.Empty(OwnershipArrange.Subjects(await arrange.OwnersAsync("own-eng-1"), "history"));
    }

    [Fact]
    public async Task A_manager_cannot_assign_owners_of_another_teams_model_and_the_denial_names_the_team()
    {
        await arrange.TeamManagedByTestManagerAsync("Mgr Team A");
        await arrange.ModelAsync("own-other-1", "Someone Else's Team");
        var ana = await arrange.PersonAsync("ana-2");
        var before = await arrange.CountDenialsAsync(OwnershipArrange.ManagerSubject);

        var response = await manager.PostJsonAsync("/api/v1/models/own-other-1/owners", new { ownerSubject = ana, role = "Primary", reason = "Mine now" });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Someone Else's Team", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before + 1, await arrange.CountDenialsAsync(OwnershipArrange.ManagerSubject));
        Assert.Contains("Someone Else", await arrange.LastDenialAsync(OwnershipArrange.ManagerSubject), StringComparison.Ordinal);
        Assert.Empty(OwnershipArrange.Subjects(await arrange.OwnersAsync("own-other-1"), "history"));
    }

    [Fact]
    public async Task A_manager_assigns_owners_of_their_teams_models_and_the_history_is_kept()
    {
        await arrange.TeamManagedByTestManagerAsync("Mgr Team B");
        await arrange.ModelAsync("own-mine-1", "mgr team b");
        var ana = await arrange.PersonAsync("ana-3", "Ana");
        var ben = await arrange.PersonAsync("ben-3", "Ben");

        (await manager.PostJsonAsync("/api/v1/models/own-mine-1/owners", new { ownerSubject = ana, role = "Primary", reason = "Built it" })).EnsureSuccessStatusCode();
        (await manager.PostJsonAsync("/api/v1/models/own-mine-1/owners", new { ownerSubject = ben, role = "Backup", reason = "On call" })).EnsureSuccessStatusCode();
        var response = await manager.PostJsonAsync("/api/v1/models/own-mine-1/owners", new { ownerSubject = ben, role = "primary", reason = "Ana moves on" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var owners = await response.ReadJsonAsync();
        Assert.Equal(["ben-3:Primary"], OwnershipArrange.Subjects(owners, "active"));
        Assert.Equal(3, owners.GetProperty("history").GetArrayLength());
        var anaPrimary = owners.GetProperty("history").EnumerateArray().Single(o => o.GetProperty("ownerSubject").GetString() == ana);
        Assert.Equal("Ana moves on", anaPrimary.GetProperty("endReason").GetString());
        Assert.Equal("test-manager", anaPrimary.GetProperty("endedBy").GetString());
        Assert.Equal("Built it", anaPrimary.GetProperty("reason").GetString());
        Assert.Equal("test-manager", anaPrimary.GetProperty("assignedBy").GetString());
    }

    [Fact]
    public async Task The_owners_of_a_retired_model_are_frozen_and_a_change_is_refused()
    {
        await arrange.ModelAsync("own-retired-1", "Retired Team");
        var ana = await arrange.PersonAsync("ana-retired", "Ana");
        var ben = await arrange.PersonAsync("ben-retired", "Ben");
        await arrange.AssignAsync("own-retired-1", ana, "Primary");
        (await arrange.AdminClient.PostJsonAsync("/api/v1/models/own-retired-1/retire", new { reason = "Replaced", revision = 1 })).EnsureSuccessStatusCode();

        var response = await arrange.AdminClient.PostJsonAsync("/api/v1/models/own-retired-1/owners", new { ownerSubject = ben, role = "Primary", reason = "Ana left" });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("retired", (await response.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(["ana-retired:Primary"], OwnershipArrange.Subjects(await arrange.OwnersAsync("own-retired-1"), "active"));
    }

    [Fact]
    public async Task An_unknown_or_deactivated_person_is_refused_as_owner_with_a_field_message()
    {
        await arrange.ModelAsync("own-inactive-1", "Inactive Team");
        var gone = await arrange.PersonAsync("gone-4", "Gone Person");
        await arrange.DeactivateAsync(gone);

        var inactive = await arrange.AdminClient.PostJsonAsync("/api/v1/models/own-inactive-1/owners", new { ownerSubject = gone, role = "Primary", reason = "x" });
        var unknown = await arrange.AdminClient.PostJsonAsync("/api/v1/models/own-inactive-1/owners", new { ownerSubject = "nobody-here", role = "Backup", reason = "x" });
        var badRole = await arrange.AdminClient.PostJsonAsync("/api/v1/models/own-inactive-1/owners", new { ownerSubject = gone, role = "Owner", reason = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, inactive.StatusCode);
        Assert.Contains("Gone Person is deactivated", (await inactive.ReadJsonAsync()).GetProperty("errors").GetProperty("ownerSubject")[0].GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("No one with the subject 'nobody-here'", (await unknown.ReadJsonAsync()).GetProperty("errors").GetProperty("ownerSubject")[0].GetString(), StringComparison.Ordinal);
        Assert.True((await badRole.ReadJsonAsync()).GetProperty("errors").TryGetProperty("role", out _));
        Assert.Empty(OwnershipArrange.Subjects(await arrange.OwnersAsync("own-inactive-1"), "history"));
    }

    [Fact]
    public async Task A_backup_is_ended_with_a_reason_but_the_primary_only_replaced()
    {
        await arrange.ModelAsync("own-end-1", "End Team");
        var ana = await arrange.PersonAsync("ana-5");
        var ben = await arrange.PersonAsync("ben-5");
        await arrange.AssignAsync("own-end-1", ana, "Primary");
        await arrange.AssignAsync("own-end-1", ben, "Backup");

        var twice = await arrange.AdminClient.PostJsonAsync("/api/v1/models/own-end-1/owners", new { ownerSubject = ben, role = "Backup", reason = "again" });
        var primary = await arrange.AdminClient.PostJsonAsync($"/api/v1/models/own-end-1/owners/{ana}/end", new { reason = "leaving" });
        var noReason = await arrange.AdminClient.PostJsonAsync($"/api/v1/models/own-end-1/owners/{ben}/end", new { reason = " " });
        var ended = await arrange.AdminClient.PostJsonAsync($"/api/v1/models/own-end-1/owners/{ben}/end", new { reason = "Moved team" });

        Assert.Equal(HttpStatusCode.Conflict, twice.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, primary.StatusCode);
        Assert.Contains("assign a new primary owner instead", (await primary.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ended.StatusCode);
        var owners = await ended.ReadJsonAsync();
        Assert.Equal(["ana-5:Primary"], OwnershipArrange.Subjects(owners, "active"));
        Assert.Equal("Moved team", owners.GetProperty("history")[0].GetProperty("endReason").GetString());
    }

    [Fact]
    public async Task An_owner_acknowledges_their_own_role_once()
    {
        await arrange.ModelAsync("own-ack-1", "Ack Team");
        var engineerSubject = await arrange.PersonAsync("service:test-engineer", "test-engineer");
        await arrange.AssignAsync("own-ack-1", engineerSubject, "Primary");

        var notOwner = await manager.PostAsync("/api/v1/models/own-ack-1/owners/acknowledge", null);
        var mineBefore = await (await engineer.GetAsync("/api/v1/ownership/mine")).ReadJsonAsync();
        var first = await engineer.PostAsync("/api/v1/models/own-ack-1/owners/acknowledge", null);
        var second = await engineer.PostAsync("/api/v1/models/own-ack-1/owners/acknowledge", null);

        Assert.Equal(HttpStatusCode.Conflict, notOwner.StatusCode);
        var row = mineBefore.EnumerateArray().Single(m => m.GetProperty("modelKey").GetString() == "own-ack-1");
        Assert.Equal(System.Text.Json.JsonValueKind.Null, row.GetProperty("acknowledgedAt").ValueKind);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, (await first.ReadJsonAsync()).GetProperty("active")[0].GetProperty("acknowledgedAt").ValueKind);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Contains("already acknowledged", (await second.ReadJsonAsync()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_manager_sees_the_unacknowledged_roles_of_their_teams_only()
    {
        await arrange.TeamManagedByTestManagerAsync("Mgr Team C");
        await arrange.ModelAsync("own-unack-mine", "Mgr Team C");
        await arrange.ModelAsync("own-unack-other", "Not Mgr Team C");
        var ana = await arrange.PersonAsync("ana-7");
        await arrange.AssignAsync("own-unack-mine", ana, "Primary");
        await arrange.AssignAsync("own-unack-other", ana, "Primary");

        var open = await (await manager.GetAsync("/api/v1/ownership/unacknowledged")).ReadJsonAsync();

        var keys = open.EnumerateArray().Select(o => o.GetProperty("modelKey").GetString()).ToList();
        Assert.Contains("own-unack-mine", keys);
        Assert.DoesNotContain("own-unack-other", keys);
    }

    [Fact]
    public async Task Two_concurrent_primary_assignments_cannot_both_succeed()
    {
        await arrange.ModelAsync("own-race-1", "Race Team");
        var ana = await arrange.PersonAsync("ana-8");
        var ben = await arrange.PersonAsync("ben-8");

        // Both managers saw no primary owner; each names the one they saw, so the second is refused instead of replacing the first.
        var responses = await Task.WhenAll(
            arrange.AdminClient.PostJsonAsync("/api/v1/models/own-race-1/owners", new { ownerSubject = ana, role = "Primary", reason = "a", expectedPrimarySubject = "" }),
            manager.PostJsonAsync("/api/v1/models/own-race-1/owners", new { ownerSubject = ben, role = "Primary", reason = "b", expectedPrimarySubject = "" }),
            arrange.AdminClient.PostJsonAsync("/api/v1/models/own-race-1/owners", new { ownerSubject = ben, role = "Primary", reason = "c", expectedPrimarySubject = "" }));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.OK);
        var owners = await arrange.OwnersAsync("own-race-1");
        Assert.Single(OwnershipArrange.Subjects(owners, "active"));
        Assert.Single(OwnershipArrange.Subjects(owners, "history"));
    }

    [Fact]
    public async Task Many_concurrent_primary_assignments_leave_exactly_one_active_primary()
    {
        await arrange.ModelAsync("own-race-2", "Race Team");
        var people = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => arrange.PersonAsync($"racer-{i}")));

        var responses = await Task.WhenAll(people.Select(p =>
            arrange.AdminClient.PostJsonAsync("/api/v1/models/own-race-2/owners", new { ownerSubject = p, role = "Primary", reason = "race" })));

        Assert.All(responses, r => Assert.True(r.StatusCode is HttpStatusCode.OK or HttpStatusCode.Conflict, r.StatusCode.ToString()));
        var owners = await arrange.OwnersAsync("own-race-2");
        Assert.Single(OwnershipArrange.Subjects(owners, "active"));
    }
}

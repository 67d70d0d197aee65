using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Ownership;

namespace Portal.IntegrationTests.Ownership;

[Trait("Category", TestEngine.SqliteOnly)]
public sealed class BulkReassignmentTests : IClassFixture<PortalFactory>
{
    private readonly PortalFactory portal;
    private readonly OwnershipArrange arrange;
    private readonly HttpClient manager;

    public BulkReassignmentTests(PortalFactory portal)
    {
        this.portal = portal;
        arrange = new OwnershipArrange(portal);
        manager = portal.ClientAs(PortalRoles.Manager);
    }

    /// <summary>Leaver owns two models of the manager's team (primary of one, backup of the other) and one of another team.</summary>
    private async Task<(string Leaver, string Heir)> LeaverWithModelsAsync(string prefix)
    {
        await arrange.TeamManagedByTestManagerAsync($"{prefix} Team");
        await arrange.ModelAsync($"{prefix}-a", $"{prefix} Team");
        await arrange.ModelAsync($"{prefix}-b", $"{prefix} Team");
        await arrange.ModelAsync($"{prefix}-c", $"{prefix} Elsewhere");
        var leaver = await arrange.PersonAsync($"{prefix}-leaver", "Leaver");
        var heir = await arrange.PersonAsync($"{prefix}-heir", "Heir");
        var other = await arrange.PersonAsync($"{prefix}-other", "Other");
        await arrange.AssignAsync($"{prefix}-a", leaver, "Primary");
        await arrange.AssignAsync($"{prefix}-a", heir, "Backup");
        await arrange.AssignAsync($"{prefix}-b", other, "Primary");
        await arrange.AssignAsync($"{prefix}-b", leaver, "Backup");
        await arrange.AssignAsync($"{prefix}-c", leaver, "Primary");
        return (leaver, heir);
    }

    [Fact]
    public async Task A_preview_lists_the_changes_and_changes_nothing_then_apply_changes_them_all()
    {
        var (leaver, heir) = await LeaverWithModelsAsync("bulk1");

        var preview = await manager.PostJsonAsync("/api/v1/ownership/reassign", new { fromSubject = leaver, toSubject = heir, reason = "Leaver left", preview = true });

        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        var planned = await preview.ReadJsonAsync();
        Assert.False(planned.GetProperty("applied").GetBoolean());
        Assert.Equal(["bulk1-a:Primary", "bulk1-b:Backup"], planned.GetProperty("changes").EnumerateArray()
            .Select(c => $"{c.GetProperty("modelKey").GetString()}:{c.GetProperty("role").GetString()}"));
        Assert.Equal(["bulk1-c"], planned.GetProperty("notManaged").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal(["bulk1-leaver:Primary", "bulk1-heir:Backup"], OwnershipArrange.Subjects(await arrange.OwnersAsync("bulk1-a"), "active"));

        var apply = await manager.PostJsonAsync("/api/v1/ownership/reassign", new { fromSubject = leaver, toSubject = heir, reason = "Leaver left", preview = false });

        Assert.Equal(HttpStatusCode.OK, apply.StatusCode);
        Assert.True((await apply.ReadJsonAsync()).GetProperty("applied").GetBoolean());
        Assert.Equal(["bulk1-heir:Primary"], OwnershipArrange.Subjects(await arrange.OwnersAsync("bulk1-a"), "active"));
        Assert.Equal(["bulk1-other:Primary", "bulk1-heir:Backup"], OwnershipArrange.Subjects(await arrange.OwnersAsync("bulk1-b"), "active"));
        // Another team's model is left to its own managers.
        Assert.Equal(["bulk1-leaver:Primary"], OwnershipArrange.Subjects(await arrange.OwnersAsync("bulk1-c"), "active"));
    }

    [Fact]
    public async Task An_inactive_target_is_refused()
    {
        var (leaver, heir) = await LeaverWithModelsAsync("bulk2");
        await arrange.DeactivateAsync(heir);

        var response = await manager.PostJsonAsync("/api/v1/ownership/reassign", new { fromSubject = leaver, toSubject = heir, reason = "x", preview = false });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.ReadJsonAsync()).GetProperty("errors").TryGetProperty("toSubject", out _));
        Assert.Equal(["bulk2-leaver:Primary", "bulk2-heir:Backup"], OwnershipArrange.Subjects(await arrange.OwnersAsync("bulk2-a"), "active"));
    }

    [Fact]
    public async Task An_engineer_cannot_reassign()
    {
        var response = await portal.ClientAs(PortalRoles.Engineer).PostJsonAsync("/api/v1/ownership/reassign",
            new { fromSubject = "a", toSubject = "b", reason = "x", preview = true });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task When_one_change_fails_nothing_is_applied()
    {
        var (leaver, heir) = await LeaverWithModelsAsync("bulk3");
        // The database refuses the new assignment on one model only, after the others' endings were already written.
        await ExecuteAsync("CREATE TRIGGER fail_bulk3 BEFORE INSERT ON OwnershipAssignments WHEN NEW.ModelKey = 'bulk3-b' " +
            "BEGIN SELECT RAISE(ABORT, 'refused for the test'); END;");
        try
        {
            var service = portal.Services.GetRequiredService<OwnershipService>();
            await Assert.ThrowsAnyAsync<DbUpdateException>(() => service.ReassignAsync(OwnershipArrange.Admin, leaver, heir, "Leaver left", preview: false));
        }
        finally
        {
            await ExecuteAsync("DROP TRIGGER fail_bulk3;");
        }

        Assert.Equal(["bulk3-leaver:Primary", "bulk3-heir:Backup"], OwnershipArrange.Subjects(await arrange.OwnersAsync("bulk3-a"), "active"));
        Assert.Equal(["bulk3-other:Primary", "bulk3-leaver:Backup"], OwnershipArrange.Subjects(await arrange.OwnersAsync("bulk3-b"), "active"));
        Assert.Equal(["bulk3-leaver:Primary"], OwnershipArrange.Subjects(await arrange.OwnersAsync("bulk3-c"), "active"));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
        SqliteConnection.ClearPool(connection);
    }
}

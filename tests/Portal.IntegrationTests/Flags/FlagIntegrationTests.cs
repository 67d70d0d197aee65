using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Data;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Ownership;
using Portal.IntegrationTests.Scim;

namespace Portal.IntegrationTests.Flags;

/// <summary>Flags fed by the other features: SCIM deprovisioning, release approvals, fairness evaluations, notifications.</summary>
[Trait("Category", TestEngine.SqliteOnly)]
public sealed class FlagIntegrationTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private readonly FlagArrange flags = new(portal);
    private readonly OwnershipArrange owners = new(portal);

    [Fact]
    public async Task A_user_deprovisioned_over_scim_makes_their_models_orphaned_at_the_next_scan_and_the_managers_are_notified()
    {
        var scim = new ScimClient(portal);
        var created = await scim.CreateAsync("lea.leaver@example.test", externalId: "idp-lea-leaver");
        await owners.TeamManagedByTestManagerAsync("Scim Flag Team");
        await owners.ModelAsync("flag-scim-1", "Scim Flag Team");
        await owners.AssignAsync("flag-scim-1", "idp-lea-leaver", "Primary");
        await flags.ScanAsync();
        Assert.Empty(await flags.FlagsAsync("flag-scim-1"));

        var patch = await scim.SendAsync(HttpMethod.Patch, $"{ScimClient.Users}/{created.GetProperty("id").GetString()}", new
        {
            schemas = new[] { "urn:ietf:params:scim:api:messages:2.0:PatchOp" },
            Operations = new[] { new { op = "replace", value = new { active = false } } },
        });
        Assert.True(patch.IsSuccessStatusCode, await patch.Content.ReadAsStringAsync());
        await flags.ScanAsync();

        Assert.Equal(["orphaned", "owner-departed"], FlagArrange.Rules(await flags.FlagsAsync("flag-scim-1")));
        var notified = await NotificationsOfAsync(OwnershipArrange.ManagerSubject);
        Assert.Contains(notified, n => n.Link == "/attention" && n.Body.Contains("flag-scim-1: orphaned", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_production_approval_written_into_the_database_without_signatures_is_due_for_revalidation_at_once()
    {
        await owners.ModelAsync("flag-reval-1", "Flag Team");
        var modelId = await ModelIdAsync("flag-reval-1");
        flags.Put("flag-reval-1", "Status", "Production");
        // An approval is recomputed from its signatures; a row that says "approved" with none to bear it out is not trusted,
        // however far away its stored revalidation date (a genuine approval's dates: ReleaseApprovalApiTests).
        Execute($"""
            INSERT INTO ModelVersions (ModelId, ModelKey, Label, RegisteredAt, RegisteredBy, Stage, Revision)
                VALUES ({modelId}, 'flag-reval-1', '1.0.0', '2025-01-01 00:00:00', 'test', 'Production', 1);
            INSERT INTO ReleaseRequests (ModelId, ModelKey, VersionId, VersionLabel, TargetStage, Summary, RolloutPlan, RequestedBy, RequestedByName,
                RequestedAt, Status, ApprovedAt, RevalidationDueAt, Revision, RiskTier, PolicyRevision, PolicyRequiredSignOffs, PolicyRequireAllGates,
                PolicyRequireReviewerOutsideTeam, PolicyRevalidationMonths, FairnessPolicyVersion)
                VALUES ({modelId}, 'flag-reval-1', last_insert_rowid(), '1.0.0', 'Production', 'First release', 'All at once', 'test', 'Test',
                    '2025-01-01 00:00:00', 'Approved', '2025-01-02 00:00:00', '{DateTime.UtcNow.AddYears(5):yyyy-MM-dd HH:mm:ss}', 1, 'Low', 1, 1, 0, 0, 36, 0);
            """);

        await flags.ScanAsync();

        Assert.Contains("revalidation-due", FlagArrange.Rules(await flags.FlagsAsync("flag-reval-1")));
    }

    private sealed record NotificationRow(string Body, string? Link);

    private async Task<List<NotificationRow>> NotificationsOfAsync(string subject)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Notifications.Where(n => n.RecipientSubject == subject).Select(n => new NotificationRow(n.Body, n.Link)).ToListAsync();
    }

    private async Task<int> ModelIdAsync(string key)
    {
        await using var db = await portal.Services.GetRequiredService<IDbContextFactory<PortalDbContext>>().CreateDbContextAsync();
        return await db.Models.Where(m => m.Key == key).Select(m => m.Id).SingleAsync();
    }

    private void Execute(string sql)
    {
        using SqliteConnection connection = portal.OpenDatabase();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Outputs;
using static Portal.IntegrationTests.Outputs.OutputRequests;

namespace Portal.IntegrationTests.Outputs;

/// <summary>
/// The read decision caches team memberships and the policy, but a change written straight to the database (as another
/// instance would) binds the very next decision: nothing waits for a cache to expire.
/// </summary>
public sealed class DecisionCacheAbuseCaseTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    [Fact]
    public async Task A_person_removed_from_a_granted_team_elsewhere_is_refused_at_the_next_decision()
    {
        var (key, id) = await portal.OutputAsync("Restricted");
        var team = Portal.Domain.Teams.Team.Create($"Cache Team {id}", null);
        team.SetMember("cache-manager", "Cache Manager", isManager: true);
        team.SetMember("cache-reader", "Cache Reader", isManager: false);
        await using (var db = await portal.DbAsync())
        {
            db.Teams.Add(team);
            db.OutputGrants.Add(OutputGrant.Give(id, key, new GrantTerms(GranteeKind.Team, team.NameNormalized, team.Name, GrantAccess.Read, [], null,
                "Cache", null), Reviewer.Id, Reviewer.Name, DateTime.UtcNow));
            db.Actor = Reviewer;
            await db.SaveChangesAsync();
        }
        var reader = new Actor("cache-reader", "Cache Reader", new HashSet<string> { PortalRoles.Engineer });
        var authorization = portal.Services.GetRequiredService<OutputAuthorizationService>();
        Assert.True((await authorization.DecideAsync(reader, id, CancellationToken.None)).Decision.Allowed);

        await using (var db = await portal.DbAsync())
        {
            var stored = await db.Teams.SingleAsync(t => t.NameNormalized == team.NameNormalized);
            stored.RemoveMember("cache-reader");
            db.Actor = AdminPerson;
            await db.SaveChangesAsync();
        }

        Assert.False((await authorization.DecideAsync(reader, id, CancellationToken.None)).Decision.Allowed);
    }

    [Fact]
    public async Task A_policy_version_saved_elsewhere_binds_the_next_decision()
    {
        var (_, id) = await portal.OutputAsync("Confidential");
        var authorization = portal.Services.GetRequiredService<OutputAuthorizationService>();
        var before = (await authorization.DecideAsync(Reviewer, id, CancellationToken.None)).Decision;
        Assert.True(before.Allowed);

        await using (var db = await portal.DbAsync())
        {
            var current = await db.OutputPolicies.OrderByDescending(p => p.Version).FirstOrDefaultAsync() ?? OutputPolicy.Default();
            db.OutputPolicies.Add(current.Next([new ClassificationRule(OutputClassification.Confidential, OutputAudience.Admin)], current.Masks,
                AdminPerson.Name, "Admins only", DateTime.UtcNow));
            db.Actor = AdminPerson;
            await db.SaveChangesAsync();
        }

        var after = (await authorization.DecideAsync(Reviewer, id, CancellationToken.None)).Decision;
        Assert.False(after.Allowed, $"Decided under policy version {after.PolicyVersion}.");
        Assert.Equal(before.PolicyVersion + 1, after.PolicyVersion);
    }
}

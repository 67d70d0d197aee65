using Portal.Domain.Access;
using Portal.Domain.Teams;

namespace Portal.Domain.Tests.Teams;

public sealed class TeamTests
{
    private static Actor As(string id, params string[] roles) => new(id, id, new HashSet<string>(roles));

    private static Team Payments()
    {
        var team = Team.Create("  Payments ", "Cards and transfers");
        team.SetMember("mona", "Mona", isManager: true);
        team.SetMember("eric", "Eric", isManager: false);
        return team;
    }

    [Fact]
    public void Names_are_trimmed_and_compared_regardless_of_case()
    {
        var team = Payments();
        Assert.Equal("Payments", team.Name);
        Assert.Equal(Team.Normalize("PAYMENTS"), team.NameNormalized);
    }

    [Theory]
    [InlineData("", "name")]
    [InlineData("   ", "name")]
    public void A_name_is_required(string name, string field) => Assert.True(TeamRules.Validate(name, null).ContainsKey(field));

    [Fact]
    public void Names_and_descriptions_have_limits()
    {
        Assert.True(TeamRules.Validate(new string('n', 101), null).ContainsKey("name"));
        Assert.True(TeamRules.Validate("Payments", new string('d', 1001)).ContainsKey("description"));
        Assert.Empty(TeamRules.Validate("Payments", "ok"));
    }

    [Fact]
    public void The_last_manager_can_be_neither_removed_nor_demoted()
    {
        var team = Payments();
        Assert.Throws<InvalidOperationException>(() => team.RemoveMember("mona"));
        Assert.Throws<InvalidOperationException>(() => team.SetMember("mona", "Mona", isManager: false));

        team.SetMember("eric", "Eric", isManager: true);
        team.RemoveMember("mona");
        Assert.True(team.IsManager("eric"));
        Assert.False(team.IsMember("mona"));
    }

    [Fact]
    public void Every_membership_change_moves_the_revision_on()
    {
        var team = Payments();
        var before = team.Revision;
        team.SetMember("rita", "Rita", isManager: false);
        Assert.Equal(before + 1, team.Revision);
    }

    [Fact]
    public void A_manager_manages_only_the_models_of_teams_they_manage()
    {
        Team[] teams = [Payments()];
        Assert.True(TeamScope.CanManageModelsOf(As("mona", PortalRoles.Manager), "payments", teams));
        Assert.False(TeamScope.CanManageModelsOf(As("mona", PortalRoles.Manager), "Credit Risk", teams));
        // A member who is not a manager of the team, and a manager holding no Manager role, manage nothing.
        Assert.False(TeamScope.CanManageModelsOf(As("eric", PortalRoles.Manager), "Payments", teams));
        Assert.False(TeamScope.CanManageModelsOf(As("mona", PortalRoles.Engineer), "Payments", teams));
    }

    [Fact]
    public void An_admin_manages_every_model()
    {
        Assert.True(TeamScope.CanManageModelsOf(As("alice", PortalRoles.Admin), "Anything", []));
    }
}

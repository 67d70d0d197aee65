using Portal.Domain.Access;

namespace Portal.Domain.Tests.Access;

public class RoleMapperTests
{
    private static readonly RoleMapper Mapper = new(new Dictionary<string, string>
    {
        ["portal-admins"] = PortalRoles.Admin,
        ["ml-engineers"] = PortalRoles.Engineer,
        ["data-scientists"] = PortalRoles.Engineer,
        ["internal-audit"] = PortalRoles.Auditor,
        ["model-risk"] = PortalRoles.ComplianceReviewer,
        ["superusers"] = "SuperUser",
        ["lower-case-admins"] = "admin",
    });

    [Fact]
    public void Configured_group_grants_its_portal_role()
    {
        Assert.Equal(new[] { PortalRoles.Admin }, Mapper.Map(["portal-admins"]));
    }

    [Theory]
    [InlineData("PORTAL-ADMINS")]
    [InlineData("Portal-Admins")]
    [InlineData("  portal-admins ")]
    public void Groups_are_matched_case_insensitively_and_trimmed(string group)
    {
        Assert.Equal(new[] { PortalRoles.Admin }, Mapper.Map([group]));
    }

    [Fact]
    public void Several_groups_grant_the_union_of_their_roles_once_each()
    {
        var roles = Mapper.Map(["ml-engineers", "data-scientists", "internal-audit"]);

        Assert.Equal(2, roles.Count);
        Assert.Contains(PortalRoles.Engineer, roles);
        Assert.Contains(PortalRoles.Auditor, roles);
    }

    [Fact]
    public void Unknown_groups_grant_nothing()
    {
        Assert.Empty(Mapper.Map(["marketing", "everyone", ""]));
    }

    [Fact]
    public void No_groups_grant_nothing()
    {
        Assert.Empty(Mapper.Map([]));
    }

    [Theory]
    [InlineData(PortalRoles.Admin)]
    [InlineData(PortalRoles.Manager)]
    [InlineData(PortalRoles.Engineer)]
    [InlineData(PortalRoles.Auditor)]
    [InlineData(PortalRoles.ComplianceReviewer)]
    public void Group_spelling_a_portal_role_that_is_not_in_the_map_grants_nothing(string role)
    {
        Assert.Empty(Mapper.Map([role]));
    }

    [Theory]
    [InlineData("superusers")]
    [InlineData("lower-case-admins")]
    public void Map_entries_pointing_at_roles_that_are_not_portal_roles_are_ignored(string group)
    {
        Assert.Empty(Mapper.Map([group]));
    }

    [Fact]
    public void Unknown_groups_do_not_hide_known_ones()
    {
        Assert.Equal(new[] { PortalRoles.ComplianceReviewer }, Mapper.Map(["marketing", "model-risk", "Admin"]));
    }

    [Fact]
    public void Empty_map_grants_nothing()
    {
        var mapper = new RoleMapper(new Dictionary<string, string>());

        Assert.Empty(mapper.Map(["portal-admins", PortalRoles.Admin]));
    }
}

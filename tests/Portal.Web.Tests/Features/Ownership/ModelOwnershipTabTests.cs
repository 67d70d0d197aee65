using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.Web.Features.Inventory;
using Portal.Web.Features.Ownership;

namespace Portal.Web.Tests.Features.Ownership;

public sealed class ModelOwnershipTabTests : OwnershipTestContext
{
    private IRenderedComponent<ModelOwnershipTab> RenderTab(ModelView model)
    {
        RenderProviders();
        return Render<ModelOwnershipTab>(p => p.Add(t => t.Model, model));
    }

    [Fact]
    public async Task Shows_active_owners_with_roles_and_acknowledgment_and_the_full_history()
    {
        var model = await RegisterModelAsync("tab-owners");
        await AssignAsync("tab-owners", await PersonAsync("ana", "Ana Analyst"), OwnerRole.Primary, "Built it");
        await AssignAsync("tab-owners", await PersonAsync("ben", "Ben Backup"), OwnerRole.Backup, "On call");
        await AssignAsync("tab-owners", await PersonAsync("cy", "Cy Successor"), OwnerRole.Primary, "Ana moved on");

        var tab = RenderTab(model);

        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("#active-owners tbody tr").Count));
        var active = tab.FindAll("#active-owners tbody tr");
        Assert.Contains("Cy Successor", active[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Primary", active[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Not acknowledged", active[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("Backup", active[1].TextContent, StringComparison.Ordinal);
        var history = tab.FindAll("#owner-history tbody tr");
        Assert.Equal(3, history.Count);
        Assert.Contains(history, row => row.TextContent.Contains("Ana Analyst", StringComparison.Ordinal) && row.TextContent.Contains("Ana moved on", StringComparison.Ordinal));
        Assert.Empty(tab.FindAll("#no-primary-owner"));
        // An Engineer reads the owners but cannot assign them.
        Assert.Empty(tab.FindAll("#assign-owner"));
    }

    [Fact]
    public async Task A_model_without_a_primary_owner_is_shown_as_orphaned()
    {
        var model = await RegisterModelAsync("tab-orphan");
        var tab = RenderTab(model);
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("#no-primary-owner")));
    }

    [Fact]
    public async Task An_owner_acknowledges_their_role_from_the_tab()
    {
        var model = await RegisterModelAsync("tab-ack");
        // The bUnit sign-in gives an Engineer the subject "sub-engineer".
        await AssignAsync("tab-ack", await PersonAsync("sub-engineer", "Test Engineer"), OwnerRole.Primary);
        var tab = RenderTab(model);

        tab.WaitForAssertion(() => tab.Find("#acknowledge-ownership").Click());

        tab.WaitForAssertion(() => Assert.Contains("Acknowledged", tab.Find("#active-owners tbody tr").TextContent, StringComparison.Ordinal));
        Assert.Empty(tab.FindAll("#acknowledge-ownership"));
        Assert.NotNull((await Ownership.OwnersAsync(Arranger, "tab-ack")).Active[0].AcknowledgedAt);
    }

    [Fact]
    public async Task An_admin_assigns_a_backup_owner_through_the_dialog()
    {
        SignInAs(PortalRoles.Admin);
        var model = await RegisterModelAsync("tab-assign");
        await AssignAsync("tab-assign", await PersonAsync("ana", "Ana Analyst"), OwnerRole.Primary);
        await PersonAsync("ben", "Ben Backup");
        var tab = RenderTab(model);

        tab.WaitForAssertion(() => tab.Find("#assign-owner").Click());
        var dialog = new AssignOwnerDriver(Host);
        Host.WaitForAssertion(() => Assert.True(dialog.IsOpen));
        dialog.PickOwner("Ben", "Ben Backup");
        dialog.ChooseRole(OwnerRole.Backup);
        dialog.Reason("Second pair of eyes");
        dialog.Save();

        tab.WaitForAssertion(() => Assert.Equal(2, tab.FindAll("#active-owners tbody tr").Count));
        Assert.Contains("Ben Backup", tab.FindAll("#active-owners tbody tr")[1].TextContent, StringComparison.Ordinal);
        Assert.Single(tab.FindAll("#end-owner-ben"));
        var owners = await Ownership.OwnersAsync(Arranger, "tab-assign");
        Assert.Equal(["ana:Primary", "ben:Backup"], owners.Active.Select(o => $"{o.OwnerSubject}:{o.Role}"));
        Assert.Equal("Second pair of eyes", owners.Active[1].Reason);
    }

    [Fact]
    public async Task A_manager_of_another_team_sees_no_assign_button()
    {
        SignInAs(PortalRoles.Manager);
        var model = await RegisterModelAsync("tab-other-team", team: "Not Theirs");
        var tab = RenderTab(model);
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("#owner-history")));
        Assert.Empty(tab.FindAll("#assign-owner"));
        Assert.Contains("assigned and reassigned by the managers of team Not Theirs or an Admin", tab.Find("#who-assigns-owners").TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.Engineer)]
    [InlineData(PortalRoles.Auditor)]
    public async Task Engineers_and_auditors_are_told_who_assigns_owners_instead_of_a_button(string role)
    {
        SignInAs(role);
        var model = await RegisterModelAsync($"tab-{role.ToLowerInvariant()}", team: "Payments");
        var tab = RenderTab(model);
        tab.WaitForAssertion(() => Assert.Single(tab.FindAll("#who-assigns-owners")));
        Assert.Empty(tab.FindAll("#assign-owner"));
    }
}

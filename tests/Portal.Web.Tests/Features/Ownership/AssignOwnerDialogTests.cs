using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Domain.Access;
using Portal.Domain.Ownership;
using Portal.Web.Features.Ownership;

namespace Portal.Web.Tests.Features.Ownership;

public sealed class AssignOwnerDialogTests : OwnershipTestContext
{
    private static readonly TimeSpan DialogTimeout = TimeSpan.FromSeconds(30);

    public AssignOwnerDialogTests() => SignInAs(PortalRoles.Admin);

    private async Task<(IDialogReference Reference, AssignOwnerDriver Dialog)> OpenAsync(string key, string expectedPrimary = "")
    {
        RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<AssignOwnerDialog> { { d => d.ModelKey, key }, { d => d.ExpectedPrimarySubject, expectedPrimary } };
        IDialogReference? reference = null;
        await Host.InvokeAsync(async () => reference = await dialogs.ShowAsync<AssignOwnerDialog>("Assign owner", parameters));
        var driver = new AssignOwnerDriver(Host);
        Host.WaitForAssertion(() => Assert.True(driver.IsOpen));
        return (reference!, driver);
    }

    [Fact]
    public async Task Assigning_a_primary_closes_with_the_new_owners()
    {
        await RegisterModelAsync("dlg-primary");
        await PersonAsync("ana", "Ana Analyst");
        var (reference, dialog) = await OpenAsync("dlg-primary");

        dialog.PickOwner("ana", "Ana Analyst");
        dialog.Reason("Built it");
        dialog.Save();

        var result = await reference.Result.WaitAsync(DialogTimeout);
        var owners = Assert.IsType<OwnersView>(result!.Data);
        Assert.Equal("ana", Assert.Single(owners.Active).OwnerSubject);
        Assert.Equal(OwnerRole.Primary, owners.Active[0].Role);
    }

    [Fact]
    public async Task Missing_person_and_reason_show_field_messages_and_write_nothing()
    {
        await RegisterModelAsync("dlg-empty");
        var (_, dialog) = await OpenAsync("dlg-empty");

        dialog.Save();

        Host.WaitForAssertion(() => Assert.Equal("Choose a person.", dialog.FieldError("owner-subject")));
        Assert.StartsWith("A reason (at most 1000 characters) is required", dialog.FieldError("owner-reason"), StringComparison.Ordinal);
        Assert.Empty((await Ownership.OwnersAsync(Arranger, "dlg-empty")).History);
    }

    [Fact]
    public async Task Deactivated_people_are_not_offered()
    {
        await RegisterModelAsync("dlg-inactive");
        await PersonAsync("gone", "Gina Gone");
        await PersonAsync("gil", "Gil Here");
        await DeactivateAsync("gone");
        var (_, dialog) = await OpenAsync("dlg-inactive");

        Host.Find("#owner-subject").Input("Gi");

        Host.WaitForAssertion(() => Assert.Contains(dialog.Options(), o => o.Contains("Gil Here", StringComparison.Ordinal)));
        Assert.DoesNotContain(dialog.Options(), o => o.Contains("Gina Gone", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_primary_changed_by_someone_else_meanwhile_is_shown_as_a_conflict()
    {
        await RegisterModelAsync("dlg-stale");
        await PersonAsync("ana", "Ana Analyst");
        await PersonAsync("ben", "Ben Other");
        var (_, dialog) = await OpenAsync("dlg-stale", expectedPrimary: "");
        await AssignAsync("dlg-stale", "ben", OwnerRole.Primary);

        dialog.PickOwner("ana", "Ana Analyst");
        dialog.Reason("Mine");
        dialog.Save();

        Host.WaitForAssertion(() => Assert.Contains("Ben Other", dialog.Problem(), StringComparison.Ordinal));
        Assert.Equal("ben", (await Ownership.OwnersAsync(Arranger, "dlg-stale")).Active.Single().OwnerSubject);
    }
}

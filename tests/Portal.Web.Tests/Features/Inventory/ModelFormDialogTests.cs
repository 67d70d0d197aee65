using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Inventory;
using Portal.Web.Features.Inventory;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Inventory;

public class ModelFormDialogTests : PortalTestContext
{
    private static readonly TimeSpan DialogTimeout = TimeSpan.FromSeconds(30);

    private async Task<IDialogReference> OpenAsync(ModelView? existing = null)
    {
        RenderProviders();
        var dialogs = Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<ModelFormDialog>();
        if (existing is not null)
        {
            parameters.Add(dialog => dialog.Existing, existing);
        }
        IDialogReference? reference = null;
        await Host.InvokeAsync(async () => reference = await dialogs.ShowAsync<ModelFormDialog>("Model", parameters));
        Host.WaitForAssertion(() => Assert.True(Form.IsOpen));
        return reference!;
    }

    private ModelFormDriver Form => new(Host);

    private async Task<int> CountAuditEventsAsync(string action)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await db.AuditEvents.CountAsync(a => a.Action == action);
    }

    [Fact]
    public async Task Registering_with_valid_fields_saves_the_model_and_closes_the_dialog()
    {
        var reference = await OpenAsync();

        Form.Fill(key: "fraud-score", name: "Card fraud score", team: "Payments", tags: "Credit, kyc, credit", description: "Scores card payments.",
            tier: RiskTier.Medium);
        Form.Save();

        var result = await reference.Result.WaitAsync(DialogTimeout);
        Assert.False(result!.Canceled);
        Assert.Equal("fraud-score", Assert.IsType<ModelView>(result.Data).Key);
        var saved = await Models.GetAsync(Arranger, "fraud-score");
        Assert.Equal("Card fraud score", saved.Name);
        Assert.Equal("Payments", saved.Team);
        Assert.Equal("Scores card payments.", saved.Description);
        Assert.Equal(new[] { "credit", "kyc" }, saved.Tags);
        Assert.Equal(RiskTier.Medium, saved.RiskTier);
        Assert.Equal(LifecycleStatus.Development, saved.Status);
        Assert.Equal("Test Engineer", saved.RegisteredBy);
        Assert.Equal(1, await CountAuditEventsAsync("Model.Registered"));
    }

    [Fact]
    public async Task Empty_name_and_malformed_key_show_field_errors_and_write_nothing()
    {
        await RegisterModelAsync("existing-model");
        var before = await CountModelsAsync();
        await OpenAsync();

        Form.Fill(key: "fraud score!", name: "   ", team: "Payments");
        Form.Save();

        Host.WaitForAssertion(() => Assert.Equal("Name is required.", Form.FieldError("model-name")));
        Assert.Equal("Key must start with a letter or digit and use only letters, digits, '.', '-' and '_'.", Form.FieldError("model-key"));
        Assert.Null(Form.FieldError("model-team"));
        Assert.Null(Form.FieldError("model-tags"));
        Assert.Null(Form.Problem());
        Assert.Equal(before, await CountModelsAsync());
    }

    [Fact]
    public async Task Empty_form_reports_every_required_field()
    {
        await OpenAsync();

        Form.Save();

        Host.WaitForAssertion(() => Assert.Equal("Key is required.", Form.FieldError("model-key")));
        Assert.Equal("Name is required.", Form.FieldError("model-name"));
        Assert.Equal("Team is required.", Form.FieldError("model-team"));
        Assert.StartsWith("Choose the risk tier", Form.FieldError("model-risk-tier"), StringComparison.Ordinal);
        Assert.Equal(0, await CountModelsAsync());
    }

    [Fact]
    public async Task Malformed_tag_is_reported_against_the_tags_field()
    {
        await OpenAsync();

        Form.Fill(key: "fraud-score", name: "Card fraud score", team: "Payments", tags: "credit, model ops");
        Form.Save();

        Host.WaitForAssertion(() => Assert.StartsWith("Tag 'model ops'", Form.FieldError("model-tags"), StringComparison.Ordinal));
        Assert.Null(Form.FieldError("model-key"));
        Assert.Equal(0, await CountModelsAsync());
    }

    [Fact]
    public async Task Correcting_the_fields_and_saving_again_registers_the_model()
    {
        var reference = await OpenAsync();
        Form.Fill(key: "-bad", name: "", team: "Payments", tier: RiskTier.Low);
        Form.Save();
        Host.WaitForAssertion(() => Assert.NotNull(Form.FieldError("model-key")));

        Form.Fill(key: "fraud-score", name: "Card fraud score");
        Form.Save();

        var result = await reference.Result.WaitAsync(DialogTimeout);
        Assert.False(result!.Canceled);
        Assert.Equal(1, await CountModelsAsync());
    }

    [Fact]
    public async Task Registering_a_key_that_differs_only_in_case_shows_the_key_error_and_writes_nothing()
    {
        await RegisterModelAsync("fraud-score");
        var reference = await OpenAsync();

        Form.Fill(key: "FRAUD-Score", name: "Another fraud score", team: "Payments", tier: RiskTier.Low);
        Form.Save();

        Host.WaitForAssertion(() => Assert.Equal(
            "A model with the key 'FRAUD-Score' already exists (keys are unique regardless of case).", Form.FieldError("model-key")));
        Assert.Null(Form.FieldError("model-name"));
        Assert.False(reference.Result.IsCompleted);
        Assert.Equal(1, await CountModelsAsync());
        Assert.Equal("Model fraud-score", (await Models.GetAsync(Arranger, "fraud-score")).Name);
    }

    [Fact]
    public async Task Edit_dialog_shows_the_current_values_and_does_not_let_the_key_change()
    {
        var existing = await RegisterModelAsync("fraud-score", "Card fraud score", "Payments", RiskTier.High, LifecycleStatus.Validation, "kyc", "credit");

        await OpenAsync(existing);

        Assert.Equal("fraud-score", Host.Find("#model-key").GetAttribute("value"));
        Assert.True(Host.Find("#model-key").HasAttribute("disabled"));
        Assert.Equal("Card fraud score", Host.Find("#model-name").GetAttribute("value"));
        Assert.Equal("Payments", Host.Find("#model-team").GetAttribute("value"));
        Assert.Equal("kyc, credit", Host.Find("#model-tags").GetAttribute("value"));
        Assert.Equal("High", Host.Find("#model-risk-tier").GetAttribute("value"));
        Assert.Equal("Validation", Host.Find("#model-status").GetAttribute("value"));
        Assert.Equal("Save", Host.Find("#save-model").TextContent.Trim());
    }

    [Fact]
    public async Task Saving_an_edit_at_the_current_revision_updates_the_model()
    {
        var existing = await RegisterModelAsync("fraud-score", "Card fraud score");
        var reference = await OpenAsync(existing);

        Form.Fill(name: "Card fraud score v2");
        Form.Save();

        var result = await reference.Result.WaitAsync(DialogTimeout);
        var saved = Assert.IsType<ModelView>(result!.Data);
        Assert.Equal("Card fraud score v2", saved.Name);
        Assert.Equal(2, saved.Revision);
        Assert.Equal("Card fraud score v2", (await Models.GetAsync(Arranger, "fraud-score")).Name);
    }

    [Fact]
    public async Task Edit_with_a_stale_revision_shows_the_conflict_and_keeps_the_other_change()
    {
        var opened = await RegisterModelAsync("fraud-score", "Card fraud score");
        await Models.UpdateAsync(Arranger, "fraud-score", opened.ToDetails() with { Name = "Renamed by Bob" }, opened.Revision);
        var reference = await OpenAsync(opened);

        Form.Fill(name: "Renamed by Alice");
        Form.Save();

        Host.WaitForAssertion(() => Assert.Contains("was changed by someone else", Form.Problem(), StringComparison.Ordinal));
        Assert.Contains("revision 2", Form.Problem(), StringComparison.Ordinal);
        Assert.False(reference.Result.IsCompleted);
        var current = await Models.GetAsync(Arranger, "fraud-score");
        Assert.Equal("Renamed by Bob", current.Name);
        Assert.Equal(2, current.Revision);
        Assert.Equal(1, await CountAuditEventsAsync("Model.Updated"));
    }

    [Fact]
    public async Task Auditor_who_opens_the_dialog_is_refused_with_an_explanation_and_the_denial_is_audited()
    {
        SignInAs(PortalRoles.Auditor);
        await OpenAsync();

        Form.Fill(key: "fraud-score", name: "Card fraud score", team: "Payments", tier: RiskTier.Low);
        Form.Save();

        Host.WaitForAssertion(() => Assert.Equal(
            "Registering a model needs the Admin, Manager or Engineer role; you have the Auditor role.", Form.Problem()));
        Assert.Equal(0, await CountModelsAsync());
        Assert.Equal(1, await CountAuditEventsAsync(AuditActions.AccessDenied));
    }

    [Fact]
    public async Task Cancelling_writes_nothing()
    {
        var reference = await OpenAsync();
        Form.Fill(key: "fraud-score", name: "Card fraud score", team: "Payments");

        Form.Cancel();

        var result = await reference.Result.WaitAsync(DialogTimeout);
        Assert.True(result!.Canceled);
        Assert.Equal(0, await CountModelsAsync());
    }
}

using Portal.Domain.Inventory;

namespace Portal.Domain.Tests.Inventory;

public class ModelTests
{
    private static readonly DateTime RegisteredAt = new(2025, 1, 10, 8, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime Later = RegisteredAt.AddDays(3);

    private static readonly ModelDetails Details = new(
        "  fraud-Score  ", "  Fraud score ", "  Scores card transactions. ", " Payments ", RiskTier.High,
        LifecycleStatus.Validation, [" Credit", "retail", "CREDIT"]);

    private static Model Registered() => Model.Register(Details, "Alice Engineer", RegisteredAt);

    [Fact]
    public void Registering_trims_the_fields_and_normalizes_key_and_tags()
    {
        var model = Registered();

        Assert.Equal("fraud-Score", model.Key);
        Assert.Equal("FRAUD-SCORE", model.KeyNormalized);
        Assert.Equal("Fraud score", model.Name);
        Assert.Equal("Scores card transactions.", model.Description);
        Assert.Equal("Payments", model.Team);
        Assert.Equal(RiskTier.High, model.RiskTier);
        Assert.Equal(LifecycleStatus.Validation, model.Status);
        Assert.Equal(new[] { "credit", "retail" }, model.Tags);
    }

    [Fact]
    public void Registering_records_who_and_when_at_revision_one()
    {
        var model = Registered();

        Assert.Equal("Alice Engineer", model.RegisteredBy);
        Assert.Equal(RegisteredAt, model.RegisteredAt);
        Assert.Equal(RegisteredAt, model.UpdatedAt);
        Assert.Equal(1, model.Revision);
        Assert.Null(model.RetiredAt);
        Assert.Null(model.RetirementReason);
    }

    [Fact]
    public void Registering_names_the_audit_action_and_the_model()
    {
        var model = Registered();

        Assert.Equal("Model.Registered", model.PendingAuditAction);
        Assert.Equal("Model", model.AuditEntityType);
        Assert.Equal("fraud-Score", model.AuditEntityId);
        Assert.Equal("fraud-Score", model.AuditModelKey);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Blank_description_is_stored_as_none(string? description)
    {
        var model = Model.Register(Details with { Description = description }, "Alice", RegisteredAt);

        Assert.Null(model.Description);
    }

    [Fact]
    public void Editing_changes_the_fields_and_raises_the_revision()
    {
        var model = Registered();
        model.ClearPendingAuditAction();

        model.Edit(new ModelDetails("ignored", " Fraud score v2 ", null, "Risk", RiskTier.Low, LifecycleStatus.Production, ["KYC"]), Later);

        Assert.Equal("Fraud score v2", model.Name);
        Assert.Null(model.Description);
        Assert.Equal("Risk", model.Team);
        Assert.Equal(RiskTier.Low, model.RiskTier);
        Assert.Equal(LifecycleStatus.Production, model.Status);
        Assert.Equal(new[] { "kyc" }, model.Tags);
        Assert.Equal(Later, model.UpdatedAt);
        Assert.Equal(2, model.Revision);
        Assert.Equal("Model.Updated", model.PendingAuditAction);
    }

    [Fact]
    public void Editing_keeps_the_key_and_the_registration()
    {
        var model = Registered();

        model.Edit(Details with { Key = "another-key" }, Later);

        Assert.Equal("fraud-Score", model.Key);
        Assert.Equal("FRAUD-SCORE", model.KeyNormalized);
        Assert.Equal(RegisteredAt, model.RegisteredAt);
        Assert.Equal("Alice Engineer", model.RegisteredBy);
    }

    [Fact]
    public void Each_edit_raises_the_revision_by_one()
    {
        var model = Registered();

        model.Edit(Details, Later);
        model.Edit(Details, Later.AddHours(1));
        model.Edit(Details, Later.AddHours(2));

        Assert.Equal(4, model.Revision);
    }

    [Fact]
    public void Retiring_records_when_and_why_and_raises_the_revision()
    {
        var model = Registered();

        model.Retire("  Replaced by fraud-score-v2.  ", Later);

        Assert.Equal(LifecycleStatus.Retired, model.Status);
        Assert.Equal(Later, model.RetiredAt);
        Assert.Equal(Later, model.UpdatedAt);
        Assert.Equal("Replaced by fraud-score-v2.", model.RetirementReason);
        Assert.Equal(2, model.Revision);
        Assert.Equal("Model.Retired", model.PendingAuditAction);
    }

    [Fact]
    public void Retired_model_cannot_be_edited()
    {
        var model = Registered();
        model.Retire("Obsolete", Later);

        var refused = Assert.Throws<InvalidOperationException>(() => model.Edit(Details with { Name = "Revived" }, Later.AddDays(1)));

        Assert.Contains("retired", refused.Message, StringComparison.Ordinal);
        Assert.Equal("Fraud score", model.Name);
        Assert.Equal(LifecycleStatus.Retired, model.Status);
        Assert.Equal(2, model.Revision);
        Assert.Equal(Later, model.UpdatedAt);
    }

    [Fact]
    public void Retired_model_cannot_be_retired_again()
    {
        var model = Registered();
        model.Retire("Obsolete", Later);

        Assert.Throws<InvalidOperationException>(() => model.Retire("Again", Later.AddDays(1)));

        Assert.Equal("Obsolete", model.RetirementReason);
        Assert.Equal(Later, model.RetiredAt);
        Assert.Equal(2, model.Revision);
    }

    [Fact]
    public void Clearing_the_pending_audit_action_forgets_it()
    {
        var model = Registered();

        model.ClearPendingAuditAction();

        Assert.Null(model.PendingAuditAction);
    }

    [Fact]
    public void An_edit_cannot_retire_a_model_without_the_retire_action_and_its_reason()
    {
        var model = Registered();

        Assert.Throws<InvalidOperationException>(() => model.Edit(Details with { Status = LifecycleStatus.Retired }, Later));
        Assert.Equal(LifecycleStatus.Validation, model.Status);
        Assert.Null(model.RetiredAt);
    }
}

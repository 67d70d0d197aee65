using Portal.Domain.Outputs;

namespace Portal.Domain.Tests.Outputs;

public sealed class AccessRequestTests
{
    private static readonly DateTime Now = new(2026, 3, 1, 9, 0, 0, DateTimeKind.Utc);

    private static ModelOutput Output() => ModelOutput.Register(1, "credit-pd", 2, "1.0.0",
        new("scores", null, Now, OutputClassification.Confidential,
            [new("customer", OutputColumnType.String, [OutputTags.Pii]), new("score", OutputColumnType.Decimal, [])], 2, null),
        OutputData.Referenced("s3://b/scores.csv", 2), "eng", Now);

    private static AccessRequest Request(bool unmasked = false) => AccessRequest.Open(Output(), "eng-1", "Engineer One", new("Complaint 12.", 14, unmasked), Now);

    [Theory]
    [InlineData(null, 14, "purpose")]
    [InlineData("   ", 14, "purpose")]
    [InlineData("bad\u0007purpose", 14, "purpose")]
    [InlineData("Fine.", 0, "days")]
    [InlineData("Fine.", AccessRequest.MaxDays + 1, "days")]
    public void A_wish_needs_a_purpose_and_1_to_365_days(string? purpose, int days, string field)
    {
        var errors = AccessRequest.Validate(new(purpose, days, false));

        Assert.Equal([field], errors.Keys);
    }

    [Fact]
    public void A_long_purpose_is_refused_and_a_fitting_wish_accepted()
    {
        Assert.True(AccessRequest.Validate(new(new string('p', AccessRequest.PurposeMaxLength + 1), 3, false)).ContainsKey("purpose"));
        Assert.Empty(AccessRequest.Validate(new("Complaint 12.", AccessRequest.MaxDays, true)));
    }

    [Fact]
    public void The_requester_never_decides_even_as_primary_owner_and_reviewer()
    {
        var request = Request();

        Assert.Contains("Nobody decides their own", request.DeciderProblem("eng-1", isPrimaryOwner: true, isComplianceReviewer: true), StringComparison.Ordinal);
        Assert.Contains("Only the primary owner of credit-pd", request.DeciderProblem("eng-2", false, false), StringComparison.Ordinal);
        Assert.Null(request.DeciderProblem("owner", true, false));
        Assert.Null(request.DeciderProblem("reviewer", false, true));
    }

    [Fact]
    public void A_grant_is_at_most_as_long_and_as_open_as_asked()
    {
        var masked = Request();
        var unmasked = Request(unmasked: true);

        Assert.True(masked.GrantProblems(15, false).ContainsKey("days"));
        Assert.True(masked.GrantProblems(0, false).ContainsKey("days"));
        Assert.True(masked.GrantProblems(14, true).ContainsKey("unmasked"));
        Assert.Empty(masked.GrantProblems(3, false));
        Assert.Empty(unmasked.GrantProblems(14, true));
        Assert.Empty(unmasked.GrantProblems(14, false));
    }

    [Fact]
    public void Granting_carries_the_purpose_and_an_expiry_and_unmasks_the_output_tags_only_when_unmasked()
    {
        var output = Output();
        var request = Request(unmasked: true);

        var unmaskedTerms = request.GrantTermsFor(output, 5, unmasked: true, Now);
        var maskedTerms = request.GrantTermsFor(output, 5, unmasked: false, Now);

        Assert.Equal((GranteeKind.Person, "eng-1", GrantAccess.ReadUnmasked), (unmaskedTerms.GranteeKind, unmaskedTerms.Grantee, unmaskedTerms.Access));
        Assert.Equal([OutputTags.Pii], unmaskedTerms.UnmaskedTags);
        Assert.Equal(Now.AddDays(5), unmaskedTerms.ExpiresAt);
        Assert.Equal("Complaint 12.", unmaskedTerms.Purpose);
        Assert.Equal(GrantAccess.Read, maskedTerms.Access);
        Assert.Empty(maskedTerms.UnmaskedTags);
        Assert.Empty(OutputGrantRules.Validate(unmaskedTerms, output, Now));
    }

    [Fact]
    public void A_request_is_decided_once_and_a_denial_keeps_its_reason()
    {
        var request = Request();
        var grant = OutputGrant.Give(1, "credit-pd", request.GrantTermsFor(Output(), 3, false, Now), "owner", "Owner", Now);

        request.Grant("owner", "Owner", grant, Now);

        Assert.Equal((AccessRequestStatus.Granted, Now.AddDays(3), false), (request.Status, request.GrantedUntil, request.GrantedUnmasked));
        Assert.Equal("AccessRequest.Granted", request.PendingAuditAction);
        Assert.Throws<InvalidOperationException>(() => request.Deny("owner", "Owner", "Too late.", Now));
        var denied = Request();
        denied.Deny("rev", "Reviewer", "  Use the report. ", Now);
        Assert.Equal((AccessRequestStatus.Denied, "Use the report."), (denied.Status, denied.Reason));
        Assert.NotNull(AccessRequest.ReasonProblem(" "));
        Assert.Null(AccessRequest.ReasonProblem("Use the report."));
    }
}

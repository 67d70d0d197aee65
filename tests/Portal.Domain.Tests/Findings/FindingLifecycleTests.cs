using Portal.Domain.Findings;

namespace Portal.Domain.Tests.Findings;

/// <summary>A finding's states: Open → Remediated → Closed, or back to Reopened with a reason; every move is audited by name.</summary>
public sealed class FindingLifecycleTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);

    public static Finding Open(string owner = "eric", FindingSeverity severity = FindingSeverity.High) =>
        Finding.Raise(7, "credit-pd", new FindingDetails(" Holdout overlaps ", severity, "Re-run it.", owner, new DateOnly(2026, 12, 20)), "Eric", "rita", "Rita", Now);

    [Fact]
    public void A_raised_finding_is_open_and_audited_as_raised()
    {
        var finding = Open();

        Assert.Equal(FindingStatus.Open, finding.Status);
        Assert.Equal("Holdout overlaps", finding.Title);
        Assert.Equal(FindingAuditActions.Raised, finding.PendingAuditAction);
        Assert.True(finding.AwaitsRemediation);
        Assert.Equal(1, finding.Revision);
    }

    [Fact]
    public void Remediate_then_close_records_who_and_what()
    {
        var finding = Open();
        var evidence = new EvidenceReference(EvidenceKind.Version, "1.1.0", "Version 1.1.0");

        finding.Remediate(" Re-ran it. ", [evidence], "eric", "Eric", Now.AddDays(1));
        Assert.Equal((FindingStatus.Remediated, FindingAuditActions.Remediated, 2), (finding.Status, finding.PendingAuditAction, finding.Revision));
        Assert.Equal("Re-ran it.", finding.RemediationNote);
        Assert.Equal([evidence], finding.Evidence);

        finding.Close("Checked.", "rita", "Rita", Now.AddDays(2));
        Assert.Equal((FindingStatus.Closed, FindingAuditActions.Closed, 3), (finding.Status, finding.PendingAuditAction, finding.Revision));
        Assert.Equal(("rita", "Checked."), (finding.ClosedBy, finding.ClosingNote));
    }

    [Fact]
    public void Reopening_a_closed_finding_clears_the_closure_and_keeps_the_reason()
    {
        var finding = Open();
        finding.Remediate("Done.", [], "eric", "Eric", Now);
        finding.Close("Fine.", "rita", "Rita", Now);

        finding.Reopen("The new holdout still overlaps by a week.", "Rita", Now.AddDays(3));

        Assert.Equal(FindingStatus.Reopened, finding.Status);
        Assert.Equal(FindingAuditActions.Reopened, finding.PendingAuditAction);
        Assert.Equal("The new holdout still overlaps by a week.", finding.ReopenReason);
        Assert.Null(finding.ClosedAt);
        Assert.True(finding.AwaitsRemediation);
    }

    [Fact]
    public void An_open_finding_cannot_be_closed_or_reopened()
    {
        var finding = Open();

        Assert.Contains("only a remediated finding is closed", Assert.Throws<InvalidOperationException>(() => finding.Close("x", "rita", "Rita", Now)).Message,
            StringComparison.Ordinal);
        Assert.Contains("awaits its remediation owner", Assert.Throws<InvalidOperationException>(() => finding.Reopen("x", "Rita", Now)).Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void A_remediated_or_closed_finding_cannot_be_remediated_again_until_reopened()
    {
        var finding = Open();
        finding.Remediate("Done.", [], "eric", "Eric", Now);

        Assert.Throws<InvalidOperationException>(() => finding.Remediate("Again.", [], "eric", "Eric", Now));
        finding.Reopen("Not enough.", "Rita", Now);
        finding.Remediate("Again.", [], "eric", "Eric", Now);
        Assert.Equal(FindingStatus.Remediated, finding.Status);
    }

    [Fact]
    public void Overdue_means_past_its_due_date_and_not_closed()
    {
        var finding = Open();

        Assert.False(FindingRules.IsOverdue(finding, new DateOnly(2026, 12, 20)));
        Assert.True(FindingRules.IsOverdue(finding, new DateOnly(2026, 12, 21)));
        finding.Remediate("Done.", [], "eric", "Eric", Now);
        finding.Close("Fine.", "rita", "Rita", Now);
        Assert.False(FindingRules.IsOverdue(finding, new DateOnly(2026, 12, 21)));
    }

    [Fact]
    public void A_finding_changes_hands_only_while_it_awaits_remediation_and_the_change_is_audited()
    {
        var finding = Open();

        finding.Reassign("mona", "Mona");

        Assert.Equal(("mona", "Mona", 2, FindingAuditActions.Reassigned), (finding.RemediationOwner, finding.RemediationOwnerName, finding.Revision, finding.PendingAuditAction));
        finding.Remediate("Done.", [], "mona", "Mona", Now);
        Assert.Contains("only an open or reopened finding changes hands", Assert.Throws<InvalidOperationException>(() => finding.Reassign("eric", "Eric")).Message,
            StringComparison.Ordinal);
        Assert.Equal("mona", finding.RemediationOwner);
    }
}

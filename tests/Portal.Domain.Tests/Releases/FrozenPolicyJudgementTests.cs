using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Tests.Versions;
using static Portal.Domain.Tests.Releases.ReleaseSamples;

namespace Portal.Domain.Tests.Releases;

/// <summary>A release request is judged by what it froze when it was made, recomputed from its signatures (issue 13, item 1).</summary>
public class FrozenPolicyJudgementTests
{
    private static readonly SignedVersion Version = SignedVersion.From(VersionSamples.Register("1.1.0"));
    private static readonly IReadOnlySet<string> NoRecorders = new HashSet<string>();

    [Fact]
    public void A_request_freezes_the_tier_the_policy_terms_and_the_fairness_policy_version()
    {
        var request = Request();
        Assert.Equal(new FrozenPolicy(RiskTier.High, 1, new ApprovalRules(2, true, true, 12), 0), request.Frozen);
        Assert.Equal("the High approval policy version 1 (fairness policy version 0)", request.Frozen.Describe());
    }

    [Fact]
    public void Two_outside_approvals_under_the_frozen_high_policy_approve()
    {
        var request = Request();
        Sign(request, "oscar");
        Sign(request, "olga", approves: true);
        var judged = ReleaseApproval.Judge(request, Version, NoRecorders);
        Assert.True(judged.Approved, string.Join(" ", judged.Reasons));
        Assert.Equal((Now, Now.AddMonths(12)), (judged.ApprovedAt, judged.RevalidationDueAt));
    }

    [Fact]
    public void One_approval_claiming_to_approve_a_frozen_high_request_does_not_approve_it()
    {
        var request = Request();
        Sign(request, "oscar", approves: true);
        var judged = ReleaseApproval.Judge(request, Version, NoRecorders);
        Assert.False(judged.Approved);
        Assert.Contains("Judged by the High approval policy version 1 (fairness policy version 0), release request 0 is not approved: 1 of 2 required Compliance reviewer sign-offs.",
            judged.Reasons);
    }

    [Fact]
    public void Two_approvals_from_inside_the_team_do_not_meet_the_frozen_outside_reviewer_rule()
    {
        var request = Request();
        Sign(request, "tom", inTeam: true);
        Sign(request, "rita-in-team", inTeam: true, approves: true);
        Assert.Contains(ReleaseApproval.Judge(request, Version, NoRecorders).Reasons, r => r.EndsWith("outside the model's team.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_failing_gate_signed_without_an_exception_fails_a_frozen_policy_that_requires_every_gate()
    {
        var request = Request();
        var failing = Evidence(GateResult.Fail("fairness", "Fairness evaluation", "Imported (not attested)."));
        Sign(request, "oscar", evidence: failing);
        Sign(request, "olga", evidence: failing, approves: true);
        Assert.Contains(ReleaseApproval.Judge(request, Version, NoRecorders).Reasons, r => r.Contains("failed without an exception: fairness", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_signatures_under_a_frozen_low_policy_approve_with_one_sign_off()
    {
        var request = ReleaseRequest.Create(VersionSamples.Register("1.1.0"), Domain.Versions.VersionStage.Production, "s", "p", "tom", "TOM", Now, Frozen(RiskTier.Low));
        Sign(request, "oscar", evidence: Evidence(GateResult.Fail("fairness", "Fairness evaluation", "Failed.")), approves: true);
        var judged = ReleaseApproval.Judge(request, Version, NoRecorders);
        Assert.True(judged.Approved, string.Join(" ", judged.Reasons));
        Assert.Equal(Now.AddMonths(36), judged.RevalidationDueAt);
    }

    [Fact]
    public void A_rejection_or_a_signature_that_no_longer_verifies_means_not_approved()
    {
        var request = Request();
        Sign(request, "oscar");
        Sign(request, "olga", approves: true);
        var tampered = Version with { CodeCommit = "0000000000000000000000000000000000000000" };
        var judged = ReleaseApproval.Judge(request, tampered, NoRecorders);
        Assert.False(judged.Approved);
        Assert.Equal(2, judged.Reasons.Count(r => r.Contains("fails verification", StringComparison.Ordinal)));
    }

    [Fact]
    public void An_exception_recorder_cannot_be_the_only_approver()
    {
        var recorders = new HashSet<string> { "oscar" };
        var oneSignOff = new ApprovalRules(1, true, false, 24);
        var request = ReleaseRequest.Create(VersionSamples.Register("1.1.0"), Domain.Versions.VersionStage.Production, "s", "p", "tom", "TOM", Now,
            new FrozenPolicy(RiskTier.Medium, 1, oneSignOff, 0));
        Assert.StartsWith("Separation of duties: you recorded a gate exception", ReleaseRules.ExceptionRecorderProblem("oscar", SignatureMeaning.Approved, request, recorders));
        Assert.Null(ReleaseRules.ExceptionRecorderProblem("oscar", SignatureMeaning.Reviewed, request, recorders));
        Assert.Null(ReleaseRules.ExceptionRecorderProblem("olga", SignatureMeaning.Approved, request, recorders));

        Sign(request, "oscar", approves: true);
        Assert.Contains(ReleaseApproval.Judge(request, Version, recorders).Reasons,
            r => r.EndsWith("someone other than whoever recorded a gate exception on this request.", StringComparison.Ordinal));
    }

    [Fact]
    public void With_two_sign_offs_an_exception_recorder_may_approve_alongside_someone_else()
    {
        var recorders = new HashSet<string> { "oscar" };
        var request = Request();
        Assert.Null(ReleaseRules.ExceptionRecorderProblem("oscar", SignatureMeaning.Approved, request, recorders));
        Sign(request, "oscar");
        Sign(request, "olga", approves: true);
        Assert.True(ReleaseApproval.Judge(request, Version, recorders).Approved);
    }
}

using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using static Portal.Domain.Tests.Releases.ReleaseSamples;

namespace Portal.Domain.Tests.Releases;

public class ReleaseRulesTests
{
    [Theory]
    [InlineData("eric", PortalRoles.Engineer)]
    [InlineData("tom", PortalRoles.Engineer)]
    [InlineData("mona", PortalRoles.Manager)]
    public void Owners_and_team_members_with_an_engineering_role_may_request(string id, string role) =>
        Assert.Null(ReleaseRules.RequestProblem(Person(id, role), People));

    [Fact]
    public void An_engineer_outside_the_team_who_owns_nothing_may_not_request() =>
        Assert.Contains("you are not an owner or a member of team", ReleaseRules.RequestProblem(Person("zed", PortalRoles.Engineer), People));

    [Theory]
    [InlineData(PortalRoles.ComplianceReviewer)]
    [InlineData(PortalRoles.Auditor)]
    public void Reviewers_and_auditors_may_not_request_even_in_the_team(string role) =>
        Assert.NotNull(ReleaseRules.RequestProblem(Person("tom", role), People));

    [Fact]
    public void A_request_needs_a_release_stage_a_summary_and_a_rollout_plan()
    {
        var problems = ReleaseRules.RequestInputProblems(VersionStage.Archived, " ", null).Select(p => p.Field).ToList();
        Assert.Equal(["targetStage", "summary", "rolloutPlan"], problems);
        Assert.Empty(ReleaseRules.RequestInputProblems(VersionStage.Staging, "s", "r"));
    }

    [Fact]
    public void The_requester_cannot_sign_their_own_request() =>
        Assert.StartsWith("Separation of duties: you requested", ReleaseRules.SigningProblem("tom", Request(requestedBy: "tom"), People));

    [Theory]
    [InlineData("eric")]
    [InlineData("mona")]
    public void Primary_and_backup_owners_cannot_sign_their_models_releases(string owner) =>
        Assert.StartsWith("Separation of duties: you own credit-pd", ReleaseRules.SigningProblem(owner, Request(), People));

    [Fact]
    public void An_independent_reviewer_may_sign_once()
    {
        var request = Request();
        Assert.Null(ReleaseRules.SigningProblem("rita", request, People));
        Sign(request, "rita", SignatureMeaning.Reviewed);
        Assert.Contains("already signed", ReleaseRules.SigningProblem("rita", request, People));
    }

    [Fact]
    public void A_closed_request_takes_no_signatures()
    {
        var request = Request();
        request.Withdraw("TOM", Now);
        Assert.Contains("already withdrawn", ReleaseRules.SigningProblem("rita", request, People));
    }

    [Fact]
    public void A_signature_within_five_minutes_of_authentication_is_allowed() =>
        Assert.Null(ReleaseRules.AuthenticationProblem(SigningSession.Person(Now.AddMinutes(-5)), Now));

    [Fact]
    public void A_signature_more_than_five_minutes_after_authentication_is_refused_with_what_to_do() =>
        Assert.Contains("Re-authenticate at the identity provider", ReleaseRules.AuthenticationProblem(SigningSession.Person(Now.AddMinutes(-5).AddSeconds(-1)), Now));

    [Fact]
    public void A_session_without_auth_time_cannot_sign() =>
        Assert.Contains("no auth_time", ReleaseRules.AuthenticationProblem(SigningSession.Person(null), Now));

    [Fact]
    public void A_service_token_never_signs() =>
        Assert.StartsWith("Signatures are made by people", ReleaseRules.AuthenticationProblem(SigningSession.ServiceToken, Now));

    [Fact]
    public void The_requester_may_withdraw_a_pending_request_and_an_admin_may_too_but_nobody_else()
    {
        var request = Request(requestedBy: "tom");
        Assert.Null(ReleaseRules.WithdrawProblem(Person("tom", PortalRoles.Engineer), request));
        Assert.Null(ReleaseRules.WithdrawProblem(Person("alice", PortalRoles.Admin), request));
        Assert.Contains("Only the requester", ReleaseRules.WithdrawProblem(Person("eric", PortalRoles.Engineer), request));
    }

    [Fact]
    public void A_decided_request_cannot_be_withdrawn()
    {
        var request = Request();
        request.Reject("RITA", Now);
        Assert.Contains("only a pending request", ReleaseRules.WithdrawProblem(Person("tom", PortalRoles.Engineer), request));
        Assert.Throws<InvalidOperationException>(() => request.Withdraw("TOM", Now));
    }

    [Fact]
    public void Low_tier_policy_shows_failing_gates_without_blocking()
    {
        var failing = GateResult.Fail("fairness", "Fairness", "No evaluation.");
        Assert.Empty(ReleaseRules.BlockingGates(ApprovalPolicy.Default(RiskTier.Low).Rules, [failing], [], Now));
    }

    [Fact]
    public void Medium_tier_policy_blocks_on_a_failing_gate_without_an_exception()
    {
        var failing = GateResult.Fail("fairness", "Fairness", "No evaluation.");
        var passing = GateResult.Pass("primary-owner", "Owner", "Active.");
        Assert.Equal([failing], ReleaseRules.BlockingGates(ApprovalPolicy.Default(RiskTier.Medium).Rules, [failing, passing], [], Now));
    }

    [Fact]
    public void A_valid_exception_covers_its_gate_until_it_expires()
    {
        var failing = GateResult.Fail("fairness", "Fairness", "No evaluation.");
        var exception = GateException.Record(Request(), "fairness", "Evaluation data arrives next week.", "rita", "Rita", Now, Now.AddDays(7));
        var policy = ApprovalPolicy.Default(RiskTier.High).Rules;

        Assert.Empty(ReleaseRules.BlockingGates(policy, [failing], [exception], Now.AddDays(6)));
        Assert.Equal([failing], ReleaseRules.BlockingGates(policy, [failing], [exception], Now.AddDays(7)));
    }

    [Fact]
    public void An_exception_for_another_gate_does_not_cover()
    {
        var failing = GateResult.Fail("blocking-flags", "Flags", "One open blocking flag.");
        var exception = GateException.Record(Request(), "fairness", "Later.", "rita", "Rita", Now, Now.AddDays(7));
        Assert.Single(ReleaseRules.BlockingGates(ApprovalPolicy.Default(RiskTier.High).Rules, [failing], [exception], Now));
    }

    [Fact]
    public void Exceptions_need_a_known_gate_a_justification_and_a_limited_future_expiry()
    {
        string[] gates = ["fairness", "primary-owner"];
        var request = Request();
        Assert.Equal("gate", ReleaseRules.ExceptionProblem(request, "model-card", gates, "why", Now, Now.AddDays(1))?.Field);
        Assert.Equal("justification", ReleaseRules.ExceptionProblem(request, "fairness", gates, " ", Now, Now.AddDays(1))?.Field);
        Assert.Contains("expire in the future", ReleaseRules.ExceptionProblem(request, "fairness", gates, "why", Now, Now)?.Message);
        Assert.Contains("at most 180 days", ReleaseRules.ExceptionProblem(request, "fairness", gates, "why", Now, Now.AddDays(181))?.Message);
        Assert.Null(ReleaseRules.ExceptionProblem(request, "fairness", gates, "why", Now, Now.AddDays(30)));
    }

    [Fact]
    public void Low_tier_is_met_by_one_approval()
    {
        var request = Request();
        Assert.NotNull(ReleaseRules.PolicyShortfall(ApprovalPolicy.Default(RiskTier.Low).Rules, request.Signatures));
        Sign(request, "rita");
        Assert.Null(ReleaseRules.PolicyShortfall(ApprovalPolicy.Default(RiskTier.Low).Rules, request.Signatures));
    }

    [Fact]
    public void Reviewed_signatures_do_not_count_as_approvals()
    {
        var request = Request();
        Sign(request, "rita", SignatureMeaning.Reviewed);
        Assert.Equal("0 of 1 required Compliance reviewer sign-off.", ReleaseRules.PolicyShortfall(ApprovalPolicy.Default(RiskTier.Low).Rules, request.Signatures));
    }

    [Fact]
    public void High_tier_needs_two_different_reviewers_one_from_outside_the_team()
    {
        var policy = ApprovalPolicy.Default(RiskTier.High).Rules;
        var request = Request();
        Sign(request, "rita-in-team", inTeam: true);
        Assert.Equal("1 of 2 required Compliance reviewer sign-offs.", ReleaseRules.PolicyShortfall(policy, request.Signatures));
        Sign(request, "ralph-in-team", inTeam: true);
        Assert.Contains("outside the model's team", ReleaseRules.PolicyShortfall(policy, request.Signatures));

        var other = Request();
        Sign(other, "rita-in-team", inTeam: true);
        Sign(other, "olga-outside");
        Assert.Null(ReleaseRules.PolicyShortfall(policy, other.Signatures));
    }

    [Fact]
    public void A_reason_is_required_to_sign()
    {
        Assert.NotNull(ReleaseRules.ReasonProblem("  "));
        Assert.Null(ReleaseRules.ReasonProblem("Reviewed the evidence."));
    }
}

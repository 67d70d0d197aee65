using Portal.Domain.Access;
using Portal.Domain.Findings;
using Portal.Domain.Releases;

namespace Portal.Domain.Tests.Findings;

/// <summary>Separation of duties and scope on findings, written out from the issue: who raises, remediates, closes and reopens.</summary>
public sealed class FindingAccessTests
{
    private static readonly ModelPeople People = new("credit-pd", "Credit Risk", new HashSet<string> { "eric", "owner-reviewer" }, new HashSet<string> { "mona" });

    private static Actor Person(string id, params string[] roles) => new(id, id, roles.ToHashSet());

    private static Actor Token(string role, params string[] teams) => new("service:t", "t", new HashSet<string> { role }) { TokenTeams = teams.ToHashSet() };

    private static Finding Remediated()
    {
        var finding = FindingLifecycleTests.Open();
        finding.Remediate("Done.", [], "eric", "Eric", DateTime.UtcNow);
        return finding;
    }

    [Theory]
    [InlineData(PortalRoles.ComplianceReviewer, true)]
    [InlineData(PortalRoles.Admin, true)]
    [InlineData(PortalRoles.Engineer, false)]
    [InlineData(PortalRoles.Manager, false)]
    [InlineData(PortalRoles.Auditor, false)]
    public void Only_reviewers_and_admins_raise_findings(string role, bool allowed) =>
        Assert.Equal(allowed, FindingAccess.RaiseProblem(Person("someone", role), People, "eric") is null);

    [Fact]
    public void A_reviewer_cannot_make_themselves_the_remediation_owner() =>
        Assert.Contains("cannot be the remediation owner", FindingAccess.RaiseProblem(Person("rita", PortalRoles.ComplianceReviewer), People, " rita "),
            StringComparison.Ordinal);

    [Fact]
    public void An_unscoped_reviewer_token_raises_on_no_teams_model_and_a_scoped_one_on_its_team()
    {
        Assert.Contains("scoped to no team", FindingAccess.RaiseProblem(Token(PortalRoles.ComplianceReviewer), People, "eric"), StringComparison.Ordinal);
        Assert.Contains("scoped to team(s) Fraud", FindingAccess.RaiseProblem(Token(PortalRoles.ComplianceReviewer, "Fraud"), People, "eric"), StringComparison.Ordinal);
        Assert.Null(FindingAccess.RaiseProblem(Token(PortalRoles.ComplianceReviewer, "credit risk"), People, "eric"));
        Assert.Null(FindingAccess.RaiseProblem(Token(PortalRoles.Admin), People, "eric"));
    }

    [Fact]
    public void Only_the_remediation_owner_remediates()
    {
        var finding = FindingLifecycleTests.Open();

        Assert.Null(FindingAccess.RemediateProblem(Person("eric", PortalRoles.Engineer), finding));
        Assert.Contains("Only Eric, the remediation owner", FindingAccess.RemediateProblem(Person("mona", PortalRoles.Manager), finding), StringComparison.Ordinal);
        Assert.Contains("Only Eric", FindingAccess.RemediateProblem(Person("alice", PortalRoles.Admin), finding), StringComparison.Ordinal);
        Assert.Contains("needs the Admin, Manager or Engineer role", FindingAccess.RemediateProblem(Person("eric", PortalRoles.Auditor), finding), StringComparison.Ordinal);
    }

    [Fact]
    public void The_remediation_owner_cannot_close_their_own_finding_even_as_a_reviewer() =>
        Assert.Contains("you are its remediation owner",
            FindingAccess.DecideProblem(Person("eric", PortalRoles.ComplianceReviewer), Remediated(), People, closing: true), StringComparison.Ordinal);

    [Fact]
    public void A_reviewer_who_owns_the_model_cannot_close_or_reopen_its_finding()
    {
        Assert.Contains("you own model credit-pd",
            FindingAccess.DecideProblem(Person("owner-reviewer", PortalRoles.ComplianceReviewer), Remediated(), People, closing: true), StringComparison.Ordinal);
        Assert.Contains("cannot reopen",
            FindingAccess.DecideProblem(Person("owner-reviewer", PortalRoles.ComplianceReviewer), Remediated(), People, closing: false), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(PortalRoles.ComplianceReviewer, true)]
    [InlineData(PortalRoles.Admin, false)]
    [InlineData(PortalRoles.Auditor, false)]
    [InlineData(PortalRoles.Engineer, false)]
    public void Another_reviewer_closes(string role, bool allowed) =>
        Assert.Equal(allowed, FindingAccess.DecideProblem(Person("rita", role), Remediated(), People, closing: true) is null);

    [Fact]
    public void An_unscoped_reviewer_token_cannot_close() =>
        Assert.Contains("scoped to no team", FindingAccess.DecideProblem(Token(PortalRoles.ComplianceReviewer), Remediated(), People, closing: true),
            StringComparison.Ordinal);

    [Theory]
    [InlineData("rita", PortalRoles.ComplianceReviewer, false, true)] // raised it
    [InlineData("other-reviewer", PortalRoles.ComplianceReviewer, false, true)]
    [InlineData("lead", PortalRoles.Manager, true, true)] // manages the primary owner
    [InlineData("admin", PortalRoles.Admin, true, true)]
    [InlineData("other-lead", PortalRoles.Manager, false, false)]
    [InlineData("mona", PortalRoles.Engineer, false, false)] // in the team, not a manager
    [InlineData("audrey", PortalRoles.Auditor, false, false)]
    public void A_reviewer_the_raiser_or_the_primary_owners_manager_hands_a_finding_on(string id, string role, bool managesOwner, bool allowed) =>
        Assert.Equal(allowed, FindingAccess.ReassignProblem(Person(id, role), FindingLifecycleTests.Open(), People, managesOwner) is null);

    [Fact]
    public void The_remediation_owner_cannot_hand_their_own_finding_away_even_as_a_manager() =>
        Assert.Contains("you are its remediation owner", FindingAccess.ReassignProblem(Person("eric", PortalRoles.Manager), FindingLifecycleTests.Open(), People,
            managesOwner: true), StringComparison.Ordinal);

    [Fact]
    public void A_finding_goes_neither_to_its_owner_again_nor_to_the_reviewer_who_raised_it()
    {
        Assert.Contains("is the remediation owner already", FindingAccess.NewOwnerProblem(FindingLifecycleTests.Open(), "eric"), StringComparison.Ordinal);
        Assert.Contains("separation of duties", FindingAccess.NewOwnerProblem(FindingLifecycleTests.Open(), "rita"), StringComparison.Ordinal);
        Assert.Null(FindingAccess.NewOwnerProblem(FindingLifecycleTests.Open(), "mona"));
    }

    [Fact]
    public void A_reviewer_token_of_another_team_cannot_hand_a_finding_on() =>
        Assert.Contains("needs a token scoped to team Credit Risk", FindingAccess.ReassignProblem(Token(PortalRoles.ComplianceReviewer, "Fraud"),
            FindingLifecycleTests.Open(), People, managesOwner: false), StringComparison.Ordinal);
}

using Portal.Domain.Releases;
using static Portal.Domain.Tests.Releases.ReleaseSamples;

namespace Portal.Domain.Tests.Releases;

/// <summary>Whom a release request asks for a signature: reviewers separation of duties lets sign, and outsiders when only they can complete it.</summary>
public class SignersToAskTests
{
    private static readonly string[] Reviewers = ["rita", "rita-in-team", "eric", "tom", "olga"];

    [Fact]
    public void The_requester_and_owners_are_not_asked_and_team_reviewers_are_while_two_sign_offs_are_missing()
    {
        var request = Request(requestedBy: "tom");
        Assert.Equal(["rita", "rita-in-team", "olga"], ReleaseRules.SignersToAsk(Reviewers, request, People));
    }

    [Fact]
    public void Once_a_team_member_approved_a_high_risk_request_only_reviewers_outside_the_team_are_asked_and_not_the_one_who_signed()
    {
        var request = Request(requestedBy: "tom");
        Sign(request, "rita-in-team", inTeam: true);
        Assert.Equal(["rita", "olga"], ReleaseRules.SignersToAsk(Reviewers, request, People));
    }

    [Fact]
    public void After_an_outside_approval_the_team_reviewer_may_complete_it()
    {
        var request = Request(requestedBy: "tom");
        Sign(request, "olga");
        Assert.Equal(["rita", "rita-in-team"], ReleaseRules.SignersToAsk(Reviewers, request, People));
    }
}

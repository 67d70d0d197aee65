using Portal.Domain.Access;
using Portal.Domain.Outputs;
using static Portal.Domain.Tests.Outputs.OutputFixtures;

namespace Portal.Domain.Tests.Outputs;

/// <summary>
/// The authorization matrix: classification × reader × grant state, each decision and each cell of the streamed data
/// against expectations written out here, independently of the authorizer, for the default policy.
/// </summary>
public class OutputAuthorizerTests
{
    private static readonly string[] ReaderKinds = ["owner", "team member", "outsider", "manager outsider", "Compliance reviewer", "Auditor", "Admin"];

    private static readonly string[] GrantStates = ["none", "active", "active unmasking pii", "expired", "revoked", "row-limited"];

    /// <summary>Who reads each classification without a grant under the default policy.</summary>
    private static readonly Dictionary<OutputClassification, string[]> ReadersWithoutGrant = new()
    {
        [OutputClassification.Public] = ReaderKinds,
        [OutputClassification.Internal] = ["owner", "team member", "Compliance reviewer", "Auditor"],
        [OutputClassification.Confidential] = ["owner", "Compliance reviewer"],
        [OutputClassification.Restricted] = ["Compliance reviewer"],
    };

    public static TheoryData<OutputClassification, string, string> Matrix()
    {
        var data = new TheoryData<OutputClassification, string, string>();
        foreach (var classification in Enum.GetValues<OutputClassification>())
        {
            foreach (var reader in ReaderKinds)
            {
                foreach (var state in GrantStates)
                {
                    data.Add(classification, reader, state);
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_reader_gets_the_decision_and_the_masking_of_each_cell(OutputClassification classification, string readerKind, string state)
    {
        var output = Output(classification);
        var reader = Reader($"subject-{readerKind}", Role(readerKind), owner: readerKind == "owner", inTeam: readerKind == "team member");
        var grants = GrantFor(reader.Id, state);

        var decision = OutputAuthorizer.Decide(OutputPolicy.Default(), output, Team, reader, grants, Now);

        var byRole = ReadersWithoutGrant[classification].Contains(readerKind);
        var byGrant = state is "active" or "active unmasking pii" or "row-limited";
        Assert.Equal(byRole || byGrant, decision.Allowed);
        if (!decision.Allowed)
        {
            Assert.StartsWith($"{classification} output: ", decision.Refusal);
            Assert.EndsWith($"you need a grant{Others(classification)}; request access at /outputs/{OutputId}.", decision.Refusal);
            Assert.Contains(state switch { "expired" => "your grant 1 expired on 2026-11-30 12:00 UTC; ", "revoked" => "your grant 1 was revoked on", _ => $"{classification} output: you need" },
                decision.Refusal);
            return;
        }

        var piiUnmasked = state == "active unmasking pii";
        var rowLimited = state == "row-limited" && !byRole;
        var expectedRows = Rows.Where(r => !rowLimited || r[4] == "EU").ToArray();
        var actual = await ReadAsync(output, decision);
        Assert.Equal(expectedRows.Length, actual.Length);
        var masking = new OutputMasking(HashKey);
        for (var r = 0; r < expectedRows.Length; r++)
        {
            var raw = expectedRows[r];
            Assert.Equal(raw[0], actual[r][0]);
            Assert.Equal(piiUnmasked ? raw[1] : masking.Hash(raw[1]), actual[r][1]);
            Assert.Equal(raw[2].Length > 4 ? "***" + raw[2][^4..] : "***", actual[r][2]);
            // Tagged sensitive (redact) and pii (hash): the stronger mask applies; unmasking pii leaves sensitive's mask.
            Assert.Equal("***", actual[r][3]);
            Assert.Equal(raw[4], actual[r][4]);
        }
        Assert.Equal(new[] { "account", "email", "note" }.Where(c => c != "email" || !piiUnmasked), decision.Masks.Keys.Order());
        Assert.Equal(rowLimited ? "region in (EU)" : null, decision.RowFilter?.ToString());
    }

    [Fact]
    public void A_restricted_output_refuses_an_engineer_with_the_exact_sentence()
    {
        var decision = OutputAuthorizer.Decide(OutputPolicy.Default(), Output(OutputClassification.Restricted), Team,
            Reader("eng", PortalRoles.Engineer, owner: true), [], Now);

        Assert.Equal("Restricted output: you need a grant (without one only Compliance reviewers read it); request access at /outputs/7.", decision.Refusal);
    }

    [Fact]
    public void A_team_grant_is_held_by_the_teams_members_and_a_token_grant_only_by_that_token()
    {
        var output = Output(OutputClassification.Restricted);
        OutputGrant[] grants = [Grant(1, GranteeKind.Team, "FRAUD"), Grant(2, GranteeKind.ServiceToken, "token:batch")];

        Assert.True(OutputAuthorizer.Decide(OutputPolicy.Default(), output, Team, Reader("p", PortalRoles.Engineer, teams: "Fraud"), grants, Now).Allowed);
        Assert.True(OutputAuthorizer.Decide(OutputPolicy.Default(), output, Team, Reader("token:batch", PortalRoles.Engineer, token: true), grants, Now).Allowed);
        // A person whose subject happens to equal the token's is not the token.
        Assert.False(OutputAuthorizer.Decide(OutputPolicy.Default(), output, Team, Reader("token:batch", PortalRoles.Engineer), grants, Now).Allowed);
        Assert.False(OutputAuthorizer.Decide(OutputPolicy.Default(), output, Team, Reader("q", PortalRoles.Engineer, teams: "Payments"), grants, Now).Allowed);
    }

    [Fact]
    public void A_grant_for_another_output_does_not_count()
    {
        var grant = Grant(1, GranteeKind.Person, "eng");
        typeof(OutputGrant).GetProperty(nameof(OutputGrant.OutputId))!.SetValue(grant, OutputId + 1);

        Assert.False(OutputAuthorizer.Decide(OutputPolicy.Default(), Output(OutputClassification.Restricted), Team,
            Reader("eng", PortalRoles.Engineer), [grant], Now).Allowed);
    }

    [Fact]
    public void A_classification_without_a_rule_is_readable_by_grant_only()
    {
        var policy = OutputPolicy.Default().Next([], OutputPolicy.Default().Masks, "admin", null, Now);

        var decision = OutputAuthorizer.Decide(policy, Output(OutputClassification.Public), Team, Reader("cr", PortalRoles.ComplianceReviewer), [], Now);

        Assert.Equal("Public output: you need a grant; request access at /outputs/7.", decision.Refusal);
    }

    [Fact]
    public void A_row_limited_unmasking_grant_does_not_unmask_for_a_reader_who_sees_every_row_by_role()
    {
        var grant = Grant(1, GranteeKind.Person, "cr", GrantAccess.ReadUnmasked, [OutputTags.Pii], new RowFilter("region", ["EU"]));

        var decision = OutputAuthorizer.Decide(OutputPolicy.Default(), Output(OutputClassification.Restricted), Team, Reader("cr", PortalRoles.ComplianceReviewer), [grant], Now);

        Assert.Null(decision.RowFilter);
        Assert.True(decision.Masks.ContainsKey("email"));
    }

    private static string Others(OutputClassification classification) => classification switch
    {
        OutputClassification.Internal => " (without one only the owners of credit-pd, members of team Credit Risk, Compliance reviewers or Auditors read it)",
        OutputClassification.Confidential => " (without one only the owners of credit-pd or Compliance reviewers read it)",
        OutputClassification.Restricted => " (without one only Compliance reviewers read it)",
        _ => " (without one only anyone who reads models read it)",
    };

    private static List<OutputGrant> GrantFor(string subject, string state)
    {
        var kind = GranteeKind.Person;
        return state switch
        {
            "none" => [],
            "active" => [Grant(1, kind, subject)],
            "active unmasking pii" => [Grant(1, kind, subject, GrantAccess.ReadUnmasked, [OutputTags.Pii], purpose: "model validation")],
            "expired" => [Grant(1, kind, subject, expiresAt: Now.AddDays(-1))],
            "revoked" => [Revoked(Grant(1, kind, subject))],
            "row-limited" => [Grant(1, kind, subject, filter: new RowFilter("region", ["EU"]))],
            _ => throw new ArgumentOutOfRangeException(nameof(state)),
        };
    }

    [Fact]
    public void The_output_page_shows_a_recorded_refusal_without_the_link_to_itself_and_keeps_other_sentences()
    {
        var grantsOnly = OutputPolicy.Default().Next([], OutputPolicy.Default().Masks, "admin", null, Now);
        var refusal = OutputAuthorizer.Decide(grantsOnly, Output(OutputClassification.Public), Team, Reader("e", PortalRoles.Engineer), [], Now).Refusal;

        Assert.Equal("Public output: you need a grant.", OutputDecision.WithoutWhereToAsk(refusal, OutputId));
        Assert.Equal(refusal, OutputDecision.WithoutWhereToAsk(refusal, OutputId + 1));
        Assert.Null(OutputDecision.WithoutWhereToAsk(null, OutputId));
    }

    private static OutputGrant Revoked(OutputGrant grant)
    {
        grant.Revoke("owner", "no longer needed", Now.AddHours(-1));
        return grant;
    }
}

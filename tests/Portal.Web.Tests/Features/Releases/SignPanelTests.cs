using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Inventory;
using Portal.Domain.Releases;
using Portal.Domain.Versions;
using Portal.Web.Features.Releases;
using Portal.Web.Features.Versions;
using Portal.Web.Tests.Infrastructure;

namespace Portal.Web.Tests.Features.Releases;

/// <summary>The signing panel offers signing only inside the 5-minute window after authentication, and re-authentication otherwise.</summary>
public class SignPanelTests : PortalTestContext
{
    private static readonly DateTime Now = DateTime.UtcNow;

    public SignPanelTests()
    {
        Services.AddLogging();
        Services.AddReleasesFeature();
    }

    [Fact]
    public void A_stale_sign_in_is_sent_to_reauthenticate_at_the_provider_and_back_to_the_request()
    {
        var panel = Render(Detail(), SigningSession.Person(Now.AddMinutes(-6)));

        Assert.Empty(panel.FindAll("#sign-release"));
        panel.Find("#reauthenticate").Click();

        var navigation = Services.GetRequiredService<BunitNavigationManager>();
        Assert.EndsWith("/account/reauthenticate?returnUrl=%2Freleases%2F7", navigation.Uri, StringComparison.Ordinal);
        Assert.True(navigation.History.First().Options.ForceLoad);
    }

    [Fact]
    public void A_fresh_sign_in_shows_until_when_one_may_sign_and_the_signing_form()
    {
        var authenticated = Now.AddMinutes(-1);
        var panel = Render(Detail(), SigningSession.Person(authenticated));

        Assert.Contains($"sign before {authenticated.AddMinutes(5):HH:mm:ss} UTC", panel.Find("#signing-window").TextContent, StringComparison.Ordinal);
        Assert.Equal("Sign as Approved", panel.Find("#sign-release").TextContent.Trim());
    }

    [Fact]
    public void Someone_who_may_not_sign_is_told_why_and_gets_no_form()
    {
        var panel = Render(Detail(blocked: "Separation of duties: you own credit-pd, so you cannot sign its releases."), SigningSession.Person(Now));

        Assert.Contains("you own credit-pd", panel.Find("#signing-blocked").TextContent, StringComparison.Ordinal);
        Assert.Empty(panel.FindAll("#sign-release"));
        Assert.Empty(panel.FindAll("#reauthenticate"));
    }

    [Fact]
    public void Someone_whose_role_does_not_sign_gets_no_sign_card_but_is_told_who_signs()
    {
        var panel = Render(Detail(blocked: "Signing a release request needs the Compliance reviewer role; you have the Engineer role.", signingRole: false),
            SigningSession.Person(Now));

        Assert.Empty(panel.FindAll("#sign-panel"));
        Assert.Empty(panel.FindAll("#reauthenticate"));
        var who = panel.Find("#who-signs").TextContent;
        Assert.Contains("Signed by 1 Compliance reviewer who neither requested this release nor own credit-pd", who, StringComparison.Ordinal);
        Assert.Contains("Signing a release request needs", panel.Find("#signing-blocked").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void While_a_gate_blocks_approval_approve_is_disabled_and_the_reasons_are_listed()
    {
        var blocking = new GateView("primary-owner", "Active primary owner", Passed: false, "credit-pd has no primary owner.", Excepted: false, Blocking: true);
        var panel = Render(Detail(gates: blocking), SigningSession.Person(Now.AddMinutes(-1)));

        Assert.Contains("Active primary owner: credit-pd has no primary owner.", panel.Find("#approve-blocked").TextContent, StringComparison.Ordinal);
        Assert.True(panel.FindAll("input[type=radio]")[0].HasAttribute("disabled"));
        Assert.Equal("Sign as Reviewed", panel.Find("#sign-release").TextContent.Trim());
    }

    [Fact]
    public void A_gate_that_fails_without_blocking_leaves_approve_available()
    {
        var advisory = new GateView("primary-owner", "Active primary owner", Passed: false, "No owner.", Excepted: false, Blocking: false);
        var panel = Render(Detail(gates: advisory), SigningSession.Person(Now.AddMinutes(-1)));

        Assert.Empty(panel.FindAll("#approve-blocked"));
        Assert.Equal("Sign as Approved", panel.Find("#sign-release").TextContent.Trim());
    }

    [Fact]
    public void Re_authentication_names_what_is_being_signed()
    {
        var panel = Render(Detail(), SigningSession.Person(Now.AddMinutes(-6)));

        Assert.Contains("You are about to sign release #7: credit-pd 1.1.0 → Production", panel.Find("#reauthenticate-purpose").TextContent, StringComparison.Ordinal);
        Assert.Equal("Re-authenticate to sign release #7", panel.Find("#reauthenticate").TextContent.Trim());
    }

    [Fact]
    public void A_decided_request_has_no_signing_panel() =>
        Assert.Empty(Render(Detail(status: ReleaseStatus.Approved), SigningSession.Person(Now)).FindAll("#sign-panel"));

    [Fact]
    public void Signatures_show_whether_they_still_verify()
    {
        var detail = Detail() with
        {
            Signatures =
            [
                new SignatureView(1, "rita", "Rita Reviewer", Now, SignatureMeaning.Approved, "Good.", new string('a', 64), Verified: true),
                new SignatureView(2, "ralph", "Ralph Reviewer", Now, SignatureMeaning.Rejected, "No.", new string('b', 64), Verified: false),
            ],
        };
        var panel = Render<SignaturesPanel>(p => p.Add(c => c.Detail, detail));

        Assert.Single(panel.FindAll("[data-signer=rita] .signature-verified"));
        Assert.Contains("the record changed after signing", panel.Find("[data-signer=ralph] .signature-broken").TextContent, StringComparison.Ordinal);
    }

    private IRenderedComponent<SignPanel> Render(ReleaseDetail detail, SigningSession session) =>
        Render<SignPanel>(p => p.Add(c => c.Detail, detail).Add(c => c.Session, session).Add(c => c.OnSigned, default(EventCallback<string>)));

    private static ReleaseDetail Detail(ReleaseStatus status = ReleaseStatus.Pending, string? blocked = null, bool signingRole = true,
        params GateView[] gates)
    {
        var version = new VersionView("credit-pd", "1.1.0", null, null, null, null, [], [], null, null, VersionStage.Staging, Now, "Eric", null, null, 1);
        return new ReleaseDetail(7, "credit-pd", "Credit PD", "Credit Risk", RiskTier.Low, version, VersionStage.Production, "Summary", "Plan", "eric",
            "Eric Engineer", Now, status, null, null, null, null, 1, ApprovalPolicy.Default(RiskTier.Low).Rules, 1, 0,
            "Judged by the Low approval policy version 1 (fairness policy version 0), frozen when requested.", null, gates, [], null, [],
            new ReleaseActions(false, false, blocked, signingRole));
    }
}

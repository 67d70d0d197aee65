using Portal.Domain.Inventory;
using Portal.Domain.Webhooks;

namespace Portal.Domain.Tests.Webhooks;

public class WebhookEventTypesTests
{
    [Theory]
    [InlineData("Release.Requested", "release.requested")]
    [InlineData("Release.Signed", "release.signed")]
    [InlineData("Release.SignedRejection", "release.signed")]
    [InlineData("Release.Promoted", "release.approved")]
    [InlineData("Release.Rejected", "release.rejected")]
    [InlineData("Release.Withdrawn", "release.withdrawn")]
    [InlineData("Release.GateExceptionRecorded", "gate_exception.recorded")]
    [InlineData("Ownership.Assigned", "owner.assigned")]
    [InlineData("Ownership.Ended", "owner.ended")]
    [InlineData("Flag.Raised", "flag.raised")]
    [InlineData("Flag.Resolved", "flag.resolved")]
    [InlineData("User.Deactivated", "person.deactivated")]
    [InlineData("ModelCard.Reviewed", "card.reviewed")]
    [InlineData("AccessRequest.Opened", "access.requested")]
    [InlineData("AccessRequest.Granted", "access.granted")]
    [InlineData("AuditRequest.Opened", "audit_request.opened")]
    [InlineData("AuditAnswer.Given", "audit_request.answered")]
    public void Each_announced_audit_action_maps_to_its_event_type(string action, string type)
    {
        Assert.Equal(type, WebhookEventTypes.ForAuditAction(action));
    }

    [Theory]
    [InlineData("Access.Denied")]
    [InlineData("User.SignedIn")]
    [InlineData("Webhook.SecretRotated")]
    [InlineData("Flag.Snoozed")]
    public void Other_audit_actions_send_nothing(string action)
    {
        Assert.Null(WebhookEventTypes.ForAuditAction(action));
    }

    [Theory]
    [InlineData("release-42", "Release", "/releases/42")]
    [InlineData("release-42:gate-1", "GateException", "/releases/42")]
    [InlineData("demo-eric", "User", "/admin/users")]
    [InlineData("credit-pd:Primary:demo-eric", "Ownership", "/models/credit-pd")]
    public void Links_go_to_the_exact_record(string entityId, string entityType, string path)
    {
        Assert.Equal(path, WebhookLinks.PathFor(entityType, entityId, "credit-pd"));
    }

    [Fact]
    public void A_subscription_filter_matches_team_and_tier_and_skips_people_events_when_filtered()
    {
        var filtered = WebhookSubscription.Create("https://x.example/", "", [WebhookEventTypes.FlagRaised, WebhookEventTypes.PersonDeactivated],
            "Credit Risk", RiskTier.High, "protected", "admin", DateTime.UnixEpoch);

        Assert.True(filtered.Wants(WebhookEventTypes.FlagRaised, "credit risk", RiskTier.High));
        Assert.False(filtered.Wants(WebhookEventTypes.FlagRaised, "Fraud", RiskTier.High));
        Assert.False(filtered.Wants(WebhookEventTypes.FlagRaised, "Credit Risk", RiskTier.Low));
        Assert.False(filtered.Wants(WebhookEventTypes.ReleaseRequested, "Credit Risk", RiskTier.High));
        Assert.False(filtered.Wants(WebhookEventTypes.PersonDeactivated, null, null));
    }
}

using Portal.Domain.Inventory;
using Portal.Domain.Releases;

namespace Portal.Domain.Tests.Releases;

public class ApprovalPolicyTests
{
    [Theory]
    [InlineData(RiskTier.Low, 1, false, false, 36)]
    [InlineData(RiskTier.Medium, 1, true, false, 24)]
    [InlineData(RiskTier.High, 2, true, true, 12)]
    public void Defaults_follow_the_risk_tier(RiskTier tier, int signOffs, bool allGates, bool outside, int months) =>
        Assert.Equal(new ApprovalRules(signOffs, allGates, outside, months), ApprovalPolicy.Default(tier).Rules);

    [Fact]
    public void A_change_is_recorded_with_who_and_when()
    {
        var policy = ApprovalPolicy.Default(RiskTier.Low);
        var at = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        policy.Change(new ApprovalRules(2, true, false, 12), "Alice Admin", at);
        Assert.Equal((2, true, 12, "Alice Admin", at, "ApprovalPolicy.Changed"),
            (policy.RequiredSignOffs, policy.RequireAllGates, policy.RevalidationMonths, policy.ChangedBy, policy.ChangedAt, policy.PendingAuditAction));
    }

    [Theory]
    [InlineData(0, 12, "requiredSignOffs")]
    [InlineData(6, 12, "requiredSignOffs")]
    [InlineData(1, 0, "revalidationMonths")]
    [InlineData(1, 121, "revalidationMonths")]
    public void Out_of_range_rules_are_refused(int signOffs, int months, string field)
    {
        var rules = new ApprovalRules(signOffs, false, false, months);
        Assert.Equal(field, Assert.Single(ApprovalRules.Problems(rules)).Field);
        Assert.Throws<InvalidOperationException>(() => ApprovalPolicy.Default(RiskTier.Low).Change(rules, "Alice", DateTime.UtcNow));
    }
}

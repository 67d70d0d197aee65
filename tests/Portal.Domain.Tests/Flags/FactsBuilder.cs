using Portal.Domain.Flags;
using Portal.Domain.Inventory;
using Portal.Domain.Ownership;

namespace Portal.Domain.Tests.Flags;

/// <summary>Model facts for rule tests: a Production, Medium tier model registered at <see cref="Start"/>.</summary>
internal static class FactsBuilder
{
    public static readonly DateTime Start = new(2026, 1, 1, 9, 0, 0, DateTimeKind.Utc);

    public static ModelFacts Model(LifecycleStatus status = LifecycleStatus.Production, RiskTier tier = RiskTier.Medium, int id = 1)
    {
        return new ModelFacts(id, $"model-{id}", "risk", tier, status, Start);
    }

    public static ModelFacts WithOwner(this ModelFacts facts, OwnerRole role = OwnerRole.Primary, bool active = true, DateTime? assignedAt = null,
        DateTime? acknowledgedAt = null, string name = "Ada Novak")
    {
        var at = assignedAt ?? Start;
        facts.Owners.Add(new OwnerFact(name.ToLowerInvariant().Replace(' ', '.'), name, role, active, at, acknowledgedAt ?? at));
        return facts;
    }

    public static FlagCondition? Evaluate(this IFlagRule rule, ModelFacts facts, DateTime now) => rule.Evaluate(facts, RuleSettings.DefaultsOf(rule), now);

    public static DateTime Day(int days) => Start.AddDays(days);
}

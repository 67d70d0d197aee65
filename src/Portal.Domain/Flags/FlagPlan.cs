namespace Portal.Domain.Flags;

/// <summary>What one scan changes: flags to raise (rule, facts, condition) and open flags to resolve.</summary>
public sealed record FlagPlan(IReadOnlyList<FlagToRaise> Raise, IReadOnlyList<OpenFlag> Resolve, int ModelsScanned);

/// <summary>What the comparison needs of an open flag; the scan reads only this, not whole flags.</summary>
public sealed record OpenFlag(int Id, string Rule, int ModelId);

public sealed record FlagToRaise(IFlagRule Rule, RuleSettings Settings, ModelFacts Facts, FlagCondition Condition);

/// <summary>
/// Compares what the rules say now with the flags that are open, in memory. A flag that is open and still holds is left
/// alone (so a second scan changes nothing); one whose condition went, whose model is gone from the facts (retired), or
/// whose rule was turned off is resolved. Rules that cannot be judged (a fact kind nobody contributes) leave their flags be.
/// </summary>
public static class FlagReconciler
{
    public static FlagPlan Plan(IReadOnlyCollection<ModelFacts> facts, IReadOnlyCollection<IFlagRule> rules,
        IReadOnlyDictionary<string, RuleSettings> settings, IEnumerable<OpenFlag> open, DateTime now, ISet<string> knownFacts)
    {
        var openByKey = new Dictionary<(string Rule, int ModelId), OpenFlag>();
        var resolve = new List<OpenFlag>();
        foreach (var flag in open)
        {
            // A duplicate cannot exist (unique index), but if it did the older one would be kept.
            if (!openByKey.TryAdd((flag.Rule, flag.ModelId), flag))
            {
                resolve.Add(flag);
            }
        }
        var raise = new List<FlagToRaise>();
        var judged = rules.Where(r => r.RequiredFacts.All(knownFacts.Contains)).ToList();
        var holding = new HashSet<(string, int)>();
        foreach (var rule in judged)
        {
            var ruleSettings = settings.GetValueOrDefault(rule.Name) ?? RuleSettings.DefaultsOf(rule);
            if (!ruleSettings.Enabled)
            {
                continue;
            }
            foreach (var model in facts)
            {
                if (rule.Evaluate(model, ruleSettings, now) is not { } condition)
                {
                    continue;
                }
                holding.Add((rule.Name, model.ModelId));
                if (!openByKey.ContainsKey((rule.Name, model.ModelId)))
                {
                    raise.Add(new FlagToRaise(rule, ruleSettings, model, condition));
                }
            }
        }
        var judgedNames = judged.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var knownRules = rules.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        // Flags of a rule that no longer exists resolve too; flags of a rule that cannot be judged now are kept.
        resolve.AddRange(openByKey.Where(o => (judgedNames.Contains(o.Key.Rule) || !knownRules.Contains(o.Key.Rule)) && !holding.Contains(o.Key))
            .Select(o => o.Value));
        return new FlagPlan(raise, resolve, facts.Count);
    }
}

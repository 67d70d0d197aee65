using System.Globalization;

namespace Portal.Domain.Flags.Rules;

/// <summary>An output of the model holds score values outside the range its score column declared.</summary>
public sealed class OutOfRangeOutputsRule : IFlagRule
{
    public const string RuleName = "out-of-range-outputs";

    public string Name => RuleName;
    public string Title => "Out-of-range outputs";
    public FlagSeverity DefaultSeverity => FlagSeverity.Medium;
    public bool BlocksReleasesByDefault => false;
    public FlagActors WhoActs => FlagActors.Owners;
    public IReadOnlyList<RuleThreshold> Thresholds => [];
    public IReadOnlyList<string> RequiredFacts => [FactKinds.Outputs];

    public FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now)
    {
        if (facts.OutOfRangeOutputs.Count == 0)
        {
            return null;
        }
        var first = facts.OutOfRangeOutputs.OrderBy(o => o.RegisteredAt).ThenBy(o => o.OutputId).First();
        var detail = string.Create(CultureInfo.InvariantCulture,
            $"Output '{first.Name}' of {first.VersionLabel} (/outputs/{first.OutputId}) has {first.OutOfRange} {first.Column} values outside [{first.Minimum}, {first.Maximum}]; for example {first.Example}.");
        var others = facts.OutOfRangeOutputs.Count - 1;
        return new(first.RegisteredAt, others == 0 ? detail : $"{detail} {others} more output{(others == 1 ? "" : "s")} out of range.");
    }
}

namespace Portal.Domain.Flags;

/// <summary>
/// One staleness or orphaning rule. A rule is self-contained: adding one means writing a class and registering it,
/// nothing else changes. Retired models are never flagged.
/// </summary>
public interface IFlagRule
{
    /// <summary>Stable machine name, e.g. "orphaned"; used in flags, settings, filters and the API.</summary>
    string Name { get; }

    /// <summary>What the rule means, in words for the dashboard.</summary>
    string Title { get; }

    FlagSeverity DefaultSeverity { get; }

    /// <summary>Whether an open flag of this rule blocks releases unless an Admin says otherwise.</summary>
    bool BlocksReleasesByDefault { get; }

    FlagActors WhoActs { get; }

    /// <summary>The thresholds an Admin can tune, with their defaults.</summary>
    IReadOnlyList<RuleThreshold> Thresholds { get; }

    /// <summary>The fact kinds the rule needs; while one is not contributed the rule is not evaluated (its flags stay as they are).</summary>
    IReadOnlyList<string> RequiredFacts { get; }

    /// <summary>The condition when it holds for <paramref name="facts"/> at <paramref name="now"/>, or null.</summary>
    FlagCondition? Evaluate(ModelFacts facts, RuleSettings settings, DateTime now);
}

/// <summary>A rule's condition holding: since when, and what a person reads about it.</summary>
public sealed record FlagCondition(DateTime Since, string Detail);

/// <summary>A tunable number of days, e.g. "days" = 180.</summary>
public sealed record RuleThreshold(string Key, string Label, int DefaultDays);

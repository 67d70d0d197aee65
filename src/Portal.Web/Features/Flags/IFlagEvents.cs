using Portal.Domain.Flags;

namespace Portal.Web.Features.Flags;

/// <summary>
/// Told after each scan which flags it raised and resolved, once they are saved (e.g. to notify who must act).
/// Failures are logged, never undo the scan.
/// </summary>
public interface IFlagEvents
{
    Task FlagsChangedAsync(FlagChanges changes, CancellationToken cancellationToken);
}

/// <summary>The flags one scan raised and resolved.</summary>
public sealed record FlagChanges(IReadOnlyList<FlagChange> Raised, IReadOnlyList<FlagChange> Resolved);

/// <summary>One raised or resolved flag, with who must act on it (team managers or owners of the model).</summary>
public sealed record FlagChange(int FlagId, string Rule, int ModelId, string ModelKey, string Team, FlagSeverity Severity, FlagActors WhoActs, string Detail)
{
    public static FlagChange From(Flag f) => new(f.Id, f.Rule, f.ModelId, f.ModelKey, f.Team, f.Severity, f.WhoActs, f.Detail);
}

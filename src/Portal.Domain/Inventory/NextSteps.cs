using Portal.Domain.Releases;

namespace Portal.Domain.Inventory;

public enum StepState
{
    ToDo,
    InProgress,
    Done,
}

/// <summary>One step on a model's way to a release: its state, what to do next in words, and the model page's tab where it is done.</summary>
public sealed record NextStep(string Key, string Title, StepState State, string Detail, string Tab);

/// <summary>What the checklist reads about a model; each fact is null when there is none.</summary>
public sealed record NextStepFacts(
    string ModelKey,
    string Team,
    string? PrimaryOwnerName,
    string? NewestVersionLabel,
    bool? NewestVersionFairnessPassed,
    int? LastRequestId,
    string? LastRequestVersionLabel,
    ReleaseStatus? LastRequestStatus,
    int? CardRevision = null,
    bool CardReviewed = false);

/// <summary>
/// The "next steps" checklist of a model page, in one place: owner, version, fairness, model card, release request. A new
/// kind of evidence is one more item here.
/// </summary>
public static class NextSteps
{
    public static IReadOnlyList<NextStep> For(NextStepFacts facts) => [Owner(facts), Version(facts), Fairness(facts), Card(facts), Release(facts)];

    private static NextStep Owner(NextStepFacts f) => f.PrimaryOwnerName is { } owner
        ? new("owner", "Primary owner", StepState.Done, $"{owner} is accountable for {f.ModelKey}.", "ownership")
        : new("owner", "Primary owner", StepState.ToDo, $"{f.ModelKey} has no owner yet. A manager of team {f.Team} or an Admin assigns one on the Ownership tab.", "ownership");

    private static NextStep Version(NextStepFacts f) => f.NewestVersionLabel is { } label
        ? new("version", "Version", StepState.Done, $"Newest version: {label}.", "versions")
        : new("version", "Version", StepState.ToDo, "Register a version with its lineage (data sets, code commit, metrics) on the Versions tab.", "versions");

    private static NextStep Fairness(NextStepFacts f) => (f.NewestVersionLabel, f.NewestVersionFairnessPassed) switch
    {
        (null, _) => new("fairness", "Fairness evaluation", StepState.ToDo, "Evaluate fairness once a version is registered.", "fairness"),
        (var label, true) => new("fairness", "Fairness evaluation", StepState.Done, $"The latest evaluation of {label} passed the policy.", "fairness"),
        (var label, false) => new("fairness", "Fairness evaluation", StepState.ToDo, $"The latest evaluation of {label} failed the policy; evaluate again after fixing it.", "fairness"),
        (var label, null) => new("fairness", "Fairness evaluation", StepState.ToDo, $"Upload predictions of {label} to evaluate fairness on the Fairness tab.", "fairness"),
    };

    /// <summary>Whether the card is complete for the tier the Card tab and the model-card gate say; here, whether it exists and is reviewed.</summary>
    private static NextStep Card(NextStepFacts f) => (f.CardRevision, f.CardReviewed) switch
    {
        (null, _) => new("card", "Model card", StepState.ToDo, "Write the model card on the Card tab.", "card"),
        (var revision, false) => new("card", "Model card", StepState.InProgress,
            $"Card revision {revision} awaits a Compliance reviewer's review; the Card tab shows what is still missing.", "card"),
        (var revision, true) => new("card", "Model card", StepState.Done, $"Card revision {revision} was reviewed.", "card"),
    };

    private static NextStep Release(NextStepFacts f)
    {
        const string title = "Release request";
        if (f.LastRequestId is not { } id)
        {
            return f.NewestVersionLabel is { } label
                ? new("release", title, StepState.ToDo, $"Request a release of {label} on the Releases tab.", "releases")
                : new("release", title, StepState.ToDo, "Request a release once a version is registered.", "releases");
        }
        return f.LastRequestStatus switch
        {
            ReleaseStatus.Pending => new("release", title, StepState.InProgress, $"Release #{id} of {f.LastRequestVersionLabel} awaits sign-off.", "releases"),
            ReleaseStatus.Approved => new("release", title, StepState.Done, $"Release #{id} of {f.LastRequestVersionLabel} was approved.", "releases"),
            var closed => new("release", title, StepState.ToDo,
                $"Release #{id} of {f.LastRequestVersionLabel} was {closed.ToString()!.ToLowerInvariant()}; request again when ready.", "releases"),
        };
    }
}

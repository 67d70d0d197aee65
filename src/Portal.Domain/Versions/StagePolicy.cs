namespace Portal.Domain.Versions;

/// <summary>
/// Which stage moves are allowed and what they drag along: a model has at most one Production version (the database
/// holds it to that with a unique index), so promoting one archives the one it replaces, saved just before, in the same
/// transaction. Any number of versions may be in Staging.
/// </summary>
public static class StagePolicy
{
    /// <summary>Null when <paramref name="version"/> may move to <paramref name="target"/>; otherwise why not.</summary>
    public static string? MoveProblem(ModelVersion version, VersionStage target)
    {
        if (!Enum.IsDefined(target))
        {
            return $"Stage must be one of {string.Join(", ", Enum.GetNames<VersionStage>())}.";
        }
        if (target == VersionStage.None)
        {
            // "Not staged" means "never released"; a version that was released keeps that history, so it is archived instead.
            return "A version cannot go back to no stage; archive it instead.";
        }
        return target == version.Stage ? $"Version {version.Label} is already in {target}." : null;
    }

    /// <summary>The versions of the same model that must be archived when <paramref name="moving"/> goes to <paramref name="target"/>.</summary>
    public static IReadOnlyList<ModelVersion> VersionsToArchive(IEnumerable<ModelVersion> versionsOfModel, ModelVersion moving, VersionStage target) =>
        target != VersionStage.Production
            ? []
            : [.. versionsOfModel.Where(v => v.Stage == VersionStage.Production
                && v.ModelId == moving.ModelId
                && !string.Equals(v.Label, moving.Label, StringComparison.OrdinalIgnoreCase))];

    /// <summary>
    /// Moves <paramref name="moving"/> to <paramref name="target"/> and archives what it replaces; the one place a stage
    /// move happens, whether an Admin sets it directly or a release is approved. The replaced versions leave Production
    /// first and <paramref name="saveArchived"/> stores them (in the caller's transaction) before <paramref name="moving"/>
    /// enters it, so a store that allows one Production version per model never sees two. Returns the versions archived.
    /// </summary>
    public static async Task<IReadOnlyList<ModelVersion>> MoveAsync(IEnumerable<ModelVersion> versionsOfModel, ModelVersion moving,
        VersionStage target, string changedBy, DateTime now, Func<Task> saveArchived)
    {
        if (MoveProblem(moving, target) is { } problem)
        {
            throw new InvalidOperationException(problem);
        }
        var archived = VersionsToArchive(versionsOfModel, moving, target);
        foreach (var previous in archived)
        {
            previous.MoveToStage(VersionStage.Archived, changedBy, now);
        }
        if (archived.Count > 0)
        {
            await saveArchived();
        }
        moving.MoveToStage(target, changedBy, now);
        return archived;
    }
}

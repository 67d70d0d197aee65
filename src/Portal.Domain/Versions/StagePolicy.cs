namespace Portal.Domain.Versions;

/// <summary>
/// Which stage moves are allowed and what they drag along: a model has at most one Production version,
/// so promoting one archives the one it replaces, in the same save.
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
    /// move happens, whether an Admin sets it directly or a release is approved. Returns the versions archived.
    /// </summary>
    public static IReadOnlyList<ModelVersion> Move(IEnumerable<ModelVersion> versionsOfModel, ModelVersion moving, VersionStage target,
        string changedBy, DateTime now)
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
        moving.MoveToStage(target, changedBy, now);
        return archived;
    }
}

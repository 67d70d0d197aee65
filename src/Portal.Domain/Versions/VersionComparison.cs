namespace Portal.Domain.Versions;

/// <summary>
/// What changed from one version (left, usually the older) to another (right): the evidence a reviewer
/// reads for a champion/challenger decision.
/// </summary>
public sealed record VersionComparison(
    string LeftLabel,
    string RightLabel,
    IReadOnlyList<ValueDifference> Hyperparameters,
    IReadOnlyList<ValueDifference> Metrics,
    DataSetDifference TrainingData,
    DataSetDifference EvaluationData,
    CodeDifference Code)
{
    public bool AnyChange =>
        Hyperparameters.Any(v => v.Changed) || Metrics.Any(v => v.Changed) || TrainingData.Changed || EvaluationData.Changed || Code.Changed;

    public static VersionComparison Compare(ModelVersion left, ModelVersion right) => new(
        left.Label,
        right.Label,
        Rows(left.Hyperparameters, right.Hyperparameters),
        Rows(left.Metrics, right.Metrics),
        new DataSetDifference(left.TrainingData, right.TrainingData),
        new DataSetDifference(left.EvaluationData, right.EvaluationData),
        new CodeDifference(left.CodeRepository, right.CodeRepository, left.CodeCommit, right.CodeCommit));

    /// <summary>One row per key of either side, left's order first; keys match regardless of case, as the rules make them unique that way.</summary>
    private static List<ValueDifference> Rows(IReadOnlyList<TypedValue> left, IReadOnlyList<TypedValue> right)
    {
        var rightByKey = right.GroupBy(v => v.Key, StringComparer.OrdinalIgnoreCase).ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var leftKeys = new HashSet<string>(left.Select(v => v.Key), StringComparer.OrdinalIgnoreCase);
        var rows = left.Select(l => ValueDifference.Of(l.Key, l, rightByKey.GetValueOrDefault(l.Key))).ToList();
        rows.AddRange(right.Where(r => !leftKeys.Contains(r.Key)).Select(r => ValueDifference.Of(r.Key, null, r)));
        return rows;
    }
}

/// <summary>One hyperparameter or metric on both sides; null where a side does not have it.</summary>
public sealed record ValueDifference(string Key, TypedValue? Left, TypedValue? Right, bool Changed, double? Delta)
{
    public static ValueDifference Of(string key, TypedValue? left, TypedValue? right)
    {
        var leftNumber = left is null ? null : TypedValueRules.AsNumber(left);
        var rightNumber = right is null ? null : TypedValueRules.AsNumber(right);
        // Numbers compare by value, so "0.10" and "0.1" are the same learning rate.
        var sameValue = leftNumber is not null && rightNumber is not null
            ? leftNumber == rightNumber
            : string.Equals(left?.Value, right?.Value, StringComparison.Ordinal);
        var changed = left is null || right is null || left.Type != right.Type || !sameValue;
        var delta = leftNumber is not null && rightNumber is not null ? rightNumber - leftNumber : null;
        return new ValueDifference(key, left, right, changed, delta);
    }
}

/// <summary>A data set reference on both sides. A changed hash under the same URI means the data was rewritten in place.</summary>
public sealed record DataSetDifference(DataSetReference? Left, DataSetReference? Right)
{
    public bool UriChanged => !string.Equals(Left?.Uri, Right?.Uri, StringComparison.Ordinal);

    public bool HashChanged => !string.Equals(Left?.Sha256, Right?.Sha256, StringComparison.OrdinalIgnoreCase);

    public bool Changed => UriChanged || HashChanged;
}

/// <summary>The code a version was trained with, on both sides.</summary>
public sealed record CodeDifference(string? LeftRepository, string? RightRepository, string? LeftCommit, string? RightCommit)
{
    public bool RepositoryChanged => !string.Equals(LeftRepository, RightRepository, StringComparison.Ordinal);

    public bool CommitChanged => !string.Equals(LeftCommit, RightCommit, StringComparison.OrdinalIgnoreCase);

    public bool Changed => RepositoryChanged || CommitChanged;
}

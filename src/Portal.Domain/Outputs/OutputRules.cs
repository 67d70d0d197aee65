namespace Portal.Domain.Outputs;

/// <summary>What a registered output must satisfy; each problem is keyed by the field it concerns.</summary>
public static class OutputRules
{
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int ColumnNameMaxLength = 128;
    public const int MaxColumns = 500;
    public const int MaxTagsPerColumn = 10;
    public const int ReferenceMaxLength = 2000;

    public static Dictionary<string, string[]> Validate(OutputDetails details, IReadOnlySet<string> knownTags)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(details.Name) || details.Name.Trim().Length > NameMaxLength || QueryText.HasControlCharacter(details.Name))
        {
            errors["name"] = [$"A name of 1 to {NameMaxLength} characters without control characters is required."];
        }
        if (details.Description?.Trim().Length > DescriptionMaxLength)
        {
            errors["description"] = [$"The description is at most {DescriptionMaxLength} characters."];
        }
        if (!Enum.IsDefined(details.Classification))
        {
            errors["classification"] = ["Use Public, Internal, Confidential or Restricted."];
        }
        if (details.ProducedAt == default)
        {
            errors["producedAt"] = ["When the output was produced is required."];
        }
        if (details.RowCount is < 0)
        {
            errors["rowCount"] = ["The row count cannot be negative."];
        }
        var columnProblems = ColumnProblems(details.Columns, knownTags).ToArray();
        if (columnProblems.Length > 0)
        {
            errors["columns"] = columnProblems;
        }
        if (details.ExpectedScoreRange is { } range && RangeProblem(range, details.Columns) is { } rangeProblem)
        {
            errors["expectedScoreRange"] = [rangeProblem];
        }
        return errors;
    }

    /// <summary>Null when <paramref name="reference"/> is an absolute URI of reasonable length.</summary>
    public static string? ReferenceProblem(string? reference) =>
        string.IsNullOrWhiteSpace(reference) || reference.Length > ReferenceMaxLength || !Uri.TryCreate(reference.Trim(), UriKind.Absolute, out _)
            ? $"The reference must be an absolute URI of at most {ReferenceMaxLength} characters (for example s3://bucket/predictions.csv)."
            : null;

    private static IEnumerable<string> ColumnProblems(IReadOnlyList<OutputColumn>? columns, IReadOnlySet<string> knownTags)
    {
        if (columns is null || columns.Count is 0 or > MaxColumns)
        {
            yield return $"Declare 1 to {MaxColumns} columns.";
            yield break;
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            var name = column.Name?.Trim() ?? "";
            if (name.Length is 0 or > ColumnNameMaxLength || QueryText.HasControlCharacter(name))
            {
                yield return $"Column names are 1 to {ColumnNameMaxLength} characters without control characters.";
                continue;
            }
            if (!seen.Add(name))
            {
                yield return $"Column '{name}' is declared twice.";
            }
            if (!Enum.IsDefined(column.Type))
            {
                yield return $"Column '{name}' has no valid type (String, Integer, Decimal, Boolean, DateTime).";
            }
            var tags = column.Tags ?? [];
            if (tags.Count > MaxTagsPerColumn)
            {
                yield return $"Column '{name}' has more than {MaxTagsPerColumn} tags.";
            }
            foreach (var tag in tags.Select(OutputTags.Normalize).Where(t => !knownTags.Contains(t)))
            {
                yield return $"Column '{name}': '{tag}' is not a defined tag (built in: {string.Join(", ", OutputTags.BuiltIn)}; an Admin defines others).";
            }
        }
    }

    private static string? RangeProblem(ScoreRange range, IReadOnlyList<OutputColumn>? columns)
    {
        var column = columns?.FirstOrDefault(c => string.Equals(c.Name?.Trim(), range.Column?.Trim(), StringComparison.Ordinal));
        if (column is null)
        {
            return $"The score column '{range.Column}' is not among the declared columns.";
        }
        if (column.Type is not (OutputColumnType.Decimal or OutputColumnType.Integer))
        {
            return $"The score column '{range.Column}' must be Decimal or Integer.";
        }
        return !double.IsFinite(range.Minimum) || !double.IsFinite(range.Maximum) || range.Minimum > range.Maximum
            ? "The expected range needs finite minimum and maximum with minimum ≤ maximum."
            : null;
    }
}

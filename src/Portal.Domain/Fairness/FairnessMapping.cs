namespace Portal.Domain.Fairness;

/// <summary>
/// Which columns of a predictions file mean what. The negative value is optional: left out, the first
/// value that is not the positive one becomes the negative value, and any third value is refused
/// (a binary classifier has exactly two outcomes).
/// </summary>
public sealed record FairnessMapping(
    string LabelColumn,
    string PredictionColumn,
    IReadOnlyList<string> SensitiveColumns,
    string? WeightColumn = null,
    string? ScoreColumn = null,
    string PositiveValue = "1",
    string? NegativeValue = null)
{
    /// <summary>Every problem with the mapping itself, before any file is read, keyed by field.</summary>
    public Dictionary<string, string[]> Validate()
    {
        var errors = new Dictionary<string, string[]>();
        Require(errors, "label", LabelColumn, "Choose the column holding the true label.");
        Require(errors, "prediction", PredictionColumn, "Choose the column holding the predicted label.");
        Require(errors, "positive", PositiveValue, "Say which label value is the positive outcome.");
        if (SensitiveColumns.Count == 0 || SensitiveColumns.Any(string.IsNullOrWhiteSpace))
        {
            errors["sensitive"] = ["Choose at least one sensitive feature column."];
        }
        else if (SensitiveColumns.Distinct(StringComparer.Ordinal).Count() != SensitiveColumns.Count)
        {
            errors["sensitive"] = ["Each sensitive feature column may be chosen only once."];
        }

        if (NegativeValue is not null && string.Equals(NegativeValue, PositiveValue, StringComparison.Ordinal))
        {
            errors["negative"] = ["The negative value must differ from the positive value."];
        }

        if (errors.Count == 0 && Describe().Length > FairnessEvaluation.MappingMaxLength)
        {
            errors["mapping"] = [$"The mapping is kept with the evaluation in at most {FairnessEvaluation.MappingMaxLength} characters; " +
                "this one is longer: shorten the column names or values."];
        }

        return errors;
    }

    /// <summary>The mapping as the evaluation keeps it: label=...; prediction=...; sensitive=a+b; ...</summary>
    public string Describe() =>
        $"label={LabelColumn}; prediction={PredictionColumn}; sensitive={string.Join("+", SensitiveColumns)}" +
        $"{(WeightColumn is null ? "" : $"; weight={WeightColumn}")}{(ScoreColumn is null ? "" : $"; score={ScoreColumn}")}; positive={PositiveValue}" +
        $"{(NegativeValue is null ? "" : $"; negative={NegativeValue}")}";

    private static void Require(Dictionary<string, string[]> errors, string field, string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors[field] = [message];
        }
    }
}

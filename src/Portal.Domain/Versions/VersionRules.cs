using System.Text.RegularExpressions;

namespace Portal.Domain.Versions;

/// <summary>
/// Field rules for registering a version. A version's lineage can never be corrected afterwards, so
/// everything is checked before anything is written, and every failure names its field.
/// </summary>
public static partial class VersionRules
{
    public const int LabelMaxLength = 64;
    public const int UriMaxLength = 1000;
    public const int CodeRepositoryMaxLength = 500;
    public const int NotesMaxLength = 4000;
    public const int ValueKeyMaxLength = 100;
    public const int ValueMaxLength = 1000;
    public const int MaxValues = 50;

    public static Dictionary<string, string[]> Validate(VersionDetails details)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "label", LabelProblem(details.Label));
        CheckDataSet(errors, "trainingData", "training data set", details.TrainingData, required: true);
        CheckDataSet(errors, "evaluationData", "evaluation data set", details.EvaluationData, required: false);
        Check(errors, "codeRepository", RepositoryProblem(details.CodeRepository, details.CodeCommit));
        Check(errors, "codeCommit", CommitProblem(details.CodeCommit));
        CheckValues(errors, "hyperparameters", "hyperparameter", details.Hyperparameters);
        CheckValues(errors, "metrics", "metric", details.Metrics);
        Check(errors, "artifactUri", UriProblem(details.ArtifactUri, "Artifact URI", required: false));
        Check(errors, "notes", NotesProblem(details.Notes));
        return errors;
    }

    /// <summary>Labels are unique per model regardless of case, so "V2" cannot sit beside "v2".</summary>
    public static string NormalizeLabel(string label) => label.Trim().ToUpperInvariant();

    private static string? LabelProblem(string? label)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return "Label is required.";
        }
        if (label.Trim().Length > LabelMaxLength)
        {
            return $"Label must be at most {LabelMaxLength} characters.";
        }
        return LabelPattern().IsMatch(label.Trim())
            ? null
            : "Label must start with a letter or digit and use only letters, digits, '.', '_', '+' and '-'.";
    }

    private static void CheckDataSet(Dictionary<string, string[]> errors, string field, string name, DataSetReference? data, bool required)
    {
        var empty = data is null || (string.IsNullOrWhiteSpace(data.Uri) && string.IsNullOrWhiteSpace(data.Sha256));
        if (empty && !required)
        {
            return;
        }
        Check(errors, $"{field}.uri", UriProblem(data?.Uri, $"The {name}'s URI", required: true));
        Check(errors, $"{field}.sha256", HashProblem(data?.Sha256, name));
    }

    private static string? HashProblem(string? hash, string name)
    {
        if (string.IsNullOrWhiteSpace(hash))
        {
            return $"The {name}'s SHA-256 is required: it proves which content the version saw.";
        }
        return Sha256Pattern().IsMatch(hash.Trim()) ? null : "A SHA-256 is exactly 64 hexadecimal characters.";
    }

    private static string? UriProblem(string? uri, string label, bool required)
    {
        if (string.IsNullOrWhiteSpace(uri))
        {
            return required ? $"{label} is required." : null;
        }
        var trimmed = uri.Trim();
        if (trimmed.Length > UriMaxLength)
        {
            return $"{label} must be at most {UriMaxLength} characters.";
        }
        // Relative paths mean nothing outside the machine that wrote them, so lineage needs an absolute URI with
        // its scheme written out (.NET on Linux would otherwise read "/data/x" as a file URI).
        return Uri.TryCreate(trimmed, UriKind.Absolute, out var parsed)
            && trimmed.StartsWith(parsed.Scheme + ":", StringComparison.OrdinalIgnoreCase)
            && !trimmed.Any(char.IsWhiteSpace)
            ? null
            : $"{label} must be an absolute URI, such as s3://bucket/path or https://host/path.";
    }

    private static string? RepositoryProblem(string? repository, string? commit)
    {
        if (string.IsNullOrWhiteSpace(repository))
        {
            return string.IsNullOrWhiteSpace(commit) ? null : "A commit needs the repository it belongs to.";
        }
        if (repository.Trim().Length > CodeRepositoryMaxLength)
        {
            return $"Code repository must be at most {CodeRepositoryMaxLength} characters.";
        }
        return repository.Trim().Any(c => char.IsControl(c) || char.IsWhiteSpace(c))
            ? "Code repository must not contain spaces or control characters."
            : null;
    }

    private static string? CommitProblem(string? commit)
    {
        if (string.IsNullOrWhiteSpace(commit))
        {
            return null;
        }
        return CommitPattern().IsMatch(commit.Trim()) ? null : "A commit is 7 to 40 hexadecimal characters.";
    }

    private static string? NotesProblem(string? notes)
    {
        if (string.IsNullOrWhiteSpace(notes))
        {
            return null;
        }
        if (notes.Trim().Length > NotesMaxLength)
        {
            return $"Notes must be at most {NotesMaxLength} characters.";
        }
        return notes.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')) ? "Notes must not contain control characters." : null;
    }

    private static void CheckValues(Dictionary<string, string[]> errors, string field, string name, IReadOnlyList<TypedValue>? values)
    {
        var problems = TypedValueRules.Problems(values ?? [], name);
        if (problems.Count > 0)
        {
            errors[field] = [.. problems];
        }
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._+-]*$")]
    private static partial Regex LabelPattern();

    [GeneratedRegex(@"^[0-9A-Fa-f]{64}$")]
    private static partial Regex Sha256Pattern();

    [GeneratedRegex(@"^[0-9A-Fa-f]{7,40}$")]
    private static partial Regex CommitPattern();
}

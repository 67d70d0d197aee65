using System.Text.RegularExpressions;

namespace Portal.Domain.Inventory;

/// <summary>Field rules for a model; every failure is reported against its field, in words a person can act on.</summary>
public static partial class ModelRules
{
    public const int KeyMaxLength = 64;
    public const int NameMaxLength = 200;
    public const int DescriptionMaxLength = 4000;
    public const int TeamMaxLength = 100;
    public const int TagMaxLength = 40;
    public const int RetirementReasonMaxLength = 1000;
    public const int ClassificationReasonMaxLength = 1000;
    public const int MaxTags = 20;

    public static Dictionary<string, string[]> Validate(ModelDetails details, bool isNew)
    {
        var errors = new Dictionary<string, string[]>();
        if (isNew)
        {
            Check(errors, "key", KeyProblem(details.Key));
        }
        Check(errors, "name", TextProblem(details.Name, "Name", NameMaxLength, required: true, multiline: false));
        Check(errors, "description", TextProblem(details.Description, "Description", DescriptionMaxLength, required: false, multiline: true));
        Check(errors, "team", TextProblem(details.Team, "Team", TeamMaxLength, required: true, multiline: false));
        Check(errors, "riskTier", TierProblem(details.RiskTier));
        Check(errors, "status", StatusProblem(details.Status));
        Check(errors, "tags", TagsProblem(details.Tags));
        return errors;
    }

    /// <summary>The tier decides the release policy, so it is always chosen, never defaulted.</summary>
    public static string? TierProblem(RiskTier? tier) =>
        tier is null ? "Choose the risk tier (Low, Medium or High); it decides the release policy, so it has no default." :
        Enum.IsDefined(tier.Value) ? null : "Risk tier must be Low, Medium or High.";

    /// <summary>Tags are compared and stored trimmed and lower-case, without duplicates.</summary>
    public static List<string> NormalizeTags(IEnumerable<string>? tags) =>
        (tags ?? []).Select(tag => tag.Trim().ToLowerInvariant()).Where(tag => tag.Length > 0).Distinct().ToList();

    public static string NormalizeKey(string key) => key.Trim().ToUpperInvariant();

    private static string? KeyProblem(string? key)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            return "Key is required.";
        }
        if (key.Trim().Length > KeyMaxLength)
        {
            return $"Key must be at most {KeyMaxLength} characters.";
        }
        return KeyPattern().IsMatch(key.Trim())
            ? null
            : "Key must start with a letter or digit and use only letters, digits, '.', '-' and '_'.";
    }

    private static string? TextProblem(string? value, string label, int maxLength, bool required, bool multiline)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return required ? $"{label} is required." : null;
        }
        if (value.Trim().Length > maxLength)
        {
            return $"{label} must be at most {maxLength} characters.";
        }
        return value.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
            ? $"{label} must not contain control characters."
            : null;
    }

    private static string? StatusProblem(LifecycleStatus status) => status switch
    {
        LifecycleStatus.Retired => "A model is retired with the Retire action, which records a reason.",
        _ when !Enum.IsDefined(status) => "Status must be Development, Validation or Production.",
        _ => null,
    };

    private static string? TagsProblem(IReadOnlyList<string>? tags)
    {
        var normalized = NormalizeTags(tags);
        if (normalized.Count > MaxTags)
        {
            return $"At most {MaxTags} tags.";
        }
        var bad = normalized.FirstOrDefault(tag => tag.Length > TagMaxLength || !TagPattern().IsMatch(tag));
        return bad is null
            ? null
            : $"Tag '{bad}' must be at most {TagMaxLength} characters of letters, digits, '-', '_' or '.'.";
    }

    private static void Check(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex KeyPattern();

    [GeneratedRegex(@"^[a-z0-9][a-z0-9._-]*$")]
    private static partial Regex TagPattern();
}

using System.Globalization;

namespace Portal.Domain.Versions;

/// <summary>
/// Rules for a list of hyperparameters or metrics. Values are kept as invariant text so that
/// "0.1" means the same on every machine; the type says how to read and compare them.
/// </summary>
public static class TypedValueRules
{
    /// <summary>Every problem of the list, each naming the entry by its position and key.</summary>
    public static List<string> Problems(IReadOnlyList<TypedValue> values, string name)
    {
        var problems = new List<string>();
        if (values.Count > VersionRules.MaxValues)
        {
            problems.Add($"At most {VersionRules.MaxValues} {name}s.");
            return problems;
        }
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < values.Count; i++)
        {
            var problem = EntryProblem(values[i], name, seen);
            if (problem is not null)
            {
                problems.Add($"Row {i + 1}: {problem}");
            }
        }
        return problems;
    }

    /// <summary>The value as a number, when its type is number or integer and it parses; otherwise null.</summary>
    public static double? AsNumber(TypedValue value) =>
        value.Type is TypedValue.Number or TypedValue.Integer
        && double.TryParse(value.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)
        && double.IsFinite(number)
            ? number
            : null;

    private static string? EntryProblem(TypedValue? entry, string name, HashSet<string> seen)
    {
        if (entry is null || string.IsNullOrWhiteSpace(entry.Key))
        {
            return $"a {name} needs a key.";
        }
        var key = entry.Key.Trim();
        if (key.Length > VersionRules.ValueKeyMaxLength)
        {
            return $"key must be at most {VersionRules.ValueKeyMaxLength} characters.";
        }
        if (key.Any(char.IsControl))
        {
            return $"key '{key}' must not contain control characters.";
        }
        if (!seen.Add(key))
        {
            return $"key '{key}' appears more than once (keys are compared regardless of case).";
        }
        if (!TypedValue.Types.Contains(entry.Type, StringComparer.Ordinal))
        {
            return $"'{key}' has type '{entry.Type}'; use one of {string.Join(", ", TypedValue.Types)}.";
        }
        return ValueProblem(key, entry.Type, entry.Value?.Trim());
    }

    private static string? ValueProblem(string key, string type, string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return $"'{key}' needs a value.";
        }
        if (value.Length > VersionRules.ValueMaxLength)
        {
            return $"'{key}' must be at most {VersionRules.ValueMaxLength} characters.";
        }
        var parses = type switch
        {
            TypedValue.Number => double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number),
            TypedValue.Integer => long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _),
            TypedValue.Boolean => value is "true" or "false",
            _ => !value.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')),
        };
        return parses ? null : type switch
        {
            TypedValue.Number => $"'{key}' must be a number written with a '.' decimal point, such as 0.25 or 1e-3.",
            TypedValue.Integer => $"'{key}' must be a whole number, such as 42.",
            TypedValue.Boolean => $"'{key}' must be true or false.",
            _ => $"'{key}' must not contain control characters.",
        };
    }
}

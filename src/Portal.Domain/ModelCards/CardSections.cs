using System.Text.RegularExpressions;

namespace Portal.Domain.ModelCards;

/// <summary>One section of a card: a stable key, its heading and its Markdown text.</summary>
public sealed record CardSection(string Key, string Title, string Markdown)
{
    public bool IsStandard => CardSections.IsStandard(Key);

    public int WordCount => CardText.CountWords(Markdown);
}

/// <summary>
/// The sections of "Model Cards for Model Reporting" (Mitchell et al., 2019), in the paper's order. Custom sections an owner
/// adds get a key made from their title, prefixed "custom-" so they never take a standard key.
/// </summary>
public static partial class CardSections
{
    public const string CustomPrefix = "custom-";

    public static readonly IReadOnlyList<(string Key, string Title)> Standard =
    [
        ("model-details", "Model details"),
        ("intended-use", "Intended use"),
        ("factors", "Factors"),
        ("metrics", "Metrics"),
        ("evaluation-data", "Evaluation data"),
        ("training-data", "Training data"),
        ("quantitative-analyses", "Quantitative analyses"),
        ("ethical-considerations", "Ethical considerations"),
        ("caveats-and-recommendations", "Caveats and recommendations"),
    ];

    public static bool IsStandard(string key) => Standard.Any(s => s.Key == key);

    public static string? StandardTitle(string key) => Standard.FirstOrDefault(s => s.Key == key).Title;

    /// <summary>The key of a custom section titled <paramref name="title"/>: lower case words joined by hyphens.</summary>
    public static string CustomKey(string title) =>
        CustomPrefix + NonWord().Replace(title.Trim().ToLowerInvariant(), "-").Trim('-');

    /// <summary>Every standard section (empty where the card has none yet), then the custom ones in the order they were added.</summary>
    public static IReadOnlyList<CardSection> Complete(IEnumerable<CardSection> sections)
    {
        var byKey = sections.ToDictionary(s => s.Key, StringComparer.Ordinal);
        return
        [
            .. Standard.Select(s => byKey.TryGetValue(s.Key, out var held) ? held : new CardSection(s.Key, s.Title, "")),
            .. byKey.Values.Where(s => !s.IsStandard),
        ];
    }

    [GeneratedRegex("[^a-z0-9]+")]
    private static partial Regex NonWord();
}

/// <summary>Words in Markdown, as people count them: runs of letters or digits, markup aside.</summary>
public static partial class CardText
{
    public static int CountWords(string? markdown) => string.IsNullOrWhiteSpace(markdown) ? 0 : Word().Count(markdown);

    [GeneratedRegex(@"[\p{L}\p{N}][\p{L}\p{N}'’_-]*")]
    private static partial Regex Word();
}

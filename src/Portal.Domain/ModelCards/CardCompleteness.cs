using Portal.Domain.Inventory;

namespace Portal.Domain.ModelCards;

/// <summary>One required section a card does not yet satisfy, in a sentence a person can act on.</summary>
public sealed record MissingContent(string Key, string Title, int Words, int MinWords, string Problem);

/// <summary>How complete a card is for its tier's template: a score from 0 to 100 and exactly what is missing.</summary>
public sealed record CardCompleteness(int Score, IReadOnlyList<MissingContent> Missing, RiskTier RiskTier, int TemplateVersion)
{
    public bool IsComplete => Missing.Count == 0;

    /// <summary>The missing items in one line, for gates and filters.</summary>
    public string Summary => IsComplete
        ? $"complete for the {RiskTier}-tier template v{TemplateVersion}"
        : $"missing for the {RiskTier}-tier template v{TemplateVersion}: " + string.Join("; ", Missing.Select(m => m.Problem));

    public static CardCompleteness Of(IEnumerable<CardSection> sections, CardTemplate template)
    {
        var byKey = sections.ToDictionary(s => s.Key, StringComparer.Ordinal);
        var requirements = template.Requirements();
        var missing = new List<MissingContent>();
        foreach (var requirement in requirements)
        {
            var words = byKey.TryGetValue(requirement.Key, out var section) ? section.WordCount : 0;
            if (words == 0 && (section is null || section.Markdown.Trim().Length == 0))
            {
                missing.Add(new(requirement.Key, requirement.Title, 0, requirement.MinWords, $"{requirement.Title} is empty"
                    + (requirement.MinWords > 0 ? $" (needs at least {requirement.MinWords} words)" : "")));
            }
            else if (words < requirement.MinWords)
            {
                missing.Add(new(requirement.Key, requirement.Title, words, requirement.MinWords,
                    $"{requirement.Title} has {words} words, needs at least {requirement.MinWords}"));
            }
        }
        var score = requirements.Count == 0 ? 100 : (int)Math.Floor(100.0 * (requirements.Count - missing.Count) / requirements.Count);
        return new(score, missing, template.RiskTier, template.Version);
    }
}

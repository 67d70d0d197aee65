using System.Text;
using YamlDotNet.Serialization;

namespace Portal.Domain.ModelCards;

/// <summary>One metric result for the model-index of a Hugging Face card.</summary>
public sealed record CardMetric(string Name, double Value);

/// <summary>The Hugging Face metadata the portal writes and reads: license, tags, datasets, metrics and the model-index results.</summary>
public sealed record CardMetadata(string? License, IReadOnlyList<string> Tags, IReadOnlyList<string> Datasets, IReadOnlyList<CardMetric> Results)
{
    public static readonly CardMetadata Empty = new(null, [], [], []);
}

/// <summary>
/// A Hugging Face README.md read into sections: standard ones where a heading matches, custom ones otherwise; with each heading
/// of the README and the section it went to, so a preview can show the mapping.
/// </summary>
public sealed record ImportedCard(CardMetadata Metadata, IReadOnlyList<CardSection> Sections, IReadOnlyList<ImportedHeading> Headings);

/// <summary>One level-two heading of an imported README and the card section its text went to (a custom one when no standard section matched).</summary>
public sealed record ImportedHeading(string Heading, string SectionKey, string SectionTitle, bool Custom);

/// <summary>
/// Hugging Face model card interchange: Markdown with YAML front matter (license, tags, datasets, metrics, model-index), one
/// level-two heading per section. Import maps Hugging Face's usual headings to the paper's sections and keeps the rest as custom sections.
/// </summary>
public static class HuggingFaceCard
{
    private static readonly Dictionary<string, string> Headings = new(StringComparer.OrdinalIgnoreCase)
    {
        ["model details"] = "model-details", ["model description"] = "model-details",
        ["intended use"] = "intended-use", ["intended uses"] = "intended-use", ["uses"] = "intended-use", ["intended uses & limitations"] = "intended-use",
        ["factors"] = "factors",
        ["metrics"] = "metrics",
        ["evaluation data"] = "evaluation-data", ["testing data"] = "evaluation-data", ["evaluation"] = "evaluation-data",
        ["training data"] = "training-data", ["training details"] = "training-data",
        ["quantitative analyses"] = "quantitative-analyses", ["results"] = "quantitative-analyses",
        ["ethical considerations"] = "ethical-considerations", ["bias, risks, and limitations"] = "ethical-considerations",
        ["caveats and recommendations"] = "caveats-and-recommendations", ["recommendations"] = "caveats-and-recommendations",
    };

    public static string Export(string modelName, IEnumerable<CardSection> sections, CardMetadata metadata)
    {
        var front = new Dictionary<string, object>();
        if (metadata.License is { } license)
        {
            front["license"] = license;
        }
        if (metadata.Tags.Count > 0)
        {
            front["tags"] = metadata.Tags.ToList();
        }
        if (metadata.Datasets.Count > 0)
        {
            front["datasets"] = metadata.Datasets.ToList();
        }
        if (metadata.Results.Count > 0)
        {
            front["metrics"] = metadata.Results.Select(r => r.Name).Distinct().ToList();
            front["model-index"] = new List<object>
            {
                new Dictionary<string, object>
                {
                    ["name"] = modelName,
                    ["results"] = new List<object>
                    {
                        new Dictionary<string, object>
                        {
                            ["task"] = new Dictionary<string, object> { ["type"] = "other" },
                            ["metrics"] = metadata.Results.Select(r => new Dictionary<string, object> { ["type"] = r.Name, ["value"] = r.Value }).ToList(),
                        },
                    },
                },
            };
        }
        var text = new StringBuilder();
        if (front.Count > 0)
        {
            text.Append("---\n").Append(new SerializerBuilder().Build().Serialize(front).Replace("\r\n", "\n", StringComparison.Ordinal)).Append("---\n\n");
        }
        text.Append("# ").Append(modelName).Append("\n\n");
        foreach (var section in sections.Where(s => s.Markdown.Trim().Length > 0))
        {
            text.Append("## ").Append(section.Title).Append("\n\n").Append(section.Markdown.Trim().Replace("\r\n", "\n", StringComparison.Ordinal)).Append("\n\n");
        }
        return text.ToString();
    }

    /// <summary>Reads a README.md; throws <see cref="FormatException"/> with a sentence when the front matter is not YAML.</summary>
    public static ImportedCard Import(string readme)
    {
        var text = readme.Replace("\r\n", "\n", StringComparison.Ordinal);
        var metadata = CardMetadata.Empty;
        if (text.StartsWith("---\n", StringComparison.Ordinal) && text.IndexOf("\n---", 3, StringComparison.Ordinal) is var end and > 0)
        {
            metadata = ReadFrontMatter(text[4..end]);
            var after = text.IndexOf('\n', end + 1);
            text = after < 0 ? "" : text[(after + 1)..];
        }
        var sections = new List<CardSection>();
        var headings = new List<ImportedHeading>();
        string? title = null;
        var body = new StringBuilder();
        var inFence = false;
        foreach (var line in text.Split('\n'))
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            if (!inFence && line.StartsWith("## ", StringComparison.Ordinal))
            {
                Add(sections, headings, title, body);
                title = line[3..].Trim();
                body.Clear();
            }
            else if (title is not null)
            {
                body.Append(line).Append('\n');
            }
        }
        Add(sections, headings, title, body);
        return new ImportedCard(metadata, sections, headings);
    }

    private static void Add(List<CardSection> sections, List<ImportedHeading> headings, string? title, StringBuilder body)
    {
        var markdown = body.ToString().Trim();
        if (title is null || markdown.Length == 0)
        {
            return;
        }
        var key = Headings.TryGetValue(title.TrimEnd(':'), out var standard) ? standard : CardSections.CustomKey(title);
        var existing = sections.FindIndex(s => s.Key == key);
        var sectionTitle = CardSections.StandardTitle(key) ?? title;
        headings.Add(new ImportedHeading(title, key, sectionTitle, !CardSections.IsStandard(key)));
        if (existing >= 0)
        {
            sections[existing] = sections[existing] with { Markdown = sections[existing].Markdown + "\n\n" + markdown };
        }
        else
        {
            sections.Add(new CardSection(key, sectionTitle, markdown));
        }
    }

    private static CardMetadata ReadFrontMatter(string yaml)
    {
        object? parsed;
        try
        {
            parsed = new DeserializerBuilder().Build().Deserialize<object>(yaml);
        }
        catch (YamlDotNet.Core.YamlException invalid)
        {
            throw new FormatException($"The front matter is not valid YAML ({invalid.Start.Line}:{invalid.Start.Column}).", invalid);
        }
        if (parsed is not Dictionary<object, object> front)
        {
            return CardMetadata.Empty;
        }
        static IReadOnlyList<string> List(object? value) => value switch
        {
            List<object> items => [.. items.Select(i => i?.ToString() ?? "").Where(i => i.Length > 0)],
            string one => [one],
            _ => [],
        };
        var results = new List<CardMetric>();
        if (front.GetValueOrDefault("model-index") is List<object> index)
        {
            foreach (var metric in index.OfType<Dictionary<object, object>>().SelectMany(m => m.GetValueOrDefault("results") as List<object> ?? [])
                .OfType<Dictionary<object, object>>().SelectMany(r => r.GetValueOrDefault("metrics") as List<object> ?? []).OfType<Dictionary<object, object>>())
            {
                if (double.TryParse(metric.GetValueOrDefault("value")?.ToString(), System.Globalization.CultureInfo.InvariantCulture, out var value))
                {
                    results.Add(new CardMetric(metric.GetValueOrDefault("type")?.ToString() ?? metric.GetValueOrDefault("name")?.ToString() ?? "metric", value));
                }
            }
        }
        return new CardMetadata(front.GetValueOrDefault("license")?.ToString(), List(front.GetValueOrDefault("tags")), List(front.GetValueOrDefault("datasets")),
            results);
    }
}

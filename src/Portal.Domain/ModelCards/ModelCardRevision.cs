using System.Text.Json;
using Portal.Domain.Audit;

namespace Portal.Domain.ModelCards;

/// <summary>
/// One saved state of a model's card: every section as it then read. Revisions are never changed: a save is the next
/// revision, numbered from 1; the unique (model, number) index makes a second save on the same revision lose.
/// </summary>
public sealed class ModelCardRevision : IAuditedEntity
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public int Id { get; private set; }
    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public int Number { get; private set; }
    public string SectionsJson { get; private set; } = "[]";
    /// <summary>The section keys this revision changed, comma-separated, so the trail says what changed.</summary>
    public string ChangedSections { get; private set; } = "";
    public string ChangeSummary { get; private set; } = "";
    public string AuthorSubject { get; private set; } = "";
    public string AuthorName { get; private set; } = "";
    public DateTime CreatedAt { get; private set; }
    /// <summary>The model version this revision describes ("this card describes 1.1.0"), when the author tied one.</summary>
    public string? VersionLabel { get; private set; }
    /// <summary>The licence the model is published under (a Hugging Face card's <c>license</c>), kept from revision to revision.</summary>
    public string? License { get; private set; }
    /// <summary>The card's words in one text, for the inventory search.</summary>
    public string SearchText { get; private set; } = "";

    public string AuditEntityType => "ModelCard";
    public string AuditEntityId => $"{ModelKey}@r{Number}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public IReadOnlyList<CardSection> Sections() => JsonSerializer.Deserialize<List<CardSection>>(SectionsJson, Json) ?? [];

    public CardSection? Section(string key) => Sections().FirstOrDefault(s => s.Key == key);

    /// <summary>
    /// The next revision after <paramref name="previous"/> (null for the first) with <paramref name="changes"/> applied: a
    /// section with empty text is removed if custom, kept empty if standard. Refused when nothing would change.
    /// </summary>
    public static ModelCardRevision Next(ModelCardRevision? previous, int modelId, string modelKey, IReadOnlyList<CardSection> changes,
        string changeSummary, string? versionLabel, string authorSubject, string authorName, DateTime now, string? license = null)
    {
        var sections = (previous?.Sections() ?? []).ToList();
        var changed = new List<string>();
        foreach (var change in changes)
        {
            var index = sections.FindIndex(s => s.Key == change.Key);
            var current = index >= 0 ? sections[index] : null;
            if (current?.Markdown == change.Markdown && current.Title == change.Title)
            {
                continue;
            }
            changed.Add(change.Key);
            if (index >= 0)
            {
                sections[index] = change;
            }
            else
            {
                sections.Add(change);
            }
        }
        sections.RemoveAll(s => !s.IsStandard && s.Markdown.Length == 0);
        var label = string.IsNullOrWhiteSpace(versionLabel) ? null : versionLabel.Trim();
        // No licence given keeps the previous one; an empty one removes it.
        var kept = license is null ? previous?.License : license.Trim() is { Length: > 0 } given ? given : null;
        if (changed.Count == 0 && label == previous?.VersionLabel && kept == previous?.License)
        {
            throw new InvalidOperationException("Nothing changed: the card already reads like this.");
        }
        if (sections.Count > CardRules.MaxSections)
        {
            throw new InvalidOperationException($"A card has at most {CardRules.MaxSections} sections.");
        }
        return new ModelCardRevision
        {
            ModelId = modelId,
            ModelKey = modelKey,
            Number = (previous?.Number ?? 0) + 1,
            SectionsJson = JsonSerializer.Serialize(sections, Json),
            ChangedSections = Truncate(string.Join(",", changed), CardRules.ChangedSectionsMaxLength),
            ChangeSummary = changeSummary.Trim(),
            VersionLabel = label,
            License = kept,
            AuthorSubject = authorSubject,
            AuthorName = authorName,
            CreatedAt = now,
            SearchText = SearchTextOf(sections),
            PendingAuditAction = "ModelCard.Revised",
        };
    }

    /// <summary>Headings and text of every section, bounded so the search index stays small.</summary>
    public static string SearchTextOf(IEnumerable<CardSection> sections) =>
        Truncate(string.Join("\n", sections.Where(s => s.Markdown.Length > 0).Select(s => $"{s.Title}\n{s.Markdown}")), SearchTextMaxLength);

    public const int SearchTextMaxLength = 50_000;
    public const int LicenseMaxLength = 100;

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

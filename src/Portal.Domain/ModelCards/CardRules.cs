namespace Portal.Domain.ModelCards;

/// <summary>Limits of what people type into a card, and the refusal of each.</summary>
public static class CardRules
{
    public const int SectionMaxLength = 20_000;
    public const int MaxSections = 40;
    public const int TitleMaxLength = 100;
    public const int ChangeSummaryMaxLength = 500;
    public const int NoteMaxLength = 2_000;
    public const int ChangedSectionsMaxLength = 1_000;

    /// <summary>Why a section's Markdown cannot be kept, or null. Line breaks and tabs are text here; other controls are not.</summary>
    public static string? MarkdownProblem(string? markdown) =>
        markdown is null ? "Send the section's Markdown (an empty text clears it)."
        : markdown.Length > SectionMaxLength ? $"A section is at most {SectionMaxLength} characters."
        : markdown.Any(c => (c < 0x20 && c is not '\n' and not '\r' and not '\t') || c == '\u007f')
            ? "The Markdown contains a control character other than line breaks and tabs."
            : null;

    public static string? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "A custom section needs a title."
        : title.Trim().Length > TitleMaxLength ? $"A section title is at most {TitleMaxLength} characters."
        : QueryText.Problem("title", title);

    public static string? ChangeSummaryProblem(string? summary) =>
        string.IsNullOrWhiteSpace(summary) ? "Say in a few words what changed (the change summary)."
        : summary.Trim().Length > ChangeSummaryMaxLength ? $"The change summary is at most {ChangeSummaryMaxLength} characters."
        : QueryText.Problem("changeSummary", summary);

    public static string? NoteProblem(string? note) =>
        note is not null && note.Trim().Length > NoteMaxLength ? $"The review note is at most {NoteMaxLength} characters." : null;
}

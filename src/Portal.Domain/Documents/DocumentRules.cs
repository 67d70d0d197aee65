namespace Portal.Domain.Documents;

/// <summary>What a person types about a document: a title, an optional description, its kind. Every problem names its field.</summary>
public static class DocumentRules
{
    public const int TitleMaxLength = 200;
    public const int DescriptionMaxLength = 2000;
    public const int FileNameMaxLength = 255;
    public const int WithdrawalReasonMaxLength = 1000;

    /// <summary>The store's own name for the file (see the content store), with room to spare.</summary>
    public const int StorageKeyMaxLength = 100;

    public static Dictionary<string, string[]> Validate(DocumentDetails details)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "title", TitleProblem(details.Title));
        Check(errors, "description", DescriptionProblem(details.Description));
        Check(errors, "kind", details.Kind is { } kind && Enum.IsDefined(kind) ? null : KindMessage);
        Check(errors, "version", details.VersionLabel is { } label && (label.Length > Versions.VersionRules.LabelMaxLength || QueryText.HasControlCharacter(label))
            ? $"A version label is at most {Versions.VersionRules.LabelMaxLength} printable characters." : null);
        return errors;
    }

    public const string KindMessage = "Kind is one of ValidationReport, RiskAssessment, DataSheet or Other.";

    /// <summary>Parses a kind as sent over the API (any case); null when it is none of them.</summary>
    public static DocumentKind? ParseKind(string? kind) =>
        Enum.TryParse<DocumentKind>(kind?.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(kind, out _) ? parsed : null;

    /// <summary>Words for people: "Validation report".</summary>
    public static string Describe(DocumentKind kind) => kind switch
    {
        DocumentKind.ValidationReport => "Validation report",
        DocumentKind.RiskAssessment => "Risk assessment",
        DocumentKind.DataSheet => "Data sheet",
        _ => "Other",
    };

    /// <summary>
    /// The name kept for an uploaded file: its last path segment (browsers on Windows may send a full path), which must be
    /// printable and hold no bidirectional override that could make "report‮fdp.exe" read as "reportexe.pdf".
    /// </summary>
    public static string? FileNameProblem(string fileName) =>
        string.IsNullOrWhiteSpace(fileName) ? "The file needs a name."
        : fileName.Length > FileNameMaxLength ? $"The file name is at most {FileNameMaxLength} characters."
        : fileName.Any(c => char.IsControl(c) || IsBidiControl(c)) ? "The file name cannot hold control characters or text-direction overrides."
        : null;

    public static string FileNameOf(string? fileName)
    {
        var name = (fileName ?? "").Replace('\\', '/');
        return name[(name.LastIndexOf('/') + 1)..].Trim();
    }

    public static string? WithdrawalReasonProblem(string? reason) =>
        string.IsNullOrWhiteSpace(reason) ? "Say why the document is withdrawn."
        : reason.Trim().Length > WithdrawalReasonMaxLength ? $"The reason is at most {WithdrawalReasonMaxLength} characters."
        : HasRefusedControl(reason) ? "The reason cannot hold control characters other than line breaks and tabs."
        : null;

    private static string? TitleProblem(string? title) =>
        string.IsNullOrWhiteSpace(title) ? "A document needs a title."
        : title.Trim().Length > TitleMaxLength ? $"The title is at most {TitleMaxLength} characters."
        : QueryText.HasControlCharacter(title) ? "The title is one line of printable text: no control characters (NUL, tab, line breaks)."
        : null;

    private static string? DescriptionProblem(string? description) =>
        description is null ? null
        : description.Trim().Length > DescriptionMaxLength ? $"The description is at most {DescriptionMaxLength} characters."
        : HasRefusedControl(description) ? "The description cannot hold control characters other than line breaks and tabs."
        : null;

    private static bool HasRefusedControl(string text) => text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));

    private static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069') or '\u200E' or '\u200F';

    private static void Check(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }
}

/// <summary>What the uploader says about a document; the version is optional (a document of the model as a whole).</summary>
public sealed record DocumentDetails(string? Title, string? Description, DocumentKind? Kind, string? VersionLabel);

namespace Portal.Domain.Findings;

/// <summary>What people type about a finding, checked before anything is written; every problem names its field.</summary>
public static class FindingRules
{
    public const int TitleMaxLength = 200;
    public const int TextMaxLength = 4000;
    public const int ReferenceMaxLength = 200;
    public const int EvidenceMaxCount = 20;

    /// <summary>How far ahead a due date may be set: a finding is tracked to closure, not parked.</summary>
    public const int DueWithinDays = 730;

    public const string SeverityMessage = "Severity is one of Low, Medium, High or Critical.";

    public static Dictionary<string, string[]> Validate(FindingDetails details, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "title", LineProblem("title", details.Title, TitleMaxLength));
        Check(errors, "severity", details.Severity is { } severity && Enum.IsDefined(severity) ? null : SeverityMessage);
        Check(errors, "description", TextProblem("description", details.Description));
        Check(errors, "remediationOwner", string.IsNullOrWhiteSpace(details.RemediationOwner) ? "Pick the remediation owner, a person in the user directory."
            : LineProblem("remediationOwner", details.RemediationOwner, FieldLengths.Identity));
        Check(errors, "dueDate", DueDateProblem(details.DueDate, today));
        return errors;
    }

    public static Dictionary<string, string[]> ValidateRemediation(string? note, IReadOnlyList<EvidenceInput>? evidence)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "note", TextProblem("note", note));
        if (evidence is { Count: > EvidenceMaxCount })
        {
            errors["evidence"] = [$"At most {EvidenceMaxCount} pieces of evidence."];
        }
        else if (evidence?.FirstOrDefault(e => e.Kind is null || string.IsNullOrWhiteSpace(e.Reference)) is not null)
        {
            errors["evidence"] = ["Each piece of evidence names its kind (Document, Version or ReleaseRequest) and the record: a document id, a version label or a request number."];
        }
        else if (evidence?.FirstOrDefault(e => LineProblem("reference", e.Reference, ReferenceMaxLength) is not null) is { } bad)
        {
            errors["evidence"] = [LineProblem("reference", bad.Reference, ReferenceMaxLength)!];
        }
        return errors;
    }

    /// <summary>A reason to close or reopen: required, multi-line text.</summary>
    public static string? ReasonProblem(string field, string? text) => TextProblem(field, text);

    public static FindingSeverity? ParseSeverity(string? text) => Parse<FindingSeverity>(text);

    public static FindingStatus? ParseStatus(string? text) => Parse<FindingStatus>(text);

    public static EvidenceKind? ParseEvidenceKind(string? text) => Parse<EvidenceKind>(text);

    /// <summary>Words for people: "open", "remediated", "reopened", "closed".</summary>
    public static string Describe(FindingStatus status) => status.ToString().ToLowerInvariant();

    public static bool IsOverdue(Finding finding, DateOnly today) => !finding.IsClosed && finding.DueDate < today;

    private static T? Parse<T>(string? text) where T : struct, Enum =>
        Enum.TryParse<T>(text?.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(text, out _) ? parsed : null;

    private static string? DueDateProblem(DateOnly? due, DateOnly today) =>
        due is not { } date ? "Set a due date."
        : date < today ? $"The due date {date:yyyy-MM-dd} has already passed."
        : date > today.AddDays(DueWithinDays) ? $"The due date is at most {DueWithinDays} days ahead ({today.AddDays(DueWithinDays):yyyy-MM-dd})."
        : null;

    private static string? LineProblem(string field, string? text, int max) =>
        string.IsNullOrWhiteSpace(text) ? $"The {field} is required."
        : text.Trim().Length > max ? $"The {field} is at most {max} characters."
        : QueryText.HasControlCharacter(text) ? $"The {field} is one line of printable text: no control characters (NUL, tab, line breaks)."
        : null;

    private static string? TextProblem(string field, string? text) =>
        string.IsNullOrWhiteSpace(text) ? $"The {field} is required."
        : text.Trim().Length > TextMaxLength ? $"The {field} is at most {TextMaxLength} characters."
        : text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t')) ? $"The {field} cannot hold control characters other than line breaks and tabs."
        : null;

    private static void Check(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }
}

/// <summary>Evidence as a remediation owner gives it: what kind of record, and which one.</summary>
public sealed record EvidenceInput(EvidenceKind? Kind, string? Reference);

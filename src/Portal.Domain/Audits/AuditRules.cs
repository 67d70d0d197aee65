using Portal.Domain.Access;

namespace Portal.Domain.Audits;

/// <summary>
/// What may be written in an audit request and who may act on it. Every problem names its field; the service checks roles
/// (<see cref="Permission"/>) and these rules before anything is written.
/// </summary>
public static class AuditRules
{
    public const int TitleMaxLength = 200;
    public const int QuestionMaxLength = 2000;
    public const int MaxQuestions = 30;
    public const int MaxModels = 20;
    public const int AnswerMaxLength = 10_000;
    public const int CommentMaxLength = 2000;

    /// <summary>A request is answered within this many days at most; a later due date is most likely a typing mistake.</summary>
    public const int MaxDaysToAnswer = 366;

    public static Dictionary<string, string[]> Validate(AuditRequestDraft draft, DateTime now)
    {
        var errors = new Dictionary<string, string[]>();
        Check(errors, "title", string.IsNullOrWhiteSpace(draft.Title) ? "Give the request a title."
            : draft.Title.Trim().Length > TitleMaxLength ? $"The title is at most {TitleMaxLength} characters."
            : QueryText.HasControlCharacter(draft.Title) ? "The title is one line of printable text." : null);
        Check(errors, "models", ModelsProblem(draft.ModelKeys));
        Check(errors, "questions", QuestionsProblem(draft.Questions));
        Check(errors, "dueAt", draft.DueAt <= now ? "The due date must be in the future."
            : draft.DueAt > now.AddDays(MaxDaysToAnswer) ? $"The due date is at most {MaxDaysToAnswer} days away." : null);
        Check(errors, "priority", Enum.IsDefined(draft.Priority) ? null : PriorityMessage);
        Check(errors, "scopeTo", draft.ScopeFrom is { } from && draft.ScopeTo is { } to && to <= from ? "The end of the period must be after its start." : null);
        return errors;
    }

    public const string PriorityMessage = "Priority is one of Low, Normal, High or Urgent.";

    /// <summary>Parses a priority as sent over the API (any case); null when it is none of them.</summary>
    public static AuditPriority? ParsePriority(string? priority) =>
        Enum.TryParse<AuditPriority>(priority?.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(priority, out _) ? parsed : null;

    /// <summary>Parses an item or request status filter (any case); null when it is none of them.</summary>
    public static TEnum? ParseStatus<TEnum>(string? status) where TEnum : struct, Enum =>
        Enum.TryParse<TEnum>(status?.Trim(), ignoreCase: true, out var parsed) && Enum.IsDefined(parsed) && !int.TryParse(status, out _) ? parsed : null;

    public static string? AnswerProblem(string? text) =>
        string.IsNullOrWhiteSpace(text) ? "Write the answer."
        : text.Trim().Length > AnswerMaxLength ? $"The answer is at most {AnswerMaxLength:N0} characters."
        : HasRefusedControl(text) ? "The answer cannot hold control characters other than line breaks and tabs."
        : null;

    public static string? ReturnCommentProblem(string? comment) =>
        string.IsNullOrWhiteSpace(comment) ? "Say what the answer is missing, so that the assignee can answer again."
        : CommentProblem(comment);

    public static string? CommentProblem(string? comment) =>
        comment is null ? null
        : comment.Trim().Length > CommentMaxLength ? $"The comment is at most {CommentMaxLength:N0} characters."
        : HasRefusedControl(comment) ? "The comment cannot hold control characters other than line breaks and tabs."
        : null;

    /// <summary>Only the person the item is assigned to answers it: not the requester, another engineer, an Admin or a token.</summary>
    public static string? WhoAnswersProblem(Actor actor, AuditItem item) =>
        actor.Id == item.AssigneeSubject ? null
        : $"Item {item.Number} is assigned to {item.AssigneeName}; only they answer it (their team's manager or an Admin can reassign it).";

    /// <summary>Only the person who opened the request accepts or returns its answers.</summary>
    public static string? WhoDecidesProblem(Actor actor, AuditRequest request) =>
        actor.Id == request.RequestedBy ? null
        : $"Only {request.RequestedByName}, who opened this request, accepts or returns its answers.";

    /// <summary>
    /// The person an item is reassigned to answers for the model: an active person who is one of its owners or a member of its
    /// team, and never the requester (who would then judge their own answer).
    /// </summary>
    public static string? NewAssigneeProblem(string subject, bool isActivePerson, bool isModelPerson, AuditRequest request, string modelKey) =>
        !isActivePerson ? $"{subject} is not an active person in the portal's directory."
        : subject == request.RequestedBy ? "The person who opened the request cannot answer it: they accept or return the answers."
        : !isModelPerson ? $"{subject} is neither an owner of {modelKey} nor a member of its team."
        : null;

    private static string? ModelsProblem(IReadOnlyList<string>? keys) =>
        keys is null || keys.Count == 0 ? "Name at least one model."
        : keys.Count > MaxModels ? $"A request is about at most {MaxModels} models."
        : keys.Any(k => string.IsNullOrWhiteSpace(k) || k.Length > Inventory.ModelRules.KeyMaxLength || QueryText.HasControlCharacter(k))
            ? "Every model is named by its key." : null;

    private static string? QuestionsProblem(IReadOnlyList<string>? questions) =>
        questions is null || questions.Count == 0 || questions.All(string.IsNullOrWhiteSpace) ? "Ask at least one question."
        : questions.Count > MaxQuestions ? $"A request holds at most {MaxQuestions} questions."
        : questions.Any(q => q is not null && q.Trim().Length > QuestionMaxLength) ? $"A question is at most {QuestionMaxLength:N0} characters."
        : questions.Any(q => q is not null && HasRefusedControl(q)) ? "A question cannot hold control characters other than line breaks and tabs."
        : null;

    private static bool HasRefusedControl(string text) => text.Any(c => char.IsControl(c) && c is not ('\r' or '\n' or '\t'));

    private static void Check(Dictionary<string, string[]> errors, string field, string? problem)
    {
        if (problem is not null)
        {
            errors[field] = [problem];
        }
    }
}

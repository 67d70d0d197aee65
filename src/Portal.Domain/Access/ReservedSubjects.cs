namespace Portal.Domain.Access;

/// <summary>Subjects the portal gives its own actors; no person may carry one, or they would pass for the portal or a pipeline.</summary>
public static class ReservedSubjects
{
    /// <summary>Actors authenticated by a service token.</summary>
    public const string ServicePrefix = "service:";

    /// <summary>Accounts provisioned over SCIM, waiting for their first sign-in.</summary>
    public const string PendingPrefix = Directory.UserAccount.PendingSubjectPrefix;

    public const string Anonymous = "anonymous";

    public static IReadOnlyList<string> Prefixes { get; } = [ServicePrefix, PendingPrefix];

    public static IReadOnlyList<string> Exact { get; } = [Actor.System.Id, Anonymous, "unknown"];

    public static bool IsReserved(string subject) =>
        Prefixes.Any(prefix => subject.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        || Exact.Any(id => string.Equals(subject, id, StringComparison.OrdinalIgnoreCase));

    /// <summary>A person signed in, as opposed to the portal itself, a pipeline or nobody.</summary>
    public static bool IsPerson(string actorId) => !IsReserved(actorId);
}

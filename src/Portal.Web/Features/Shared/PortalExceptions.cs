namespace Portal.Web.Features.Shared;

/// <summary>Bad input: field name to messages. Nothing was written.</summary>
public sealed class InputRejectedException(IReadOnlyDictionary<string, string[]> errors)
    : Exception(string.Join(" ", errors.SelectMany(e => e.Value)))
{
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors;

    public static InputRejectedException For(string field, string message) => new(new Dictionary<string, string[]> { [field] = [message] });
}

public sealed class NotFoundException(string message) : Exception(message);

/// <summary>Someone else changed the record since it was read, or the change contradicts its current state.</summary>
public sealed class ConflictException(string message) : Exception(message)
{
    /// <summary>The revision the client read is not the current one (rather than the change contradicting the record's state).</summary>
    public bool IsStaleRevision { get; init; }

    /// <summary>The same refusal, marked as a stale revision (an <c>If-Match</c> that no longer matches is answered 412).</summary>
    public ConflictException AsStaleRevision() => new(Message) { IsStaleRevision = true };
}

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
public sealed class ConflictException(string message) : Exception(message);

namespace Portal.Domain.Access;

/// <summary>A refusal; <see cref="Permission"/> is null when no role could help (e.g. the person is deactivated).</summary>
public sealed class AccessDeniedException(Permission? permission, string message) : Exception(message)
{
    public Permission? Permission { get; } = permission;
}

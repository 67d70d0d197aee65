namespace Portal.Domain.Access;

public sealed class AccessDeniedException(Permission permission, string message) : Exception(message)
{
    public Permission Permission { get; } = permission;
}

namespace Portal.Domain.Directory;

/// <summary>A person was deactivated (by hand or by the identity provider); features such as flags react to it.</summary>
public sealed record UserDeactivated(string Subject, string Name, string DeactivatedBy, string? Reason, DateTime At);

/// <summary>Something that reacts to people leaving, e.g. the flags scanner raising "owner departed".</summary>
public interface IUserLifecycleListener
{
    Task OnUserDeactivatedAsync(UserDeactivated deactivated, CancellationToken cancellationToken);
}

/// <summary>Publishes user lifecycle events to every registered listener, after the change has committed.</summary>
public interface IUserLifecycleEvents
{
    Task PublishAsync(UserDeactivated deactivated, CancellationToken cancellationToken);
}

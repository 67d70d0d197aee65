using Portal.Domain.Directory;

namespace Portal.Web.Features.Scim;

/// <summary>
/// Hands a lifecycle event to every registered listener. The deactivation has already committed, so a failing
/// listener is logged and does not undo it or stop the others.
/// </summary>
public sealed class UserLifecycleEvents(IEnumerable<IUserLifecycleListener> listeners, ILogger<UserLifecycleEvents> logger) : IUserLifecycleEvents
{
    public async Task PublishAsync(UserDeactivated deactivated, CancellationToken cancellationToken)
    {
        foreach (var listener in listeners)
        {
            try
            {
                await listener.OnUserDeactivatedAsync(deactivated, cancellationToken);
            }
#pragma warning disable CA1031 // one listener's failure must not hide the event from the others
            catch (Exception failure) when (failure is not OperationCanceledException)
#pragma warning restore CA1031
            {
                logger.LogError(failure, "{Listener} failed on the deactivation of {Subject}", listener.GetType().Name, deactivated.Subject);
            }
        }
    }
}

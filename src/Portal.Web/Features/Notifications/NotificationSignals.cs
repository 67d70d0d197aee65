namespace Portal.Web.Features.Notifications;

/// <summary>Per circuit: tells the bell in the app bar that the page changed read state, so its count follows at once.</summary>
public sealed class NotificationSignals
{
    public event Func<Task>? ReadStateChanged;

    public Task RaiseReadStateChangedAsync() => ReadStateChanged?.Invoke() ?? Task.CompletedTask;
}

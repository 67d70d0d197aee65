using System.Threading.Channels;

namespace Portal.Web.Features.Flags;

/// <summary>
/// Asks the background scanner to scan soon: ownership changes call it after saving, and the user directory should
/// call it when a person is deactivated. Requests made while one is pending fold into it.
/// </summary>
public sealed class FlagScanRequests
{
    private readonly Channel<string> pending = Channel.CreateBounded<string>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    public void RequestScan(string reason = "requested") => pending.Writer.TryWrite(reason);

    /// <summary>The reason of the next request, or "interval" when <paramref name="interval"/> passes first.</summary>
    public async Task<string> WaitAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(interval);
        try
        {
            return await pending.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return FlagScanner.IntervalTrigger;
        }
    }
}

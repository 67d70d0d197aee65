namespace Portal.EndToEndTests.Infrastructure;

/// <summary>Waits for a state outside the browser (a log line, a row, an open port): checks it again and again until it holds.</summary>
public static class Eventually
{
    /// <summary>Pause between checks, so that waiting does not take a core from the servers it waits for.</summary>
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(50);

    public static async Task UntilAsync(Func<Task<bool>> state, string what, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await state())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for: {what}.");
            }
            await Task.Delay(Pause);
        }
    }

    public static Task UntilAsync(Func<bool> state, string what, TimeSpan timeout) => UntilAsync(() => Task.FromResult(state()), what, timeout);
}

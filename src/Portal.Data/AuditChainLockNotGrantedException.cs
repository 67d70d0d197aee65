namespace Portal.Data;

/// <summary>
/// SQL Server did not grant the audit chain's application lock (sp_getapplock answered below zero), so nothing may be
/// appended: the unit of work rolls back instead of writing without the lock.
/// </summary>
public sealed class AuditChainLockNotGrantedException(int returnCode) : Exception(Describe(returnCode))
{
    public int ReturnCode { get; } = returnCode;

    /// <summary>-3: the lock request was chosen as a deadlock victim; running the unit again may succeed.</summary>
    public bool IsDeadlock => ReturnCode == -3;

    /// <summary>Throws unless sp_getapplock's <paramref name="returnCode"/> says the lock is held (0 at once, 1 after waiting).</summary>
    public static void ThrowUnlessGranted(int returnCode)
    {
        if (returnCode < 0)
        {
            throw new AuditChainLockNotGrantedException(returnCode);
        }
    }

    private static string Describe(int returnCode) => returnCode switch
    {
        -1 => "The audit chain's lock was not granted in time (sp_getapplock timed out); nothing was saved.",
        -2 => "The request for the audit chain's lock was cancelled (sp_getapplock returned -2); nothing was saved.",
        -3 => "The request for the audit chain's lock was chosen as a deadlock victim (sp_getapplock returned -3); nothing was saved.",
        _ => $"The audit chain's lock was not granted (sp_getapplock returned {returnCode}); nothing was saved.",
    };
}

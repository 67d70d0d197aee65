namespace Portal.Domain.Outputs;

/// <summary>How an output was read.</summary>
public enum OutputReadChannel
{
    Preview,
    Download,
    Rows,
    Reference,
}

/// <summary>
/// One read of an output, allowed or refused: who, when, how, masked or not and which columns, rows returned, the grant and
/// its purpose. Append-only (also recorded in the audit trail); indexed by output and time for "who accessed this output".
/// </summary>
public sealed class OutputAccess
{
    public const int MaskedColumnsMaxLength = 4000;
    public const int RefusalMaxLength = 1000;

    public long Id { get; private set; }
    public int OutputId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public DateTime At { get; private set; }
    public string ActorId { get; private set; } = "";
    public string ActorName { get; private set; } = "";
    public OutputReadChannel Channel { get; private set; }
    public OutputFormat? Format { get; private set; }
    public bool Allowed { get; private set; }
    public bool Masked { get; private set; }

    /// <summary>"name:Hash, email:Redact"; null when nothing was masked.</summary>
    public string? MaskedColumns { get; private set; }

    public string? RowFilter { get; private set; }
    public long RowsReturned { get; private set; }

    /// <summary>False when the read stopped before the end: the caller went away, or the stored data failed its checksum.</summary>
    public bool Completed { get; private set; }

    public int? GrantId { get; private set; }
    public string? Purpose { get; private set; }
    public string? Refusal { get; private set; }
    public int PolicyVersion { get; private set; }

    public static OutputAccess Of(ModelOutput output, string actorId, string actorName, OutputReadChannel channel, OutputFormat? format,
        OutputDecision decision, long rows, bool completed, DateTime now) => new()
    {
        OutputId = output.Id,
        ModelKey = output.ModelKey,
        At = now,
        ActorId = actorId,
        ActorName = actorName,
        Channel = channel,
        Format = format,
        Allowed = decision.Allowed,
        Masked = decision.IsMasked,
        MaskedColumns = decision.IsMasked ? Truncate(string.Join(", ", decision.Masks.Select(m => $"{m.Key}:{m.Value}")), MaskedColumnsMaxLength) : null,
        RowFilter = decision.RowFilter is { } filter ? Truncate(filter.ToString(), RefusalMaxLength) : null,
        RowsReturned = rows,
        Completed = completed,
        GrantId = decision.Grant?.Id,
        Purpose = decision.Grant?.Purpose,
        Refusal = decision.Refusal is { } refusal ? Truncate(refusal, RefusalMaxLength) : null,
        PolicyVersion = decision.PolicyVersion,
    };

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..(length - 1)] + "…";
}

namespace Portal.Domain.Outputs;

/// <summary>
/// The bytes one masking plan makes of an output, kept in the outputs store so that later reads under the same plan stream
/// them instead of hashing every cell again. A copy is found only by its plan's <see cref="Fingerprint"/>, so a reader whose
/// plan differs in any way (another mask, filter, key, format or original) never gets it. Checksummed like the original.
/// </summary>
public sealed class MaskedOutputCopy
{
    public int Id { get; private set; }
    public int OutputId { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the plan (<see cref="MaskingPlanFingerprint"/>).</summary>
    public string Fingerprint { get; private set; } = "";

    public OutputFormat Format { get; private set; }

    /// <summary>
    /// The hash key's id and the masks' format version when the copy was made: copies under another key or format are
    /// unreachable and removed.
    /// </summary>
    public string HashKeyId { get; private set; } = "";

    /// <summary>Whether the plan limits rows: an unfiltered copy may also serve a filter on a column it does not mask.</summary>
    public bool Filtered { get; private set; }

    public string StorageKey { get; private set; } = "";
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public long Rows { get; private set; }
    public DateTime CreatedAt { get; private set; }

    public static MaskedOutputCopy Of(int outputId, MaskingPlanFingerprint plan, string storageKey, long sizeBytes, string sha256, long rows, DateTime now) => new()
    {
        OutputId = outputId,
        Fingerprint = plan.Value,
        Format = plan.Format,
        HashKeyId = plan.HashKeyId,
        Filtered = plan.Filtered,
        StorageKey = storageKey,
        SizeBytes = sizeBytes,
        Sha256 = sha256,
        Rows = rows,
        CreatedAt = now,
    };
}

namespace Portal.Domain.Outputs;

/// <summary>
/// The bytes one masking plan makes of an output, kept in the outputs store so that later reads under the same plan stream
/// them instead of hashing every cell again. A copy is found only by its plan's <see cref="Fingerprint"/>, so a reader whose
/// plan differs in any way (another mask, filter, key, format or original) never gets it. Checksummed chunk by chunk: its
/// <see cref="Sha256"/> is that of its chunks' hashes, stored with it.
/// </summary>
public sealed class MaskedOutputCopy
{
    /// <summary>
    /// How copies are stored; part of every masking plan's fingerprint. Version 2 keeps a SHA-256 of every chunk after the data
    /// (version 1, one SHA-256 of the whole file, could only be verified on one core); copies of an earlier layout are never
    /// found again and go like copies under another key.
    /// </summary>
    public const string LayoutVersion = "2";

    public int Id { get; private set; }
    public int OutputId { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the plan (<see cref="MaskingPlanFingerprint"/>).</summary>
    public string Fingerprint { get; private set; } = "";

    public OutputFormat Format { get; private set; }

    /// <summary>
    /// The hash key's id, the masks' format version and the copies' layout when the copy was made: copies under another key,
    /// format or layout are unreachable and removed.
    /// </summary>
    public string HashKeyId { get; private set; } = "";

    /// <summary>Whether the plan limits rows: an unfiltered copy may also serve a filter on a column it does not mask.</summary>
    public bool Filtered { get; private set; }

    public string StorageKey { get; private set; } = "";

    /// <summary>The masked data's length, without the chunks' hashes stored after it.</summary>
    public long SizeBytes { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the chunks' hashes and the data's length, which vouch for every chunk.</summary>
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

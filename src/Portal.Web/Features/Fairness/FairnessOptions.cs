using Portal.Domain.Fairness;

namespace Portal.Web.Features.Fairness;

/// <summary>Configuration section "Fairness".</summary>
public sealed class FairnessOptions
{
    public const string Section = "Fairness";

    /// <summary>Largest predictions file accepted, by the API and the upload page alike (default 1 GiB).</summary>
    public long MaxUploadBytes { get; set; } = 1L << 30;

    /// <summary>Groups with fewer rows are flagged as too small to judge.</summary>
    public int MinimumGroupSize { get; set; } = FairnessCalculator.DefaultMinimumGroupSize;
}

using System.ComponentModel.DataAnnotations;
using Portal.Domain.Fairness;

namespace Portal.Web.Features.Fairness;

/// <summary>Configuration section "Fairness", validated at start-up.</summary>
public sealed class FairnessOptions
{
    public const string Section = "Fairness";

    /// <summary>
    /// Largest predictions file accepted, by the API and the upload page alike. The default of 50 MB holds
    /// about a million rows of label, prediction, score and two sensitive columns, more than a fairness
    /// evaluation needs; raise it for larger hold-out sets.
    /// </summary>
    [Range(1, long.MaxValue, ErrorMessage = "Fairness:MaxUploadBytes must be at least 1.")]
    public long MaxUploadBytes { get; set; } = 50L * 1024 * 1024;

    /// <summary>Groups with fewer rows are flagged as too small to judge.</summary>
    [Range(1, int.MaxValue, ErrorMessage = "Fairness:MinimumGroupSize must be at least 1.")]
    public int MinimumGroupSize { get; set; } = FairnessCalculator.DefaultMinimumGroupSize;

    /// <summary>The most distinct values a sensitive column (and groups their intersection) may have; more is refused naming the column.</summary>
    [Range(2, 100_000, ErrorMessage = "Fairness:MaxGroups must be between 2 and 100,000.")]
    public int MaxGroups { get; set; } = FairnessCalculator.DefaultMaxGroups;
}

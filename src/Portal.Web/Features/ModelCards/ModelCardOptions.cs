using System.ComponentModel.DataAnnotations;
using Portal.Domain.Flags.Rules;

namespace Portal.Web.Features.ModelCards;

/// <summary>Configuration section "ModelCards", validated at start-up: how long a production model's card stays fresh after a review, per tier.</summary>
public sealed class ModelCardOptions
{
    public const string Section = "ModelCards";

    [Range(1, 3650, ErrorMessage = "ModelCards:HighReviewPeriodDays must be between 1 and 3650.")]
    public int HighReviewPeriodDays { get; set; } = 180;

    [Range(1, 3650, ErrorMessage = "ModelCards:MediumReviewPeriodDays must be between 1 and 3650.")]
    public int MediumReviewPeriodDays { get; set; } = 365;

    [Range(1, 3650, ErrorMessage = "ModelCards:LowReviewPeriodDays must be between 1 and 3650.")]
    public int LowReviewPeriodDays { get; set; } = 730;

    public CardReviewPeriods Periods => new(HighReviewPeriodDays, MediumReviewPeriodDays, LowReviewPeriodDays);
}

using Portal.Domain.Inventory;
using Portal.Domain.ModelCards;

namespace Portal.Web.Features.ModelCards;

/// <summary>A section as shown: its Markdown and the safe HTML rendered from it.</summary>
public sealed record SectionView(string Key, string Title, string Markdown, string Html, int Words, bool Custom);

public sealed record ReviewView(int Revision, string ReviewerSubject, string ReviewerName, DateTime ReviewedAt, string? Note);

/// <summary>A card at one revision (0 when nothing was written yet), with its completeness and the review of that revision.</summary>
public sealed record CardView(
    string ModelKey,
    string ModelName,
    RiskTier RiskTier,
    int Revision,
    int LatestRevision,
    string? AuthorName,
    DateTime? CreatedAt,
    string? ChangeSummary,
    string? VersionLabel,
    string? License,
    IReadOnlyList<SectionView> Sections,
    CardCompleteness Completeness,
    ReviewView? Review,
    ReviewView? LatestReview)
{
    public bool IsLatest => Revision == LatestRevision;
}

public sealed record RevisionSummary(int Revision, string AuthorName, DateTime CreatedAt, string ChangeSummary, string? VersionLabel,
    IReadOnlyList<string> ChangedSections, ReviewView? Review);

public sealed record CardComparison(string ModelKey, int Left, int Right, IReadOnlyList<SectionDiff> Sections)
{
    public int WordsAdded => Sections.Sum(s => s.WordsAdded);
    public int WordsRemoved => Sections.Sum(s => s.WordsRemoved);
}

/// <summary>
/// PUT .../card/sections/{section}: the revision read (0 when the card has none yet), the new text and why. VersionLabel ties the
/// card to a version; left out (null) the new revision describes the same version as the one read, and "" ties it to none.
/// </summary>
public sealed record SaveSectionRequest(int? Revision, string? Markdown, string? Title, string? ChangeSummary, string? VersionLabel);

/// <summary>POST .../card/reviews: the revision reviewed (the latest) and an optional note.</summary>
public sealed record ReviewRequest(int? Revision, string? Note);

public sealed record TemplateView(RiskTier RiskTier, int Version, IReadOnlyList<SectionRequirement> Requirements, DateTime? EffectiveFrom,
    string ChangedBy, string? Reason)
{
    public static TemplateView From(CardTemplate template) => new(template.RiskTier, template.Version, template.Requirements(),
        template.Version == 0 ? null : template.EffectiveFrom, template.ChangedBy, template.Reason);
}

/// <summary>PUT .../card-templates/{tier}: the version read and the whole new list of requirements.</summary>
public sealed record TemplateChangeRequest(int? ExpectedVersion, IReadOnlyList<SectionRequirement>? Requirements, string? Reason);

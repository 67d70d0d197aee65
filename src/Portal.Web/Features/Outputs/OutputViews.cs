using Portal.Domain.Outputs;

namespace Portal.Web.Features.Outputs;

/// <summary>A registration: the declared details, and for data kept elsewhere its reference (the data itself comes as a file part).</summary>
public sealed record OutputRegistration(
    string? VersionLabel,
    string? Name,
    string? Description,
    DateTime? ProducedAt,
    OutputClassification? Classification,
    IReadOnlyList<OutputColumn>? Columns,
    long? RowCount,
    ScoreRange? ExpectedScoreRange,
    OutputFormat? Format,
    string? ExternalReference)
{
    public OutputDetails Details() => new(Name ?? "", Description, ProducedAt ?? default, Classification ?? (OutputClassification)(-1),
        Columns ?? [], RowCount, ExpectedScoreRange);
}

public sealed record OutputSummary(int Id, string ModelKey, string VersionLabel, string Name, OutputClassification Classification, DateTime ProducedAt,
    long RowCount, bool Stored, IReadOnlyList<string> Tags)
{
    public static OutputSummary From(ModelOutput o) => new(o.Id, o.ModelKey, o.VersionLabel, o.Name, o.Classification, o.ProducedAt, o.RowCount,
        o.IsStored, [.. o.Columns.SelectMany(c => c.Tags).Distinct().Order(StringComparer.Ordinal)]);
}

/// <summary>
/// What the reader may do with the output: allowed with the masks and row filter, or the refusal sentence (with where to ask)
/// and what is missing (without it, for pages that put their "Request access" button beside it).
/// </summary>
public sealed record OutputAccessView(bool Allowed, string? Refusal, IReadOnlyDictionary<string, MaskingFunction> MaskedColumns, string? RowFilter,
    int? GrantId, string? Missing)
{
    public static OutputAccessView From(OutputDecision d) => new(d.Allowed, d.Refusal, d.Masks, d.RowFilter?.ToString(), d.Grant?.Id, d.Missing);
}

/// <summary>An output's metadata, seen by every reader of the model (so that one knows what to ask for); the reference only when allowed.</summary>
public sealed record OutputDetail(int Id, string ModelKey, string VersionLabel, string Name, string? Description, DateTime ProducedAt,
    OutputClassification Classification, IReadOnlyList<OutputColumn> Columns, long RowCount, ScoreRange? ExpectedScoreRange, OutputFormat? Format,
    long? SizeBytes, string? Sha256, bool Stored, string? ExternalReference, string RegisteredBy, DateTime RegisteredAt, OutputAccessView Access);

public sealed record GrantRequest(
    GranteeKind? GranteeKind,
    string? Grantee,
    GrantAccess? Access,
    IReadOnlyList<string>? UnmaskedTags,
    RowFilter? RowFilter,
    string? Purpose,
    DateTime? ExpiresAt);

public sealed record RevokeRequest(string? Reason);

public sealed record GrantView(int Id, int OutputId, GranteeKind GranteeKind, string Grantee, string GranteeName, GrantAccess Access,
    IReadOnlyList<string> UnmaskedTags, RowFilter? RowFilter, string? Purpose, DateTime? ExpiresAt, string GrantedByName, DateTime GrantedAt,
    DateTime? RevokedAt, string? RevokeReason, GrantState State)
{
    public static GrantView From(OutputGrant g, DateTime now) => new(g.Id, g.OutputId, g.GranteeKind, g.Grantee, g.GranteeName, g.Access, g.UnmaskedTags,
        g.RowFilter, g.Purpose, g.ExpiresAt, g.GrantedByName, g.GrantedAt, g.RevokedAt, g.RevokeReason, g.StateAt(now));
}

/// <summary>A page of rows after masking and the row filter; <c>totalCount</c> counts the rows the reader may see.</summary>
public sealed record OutputRowsPage(IReadOnlyList<System.Text.Json.JsonElement> Items, int Page, int PageSize, long TotalCount,
    IReadOnlyDictionary<string, MaskingFunction> MaskedColumns, string? RowFilter);

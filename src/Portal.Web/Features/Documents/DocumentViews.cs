using Portal.Domain.Documents;

namespace Portal.Web.Features.Documents;

/// <summary>A document's record as the Documents tab and the API show it; <see cref="ContentUrl"/> downloads the file.</summary>
public sealed record DocumentView(
    Guid Id,
    string ModelKey,
    string? VersionLabel,
    DocumentKind Kind,
    string Title,
    string? Description,
    string FileName,
    DocumentFileType FileType,
    string FileTypeName,
    string ContentType,
    long SizeBytes,
    string Sha256,
    string UploadedBy,
    DateTime UploadedAt,
    DateTime? UpdatedAt,
    string? UpdatedBy,
    bool Withdrawn,
    DateTime? WithdrawnAt,
    string? WithdrawnBy,
    string? WithdrawalReason,
    int Revision,
    string ContentUrl)
{
    public static DocumentView From(ModelDocument d) => new(d.Id, d.ModelKey, d.VersionLabel, d.Kind, d.Title, d.Description, d.FileName, d.FileType,
        DocumentFileTypes.Name(d.FileType), DocumentFileTypes.MediaType(d.FileType), d.SizeBytes, d.Sha256, d.UploadedByName, d.UploadedAt, d.UpdatedAt,
        d.UpdatedByName, d.IsWithdrawn, d.WithdrawnAt, d.WithdrawnByName, d.WithdrawalReason, d.Revision,
        $"/api/v1/models/{Uri.EscapeDataString(d.ModelKey)}/documents/{d.Id}/content");

    public string KindName => DocumentRules.Describe(Kind);
}

/// <summary>Which of a model's documents to list: of one version, of one kind, withdrawn ones too.</summary>
public sealed record DocumentQuery(string? VersionLabel = null, DocumentKind? Kind = null, bool IncludeWithdrawn = false, int? Page = null,
    int? PageSize = null);

/// <summary>A file to download: streamed from the store, checked against its SHA-256 as it is read.</summary>
public sealed record DocumentContent(Stream Content, string ContentType, string DownloadName, string Sha256, long SizeBytes);

/// <summary>New metadata for a document; send the revision you read.</summary>
public sealed record DocumentEditRequest(string? Title, string? Description, string? Kind, string? Version, int Revision);

/// <summary>Why a document no longer applies; the revision you read, if you want a stale withdrawal refused.</summary>
public sealed record DocumentWithdrawRequest(string? Reason, int? Revision);

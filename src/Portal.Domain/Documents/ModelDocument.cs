using Portal.Domain.Audit;

namespace Portal.Domain.Documents;

/// <summary>
/// A document attached to a model or to one of its versions (validation report, risk assessment, data sheet): its metadata,
/// and the file as stored, with the SHA-256, size and type found when it was uploaded. Never deleted: a document that no
/// longer applies is withdrawn, and its record and file stay for the audit.
/// </summary>
public sealed class ModelDocument : IAuditedEntity
{
    /// <summary>Chosen here rather than by the database, so that the upload's audit event names the document.</summary>
    public Guid Id { get; private set; }

    public int ModelId { get; private set; }
    public string ModelKey { get; private set; } = "";
    public int? VersionId { get; private set; }
    public string? VersionLabel { get; private set; }
    public DocumentKind Kind { get; private set; }
    public string Title { get; private set; } = "";
    public string? Description { get; private set; }
    public string FileName { get; private set; } = "";
    public DocumentFileType FileType { get; private set; }
    public long SizeBytes { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StorageKey { get; private set; } = "";
    public string UploadedBy { get; private set; } = "";
    public string UploadedByName { get; private set; } = "";
    public DateTime UploadedAt { get; private set; }
    public DateTime? UpdatedAt { get; private set; }
    public string? UpdatedByName { get; private set; }
    public DateTime? WithdrawnAt { get; private set; }
    public string? WithdrawnByName { get; private set; }
    public string? WithdrawalReason { get; private set; }
    public int Revision { get; private set; } = 1;

    public bool IsWithdrawn => WithdrawnAt is not null;

    public string AuditEntityType => "Document";
    public string AuditEntityId => Id.ToString();
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public static ModelDocument Attach(DocumentSubject subject, DocumentDetails details, StoredFile file, string uploadedBy, string uploadedByName,
        DateTime now) => new()
    {
        Id = Guid.NewGuid(),
        ModelId = subject.ModelId,
        ModelKey = subject.ModelKey,
        VersionId = subject.VersionId,
        VersionLabel = subject.VersionLabel,
        Kind = details.Kind!.Value,
        Title = details.Title!.Trim(),
        Description = Normalize(details.Description),
        FileName = file.FileName,
        FileType = file.FileType,
        SizeBytes = file.SizeBytes,
        Sha256 = file.Sha256,
        StorageKey = file.StorageKey,
        UploadedBy = uploadedBy,
        UploadedByName = uploadedByName,
        UploadedAt = now,
        PendingAuditAction = DocumentAuditActions.Uploaded,
    };

    /// <summary>New title, description, kind and version; the file never changes (upload a new document instead).</summary>
    public void Describe(DocumentSubject subject, DocumentDetails details, string byName, DateTime now)
    {
        if (IsWithdrawn)
        {
            throw new InvalidOperationException($"Document '{Title}' was withdrawn on {WithdrawnAt:yyyy-MM-dd} and can no longer be edited.");
        }
        VersionId = subject.VersionId;
        VersionLabel = subject.VersionLabel;
        Kind = details.Kind!.Value;
        Title = details.Title!.Trim();
        Description = Normalize(details.Description);
        UpdatedAt = now;
        UpdatedByName = byName;
        Revision++;
    }

    public void Withdraw(string reason, string byName, DateTime now)
    {
        if (IsWithdrawn)
        {
            throw new InvalidOperationException($"Document '{Title}' was already withdrawn by {WithdrawnByName} on {WithdrawnAt:yyyy-MM-dd}.");
        }
        WithdrawnAt = now;
        WithdrawnByName = byName;
        WithdrawalReason = reason.Trim();
        Revision++;
        PendingAuditAction = "Document.Withdrawn";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private static string? Normalize(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

/// <summary>The model (and optionally the version) a document is attached to.</summary>
public sealed record DocumentSubject(int ModelId, string ModelKey, int? VersionId, string? VersionLabel);

/// <summary>The file as the content store keeps it, with what its content was found to be.</summary>
public sealed record StoredFile(string FileName, DocumentFileType FileType, long SizeBytes, string Sha256, string StorageKey);

/// <summary>Audit actions of documents besides their changes: reads of the file, refused uploads, failed integrity checks.</summary>
public static class DocumentAuditActions
{
    public const string Uploaded = "Document.Uploaded";
    public const string Downloaded = "Document.Downloaded";
    public const string UploadRefused = "Document.UploadRefused";
    public const string IntegrityFailed = "Document.IntegrityFailed";
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Documents;
using Portal.Domain.Inventory;
using Portal.Domain.Versions;
using Portal.Web.Features.Notifications;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Features.Documents;

/// <summary>
/// Documents attached to a model or one of its versions. Writes (attach, describe, withdraw) are for the model's people
/// (<see cref="ModelWriteGuard"/>); reads for whoever may read models. A file's type is what its content is; the file is
/// kept in the "documents" content store under its SHA-256, which every download checks. Uploads and downloads are audited.
/// </summary>
public sealed class DocumentService(IDbContextFactory<PortalDbContext> dbFactory, AccessGuard guard, ModelWriteGuard writes, AuditRecorder audit,
    NotificationService notifications, [FromKeyedServices(DocumentService.StoreName)] IContentStore store, TimeProvider clock,
    IOptions<DocumentOptions> options)
{
    public const string StoreName = "documents";

    public long MaxUploadBytes => options.Value.MaxUploadBytes;

    /// <summary>The check an upload passes before a byte of its body is read: a refused caller's file is never received.</summary>
    public Task EnsureMayManageAsync(Actor actor, string modelKey, CancellationToken cancellationToken = default) =>
        writes.EnsureAsync(actor, Permission.ManageDocuments, modelKey, $"documents of {modelKey}", cancellationToken);

    /// <summary>Attaches a document: checks who, what is said about it, its size and its content, then stores it and tells the owners.</summary>
    public async Task<DocumentView> UploadAsync(Actor actor, string modelKey, DocumentDetails details, Stream content, string? fileName,
        CancellationToken cancellationToken = default)
    {
        await EnsureMayManageAsync(actor, modelKey, cancellationToken);
        var name = DocumentRules.FileNameOf(fileName);
        var errors = DocumentRules.Validate(details);
        if (DocumentRules.FileNameProblem(name) is { } nameProblem)
        {
            errors["file"] = [nameProblem];
        }
        Reject(errors);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var subject = await SubjectAsync(db, model, details.VersionLabel, cancellationToken);

        await using var upload = await UploadBuffer.ReceiveAsync(content, MaxUploadBytes, cancellationToken);
        var sniffed = ContentSniffer.Sniff(upload.File, name);
        if (!sniffed.IsAllowed)
        {
            await audit.RecordAsync(actor, DocumentAuditActions.UploadRefused, "Document", model.Key,
                new { fileName = name, detected = sniffed.Detected, sha256 = upload.Sha256, sizeBytes = upload.Length }, model.Key, cancellationToken);
            throw InputRejectedException.For("file", sniffed.Refusal!);
        }
        upload.File.Position = 0;
        var stored = await store.SaveAsync(upload.File, MaxUploadBytes, cancellationToken);
        var document = ModelDocument.Attach(subject, details, new StoredFile(name, sniffed.Type!.Value, stored.Length, stored.Sha256, stored.Key),
            actor.Id, actor.Name, clock.GetUtcNow().UtcDateTime);
        db.ModelDocuments.Add(document);
        db.Actor = actor;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch
        {
            // The record is what makes a stored file a document; without it the file goes too.
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            throw;
        }
        await NotifyOwnersAsync(db, actor, document, cancellationToken);
        return DocumentView.From(document);
    }

    public async Task<PagedResult<DocumentView>> ListAsync(Actor actor, string modelKey, DocumentQuery query, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"documents of {modelKey}", cancellationToken);
        var (page, size) = Paging.Normalize(query.Page, query.PageSize);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var documents = db.ModelDocuments.AsNoTracking().Where(d => d.ModelId == model.Id);
        if (!string.IsNullOrWhiteSpace(query.VersionLabel))
        {
            var versionId = (await SubjectAsync(db, model, query.VersionLabel, cancellationToken)).VersionId;
            documents = documents.Where(d => d.VersionId == versionId);
        }
        if (query.Kind is { } kind)
        {
            documents = documents.Where(d => d.Kind == kind);
        }
        if (!query.IncludeWithdrawn)
        {
            documents = documents.Where(d => d.WithdrawnAt == null);
        }
        var total = await documents.CountAsync(cancellationToken);
        var items = await documents.OrderByDescending(d => d.UploadedAt).ThenBy(d => d.Id)
            .Skip(Paging.Offset(page, size)).Take(size).ToListAsync(cancellationToken);
        return new PagedResult<DocumentView>([.. items.Select(DocumentView.From)], total);
    }

    public async Task<DocumentView> GetAsync(Actor actor, string modelKey, Guid id, CancellationToken cancellationToken = default)
    {
        await guard.EnsureAsync(actor, Permission.ReadModels, $"document {id} of {modelKey}", cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        return DocumentView.From(await FindAsync(db.ModelDocuments.AsNoTracking(), await FindModelAsync(db, modelKey, cancellationToken), id, cancellationToken));
    }

    /// <summary>
    /// The file, for whoever may read the model; a withdrawn document's file only for those who read the audit trail. The
    /// whole file is checked against its SHA-256 before a byte is sent (a changed file is refused and audited), and again
    /// as it streams, so that a change in between breaks the download instead of passing. Every download is audited.
    /// </summary>
    public async Task<DocumentContent> OpenAsync(Actor actor, string modelKey, Guid id, CancellationToken cancellationToken = default)
    {
        var target = $"document {id} of {modelKey}";
        await guard.EnsureAsync(actor, Permission.ReadModels, target, cancellationToken);
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await FindAsync(db.ModelDocuments.AsNoTracking(), await FindModelAsync(db, modelKey, cancellationToken), id, cancellationToken);
        if (document.IsWithdrawn && !actor.Can(Permission.ReadAuditTrail))
        {
            await writes.RefuseAsync(actor, Permission.ReadAuditTrail, target,
                $"Document '{document.Title}' was withdrawn by {document.WithdrawnByName} on {document.WithdrawnAt:yyyy-MM-dd} ({document.WithdrawalReason}). " +
                $"Its file is kept for the audit and readable by the roles {string.Join(", ", RolePermissions.RolesFor(Permission.ReadAuditTrail))}.",
                document.ModelKey, cancellationToken);
        }
        var details = Described(document);
        if (!await store.VerifyAsync(document.StorageKey, document.Sha256, cancellationToken))
        {
            await audit.RecordAsync(actor, DocumentAuditActions.IntegrityFailed, "Document", document.Id.ToString(), details, document.ModelKey, cancellationToken);
            throw new ContentIntegrityException(
                $"The stored file of document '{document.Title}' ({document.FileName}) no longer has the SHA-256 recorded at upload ({document.Sha256}) " +
                "or is missing; it was not sent. The failure is in the audit trail; restore the file from a backup.");
        }
        await audit.RecordAsync(actor, DocumentAuditActions.Downloaded, "Document", document.Id.ToString(), details, document.ModelKey, cancellationToken);
        var stream = await store.OpenReadAsync(document.StorageKey, document.Sha256, cancellationToken);
        return new DocumentContent(stream, DocumentFileTypes.MediaType(document.FileType), DocumentFileTypes.DownloadName(document.FileName, document.FileType),
            document.Sha256, document.SizeBytes);
    }

    /// <summary>New title, description, kind or version; the file stays. A stale revision is a conflict naming who changed it.</summary>
    public async Task<DocumentView> DescribeAsync(Actor actor, string modelKey, Guid id, DocumentDetails details, int revision,
        CancellationToken cancellationToken = default)
    {
        await EnsureMayManageAsync(actor, modelKey, cancellationToken);
        Reject(DocumentRules.Validate(details));
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var model = await FindModelAsync(db, modelKey, cancellationToken);
        var document = await FindAsync(db.ModelDocuments, model, id, cancellationToken);
        var subject = await SubjectAsync(db, model, details.VersionLabel, cancellationToken);
        await RevisionedChange.ApplyAsync(db, actor, document, document.Revision != revision,
            d => d.Describe(subject, details, actor.Name, clock.GetUtcNow().UtcDateTime), () => StaleAsync(id, cancellationToken), cancellationToken);
        return DocumentView.From(document);
    }

    /// <summary>Withdraws a document that no longer applies; its record and file stay, for the audit.</summary>
    public async Task<DocumentView> WithdrawAsync(Actor actor, string modelKey, Guid id, string? reason, int? revision,
        CancellationToken cancellationToken = default)
    {
        await EnsureMayManageAsync(actor, modelKey, cancellationToken);
        if (DocumentRules.WithdrawalReasonProblem(reason) is { } problem)
        {
            throw InputRejectedException.For("reason", problem);
        }
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var document = await FindAsync(db.ModelDocuments, await FindModelAsync(db, modelKey, cancellationToken), id, cancellationToken);
        await RevisionedChange.ApplyAsync(db, actor, document, revision is { } read && read != document.Revision,
            d => d.Withdraw(reason!, actor.Name, clock.GetUtcNow().UtcDateTime), () => StaleAsync(id, cancellationToken), cancellationToken);
        return DocumentView.From(document);
    }

    private async Task NotifyOwnersAsync(PortalDbContext db, Actor actor, ModelDocument document, CancellationToken cancellationToken)
    {
        var owners = await db.OwnershipAssignments.AsNoTracking().Where(o => o.ModelId == document.ModelId && o.EndedAt == null)
            .Select(o => o.OwnerSubject).ToListAsync(cancellationToken);
        var others = owners.Where(o => o != actor.Id).ToList();
        if (others.Count == 0)
        {
            return;
        }
        var attachedTo = document.VersionLabel is null ? document.ModelKey : $"{document.ModelKey}@{document.VersionLabel}";
        await notifications.NotifyAsync(others, "Documents", Shorten($"{actor.Name} attached \"{document.Title}\" to {attachedTo}"),
            $"{DocumentRules.Describe(document.Kind)}: {document.FileName} ({DocumentFileTypes.Name(document.FileType)}, {document.SizeBytes:N0} bytes).",
            DocumentLinks.OnModelPage(document.ModelKey, document.Id), cancellationToken);
    }

    private static string Shorten(string title) =>
        title.Length <= Domain.Notifications.Notification.TitleMax ? title : title[..(Domain.Notifications.Notification.TitleMax - 1)] + "…";

    private static object Described(ModelDocument d) =>
        new { documentId = d.Id, fileName = d.FileName, sha256 = d.Sha256, sizeBytes = d.SizeBytes, version = d.VersionLabel };

    private async Task<ConflictException> StaleAsync(Guid id, CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var current = await db.ModelDocuments.AsNoTracking().SingleAsync(d => d.Id == id, cancellationToken);
        var by = current.WithdrawnByName ?? current.UpdatedByName ?? current.UploadedByName;
        return new ConflictException($"Document '{current.Title}' was changed by {by} since you read it (now revision {current.Revision}); reload it and try again.");
    }

    private static async Task<ModelDocument> FindAsync(IQueryable<ModelDocument> documents, Model model, Guid id, CancellationToken cancellationToken) =>
        await documents.SingleOrDefaultAsync(d => d.Id == id && d.ModelId == model.Id, cancellationToken)
            ?? throw new NotFoundException($"Model {model.Key} has no document {id}.");

    private static async Task<Model> FindModelAsync(PortalDbContext db, string key, CancellationToken cancellationToken)
    {
        var normalized = ModelRules.NormalizeKey(key ?? "");
        return await db.Models.AsNoTracking().SingleOrDefaultAsync(m => m.KeyNormalized == normalized, cancellationToken)
            ?? throw new NotFoundException($"No model has the key '{key}'.");
    }

    // Labels compare regardless of case, as in the versions feature; EF translates ToUpper to SQL UPPER.
#pragma warning disable CA1862
    /// <summary>The model, and the version when a label is given; an unknown label is bad input naming the field.</summary>
    private static async Task<DocumentSubject> SubjectAsync(PortalDbContext db, Model model, string? label, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(label))
        {
            return new DocumentSubject(model.Id, model.Key, null, null);
        }
        var normalized = VersionRules.NormalizeLabel(label);
        var version = await db.ModelVersions.AsNoTracking().Where(v => v.ModelId == model.Id && v.Label.ToUpper() == normalized)
            .Select(v => new { v.Id, v.Label }).FirstOrDefaultAsync(cancellationToken)
            ?? throw InputRejectedException.For("version", $"Model {model.Key} has no version labelled '{label.Trim()}'.");
        return new DocumentSubject(model.Id, model.Key, version.Id, version.Label);
    }
#pragma warning restore CA1862

    private static void Reject(Dictionary<string, string[]> errors)
    {
        if (errors.Count > 0)
        {
            throw new InputRejectedException(errors);
        }
    }
}

/// <summary>Where people find a document: its row on the model's Documents tab, and its file (signed-in browser, cookie).</summary>
public static class DocumentLinks
{
    public static string OnModelPage(string modelKey, Guid id) => $"/models/{Uri.EscapeDataString(modelKey)}?tab=documents&document={id}";

    public static string Download(string modelKey, Guid id) => $"/models/{Uri.EscapeDataString(modelKey)}/documents/{id}/content";
}

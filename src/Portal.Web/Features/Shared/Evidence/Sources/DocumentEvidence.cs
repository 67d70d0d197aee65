using Portal.Domain.Access;
using Portal.Domain.Audits;
using Portal.Web.Features.Documents;

namespace Portal.Web.Features.Shared.Evidence.Sources;

/// <summary>A document's record: title, kind, file name, type, size and the SHA-256 of its file (the file itself stays in the store).</summary>
public sealed class DocumentEvidence(DocumentService documents, TimeProvider clock) : IEvidenceSource
{
    public string Kind => "document";
    public string Label => "Document";
    public string ReferenceHelp => "the document's id, a GUID";

    public async Task<IReadOnlyList<EvidenceChoice>> ChoicesAsync(Actor actor, string modelKey, CancellationToken cancellationToken) =>
        [.. (await documents.ListAsync(actor, modelKey, new DocumentQuery(PageSize: 50), cancellationToken)).Items
            .Select(d => new EvidenceChoice(d.Id.ToString(), $"{d.Title} ({d.FileName})"))];

    public async Task<EvidenceSnapshot> CaptureAsync(Actor actor, string modelKey, string reference, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(reference, out var id))
        {
            throw InputRejectedException.For("reference", "A document is named by its id, a GUID.");
        }
        var document = await documents.GetAsync(actor, modelKey, id, cancellationToken);
        return EvidenceSnapshot.Capture(Kind, id.ToString(), $"Document \"{document.Title}\" ({document.FileName})",
            $"/models/{Uri.EscapeDataString(document.ModelKey)}?tab=documents&document={document.Id}", document, clock.GetUtcNow().UtcDateTime);
    }
}

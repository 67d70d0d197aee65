using Portal.Domain.Audit;

namespace Portal.Domain.Audits;

/// <summary>
/// A link from an answer to a record the portal holds, with the record frozen as it was when linked (<see cref="EvidenceSnapshot"/>):
/// the link keeps showing that, however the record changes later. Never changed once written. The audit trail keeps the
/// snapshot's SHA-256, not its content, which can be large.
/// </summary>
public sealed class EvidenceLink : IAuditedEntity
{
    public const int MaxPerAnswer = 20;
    public const int KindMaxLength = 40;
    public const int ReferenceMaxLength = 200;
    public const int TitleMaxLength = 300;
    public const int LinkMaxLength = 500;

    public Guid RequestId { get; private set; }
    public int ItemNumber { get; private set; }
    public int Round { get; private set; }

    /// <summary>1, 2, … in the order the answer lists its evidence.</summary>
    public int Position { get; private set; }

    public string ModelKey { get; private set; } = "";
    public string Kind { get; private set; } = "";
    public string Reference { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string Link { get; private set; } = "";

    [AuditRedacted]
    public string ContentJson { get; private set; } = "";

    public DateTime CapturedAt { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string CapturedBy { get; private set; } = "";

    public string AuditEntityType => "EvidenceLink";
    public string AuditEntityId => $"{RequestId}/{ItemNumber}#{Round}.{Position}";
    public string? AuditModelKey => ModelKey;
    public string? PendingAuditAction { get; private set; }

    public static EvidenceLink Freeze(AuditItem item, int round, int position, EvidenceSnapshot snapshot, string capturedBy) => new()
    {
        RequestId = item.RequestId,
        ItemNumber = item.Number,
        Round = round,
        Position = position,
        ModelKey = item.ModelKey,
        Kind = snapshot.Kind,
        Reference = snapshot.Reference,
        Title = Cut(snapshot.Title, TitleMaxLength),
        Link = Cut(snapshot.Link, LinkMaxLength),
        ContentJson = snapshot.ContentJson,
        CapturedAt = snapshot.CapturedAt,
        Sha256 = snapshot.Sha256,
        CapturedBy = capturedBy,
        PendingAuditAction = "Evidence.Linked",
    };

    public EvidenceSnapshot Snapshot() => new(Kind, Reference, Title, Link, ContentJson, CapturedAt, Sha256);

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    private static string Cut(string text, int length) => text.Length <= length ? text : text[..length];
}

using System.Globalization;
using Portal.Domain.Audit;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.AuditTrail;

internal static class AuditCsv
{
    public const string Header = "id,occurredAtUtc,actorId,actorName,action,entityType,entityId,modelKey,before,after,previousHash,hash";

    public static string Row(AuditEvent a) => CsvText.Row(
        a.Sequence.ToString(CultureInfo.InvariantCulture), AuditTrailService.Format(a.OccurredAt), a.ActorId, a.ActorName, a.Action,
        a.EntityType, a.EntityId, a.ModelKey, a.Before, a.After, a.PreviousHash, a.Hash);
}

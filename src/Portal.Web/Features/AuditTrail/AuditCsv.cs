using System.Globalization;
using System.Text;
using Portal.Domain.Audit;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.AuditTrail;

internal static class AuditCsv
{
    public const string Header = "id,occurredAtUtc,actorId,actorName,action,entityType,entityId,modelKey,before,after,previousHash,hash";

    public static string Row(AuditEvent a) => CsvText.Row(
        a.Sequence.ToString(CultureInfo.InvariantCulture), AuditTrailService.Format(a.OccurredAt), a.ActorId, a.ActorName, a.Action,
        a.EntityType, a.EntityId, a.ModelKey, a.Before, a.After, a.PreviousHash, a.Hash);

    /// <summary>
    /// The first line of a filtered export: a part of the chain cannot be verified on its own (its first event links to one
    /// left out), and whoever opens the file should know that before relying on it.
    /// </summary>
    public static string? FilteredNote(AuditTrailQuery query) => Filters(query) is { Count: > 0 } filters
        ? $"# Filtered export ({string.Join("; ", filters.Select(f => $"{f.Name} {f.Value}"))}): these events are part of the audit chain and cannot be verified alone. Verify the whole chain in the portal, or use the evidence package."
        : null;

    /// <summary>audit-trail-model-credit-default-pd-action-Model.Registered-20261202-064200.csv: the filter is in the name.</summary>
    public static string FileName(AuditTrailQuery query, DateTime now)
    {
        var name = new StringBuilder("audit-trail");
        foreach (var (filter, value) in Filters(query))
        {
            name.Append('-').Append(filter).Append('-').Append(Safe(value));
        }
        return name.Append(CultureInfo.InvariantCulture, $"-{now:yyyyMMdd-HHmmss}.csv").ToString();
    }

    private static List<(string Name, string Value)> Filters(AuditTrailQuery query)
    {
        var filters = new List<(string, string)>();
        Add("model", query.ModelKey);
        Add("actor", query.Actor);
        Add("action", query.Action);
        Add("from", query.From?.ToString("yyyy-MM-dd'T'HH-mm'Z'", CultureInfo.InvariantCulture));
        Add("to", query.To?.ToString("yyyy-MM-dd'T'HH-mm'Z'", CultureInfo.InvariantCulture));
        return filters;

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                filters.Add((name, value.Trim()));
            }
        }
    }

    /// <summary>Letters, digits, '.', '_' and '-' only, and not too long: the name must be a file name everywhere.</summary>
    private static string Safe(string value)
    {
        var safe = new string([.. value.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '_')]);
        return safe.Length > 40 ? safe[..40] : safe;
    }
}

using Humanizer;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Audits;

/// <summary><c>audit-requests/audit-requests.json</c>: the audit requests about the model, their questions, answers and frozen evidence links.</summary>
public sealed class AuditRequestsEvidencePart(AuditRequestService audits) : IEvidencePackagePart
{
    public string Name => "audit requests";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        var requests = await audits.ForModelAsync(scope.Actor, scope.Model.Key, Moment(scope.From), Moment(scope.AsOf), cancellationToken);
        await package.WriteJsonAsync("audit-requests/audit-requests.json", file =>
        {
            file.Write(requests);
            return Task.CompletedTask;
        }, cancellationToken);
        package.Summarize("Audit requests", $"{"audit request".ToQuantity(requests.Requests.Count)} with their answers and evidence in audit-requests/audit-requests.json.");
    }

    private static DateTimeOffset? Moment(DateTime? at) => at is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}

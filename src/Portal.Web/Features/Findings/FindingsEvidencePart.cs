using Humanizer;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Findings;

/// <summary><c>findings/findings.json</c>: the model's findings open at some moment of the range, with their remediation evidence.</summary>
public sealed class FindingsEvidencePart(FindingService findings) : IEvidencePackagePart
{
    public string Name => "findings";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        var list = await findings.ForModelAsync(scope.Actor, scope.Model.Key, Moment(scope.From), Moment(scope.AsOf), cancellationToken);
        await package.WriteJsonAsync("findings/findings.json", file =>
        {
            file.Write(list);
            return Task.CompletedTask;
        }, cancellationToken);
        var open = list.Count(f => f.Status != Portal.Domain.Findings.FindingStatus.Closed);
        package.Summarize("Findings", $"{"finding".ToQuantity(list.Count)} in findings/findings.json, {open} not closed when the package was built.");
    }

    private static DateTimeOffset? Moment(DateTime? at) => at is { } value ? new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)) : null;
}

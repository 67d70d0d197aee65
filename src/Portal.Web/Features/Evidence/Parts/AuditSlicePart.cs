using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Portal.Data;
using Portal.Domain.Audit;
using Portal.Domain.EvidencePackages;
using Portal.Web.Features.Shared.Evidence;

namespace Portal.Web.Features.Evidence.Parts;

/// <summary>
/// The model's audit-trail slice and its proof (see <see cref="AuditSliceVerifier"/>): <c>audit/events.json</c>, the model's
/// events within the range in full, and <c>audit/chain.json</c>, the sequence, previous hash and hash of every event of the chain
/// from the first slice event to the head the package was started at. Both are read in pages by sequence and streamed out.
/// </summary>
public sealed class AuditSlicePart(IDbContextFactory<PortalDbContext> dbFactory) : IEvidencePackagePart
{
    private const int PageSize = 5000;

    public string Name => "audit trail";

    public async Task WriteAsync(EvidencePackageWriter package, EvidenceScope scope, CancellationToken cancellationToken)
    {
        long? first = null;
        long last = 0;
        var events = await EvidenceRows.WriteArrayAsync(package, EvidencePackageFormat.AuditEvents, Track(SliceAsync(scope, cancellationToken)), cancellationToken,
            indented: false);
        var start = first ?? scope.ChainHead.Sequence;
        var links = await EvidenceRows.WriteArrayAsync(package, EvidencePackageFormat.AuditChain, LinksAsync(start, scope.ChainHead.Sequence, cancellationToken),
            cancellationToken, indented: false);
        package.Summarize("Audit trail",
            events == 0 ? "No audit event of the model within the range." : $"{events} audit event(s) of the model, events {first} to {last}, in {EvidencePackageFormat.AuditEvents}.",
            $"{links} chain link(s) from event {start} to the head, event {scope.ChainHead.Sequence}, in {EvidencePackageFormat.AuditChain}.");

        async IAsyncEnumerable<AuditEvent> Track(IAsyncEnumerable<AuditEvent> source)
        {
            await foreach (var audit in source)
            {
                first ??= audit.Sequence;
                last = audit.Sequence;
                yield return audit;
            }
        }
    }

    private async IAsyncEnumerable<AuditEvent> SliceAsync(EvidenceScope scope, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long after = 0;
        var key = scope.Model.Key;
        while (true)
        {
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var page = await db.AuditEvents.AsNoTracking()
                .Where(a => a.ModelKey == key && a.Sequence > after && a.Sequence <= scope.ChainHead.Sequence
                    && (scope.From == null || a.OccurredAt >= scope.From) && a.OccurredAt <= scope.AsOf)
                .OrderBy(a => a.Sequence).Take(PageSize).ToListAsync(cancellationToken);
            foreach (var audit in page)
            {
                yield return audit;
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
            after = page[^1].Sequence;
        }
    }

    private async IAsyncEnumerable<ChainLink> LinksAsync(long from, long head, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = from; start <= head; start += PageSize)
        {
            var end = Math.Min(head, start + PageSize - 1);
            await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
            var page = await db.AuditEvents.AsNoTracking().Where(a => a.Sequence >= start && a.Sequence <= end).OrderBy(a => a.Sequence)
                .Select(a => new ChainLink(a.Sequence, a.PreviousHash, a.Hash)).ToListAsync(cancellationToken);
            foreach (var link in page)
            {
                yield return link;
            }
        }
    }
}

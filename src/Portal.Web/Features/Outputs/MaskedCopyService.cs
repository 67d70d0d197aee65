using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Outputs;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Web.Features.Outputs;

/// <summary>
/// Stored masked copies: the first download under a masking plan masks from the original and tees the masked bytes into the
/// outputs store; once complete (and the original's checksum verified) they become the plan's copy, stored with a SHA-256 of
/// every chunk and recorded under the SHA-256 of those (<see cref="IContentStore.BeginChunkedSave"/>). Later downloads under the
/// same plan stream the copy, each chunk verified (on other cores, ahead) before its bytes go out; a copy that fails is discarded. A copy is
/// found only by its plan's fingerprint, so a reader with another plan never receives it. Registering an output pre-builds
/// the copy of the policy's default plan in the background.
/// </summary>
public sealed class MaskedCopyService(
    IDbContextFactory<PortalDbContext> dbFactory,
    [FromKeyedServices(OutputsFeature.StoreName)] IContentStore store,
    OutputDataReader reader,
    OutputHashKey hashKey,
    OutputPolicyService policies,
    IOptions<OutputsOptions> options,
    TimeProvider clock,
    ILogger<MaskedCopyService> logger) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<int, Task> building = new();
    private readonly CancellationTokenSource stopping = new();

    private bool Enabled => options.Value.MaskedCopiesPerOutput > 0;

    /// <summary>Streams the read <paramref name="decision"/> allows, from the plan's stored copy when one serves it, else masked from the original.</summary>
    public async Task DownloadAsync(ModelOutput output, OutputDecision decision, OutputFormat format, Stream destination, MaskedRead read,
        CancellationToken cancellationToken)
    {
        var plan = MaskingPlanFingerprint.Of(output, decision, hashKey.KeyId, format);
        if (Enabled && await FindAsync(output, decision, plan, format, cancellationToken) is { } found
            && await TryStreamAsync(output, decision, found.Copy, found.FilterWhileStreaming, destination, read, cancellationToken))
        {
            return;
        }
        await MaskAndKeepAsync(output, decision, plan, format, destination, read, cancellationToken);
    }

    /// <summary>Builds the copy of the policy's default plan (every tagged column masked, all rows, CSV) in the background.</summary>
    public void Prebuild(ModelOutput output)
    {
        if (!Enabled)
        {
            return;
        }
        var task = Task.Run(async () =>
        {
            try
            {
                var policy = await policies.InForceAsync(stopping.Token);
                var decision = new OutputDecision(true, null, MaskingPlanFingerprint.DefaultMasks(policy, output), null, null, "default plan", policy.Version);
                var plan = MaskingPlanFingerprint.Of(output, decision, hashKey.KeyId, OutputFormat.Csv);
                if (await FindAsync(output, decision, plan, OutputFormat.Csv, stopping.Token) is null)
                {
                    await MaskAndKeepAsync(output, decision, plan, OutputFormat.Csv, Stream.Null, new MaskedRead(), stopping.Token);
                }
            }
            catch (Exception problem) when (problem is not OutOfMemoryException)
            {
                // The first ordinary download builds it instead; nothing a reader sees depends on this.
                logger.LogWarning(problem, "The default masked copy of output {OutputId} was not built", output.Id);
            }
        });
        building[output.Id] = task;
        _ = task.ContinueWith(done => building.TryRemove(new KeyValuePair<int, Task>(output.Id, done)), TaskScheduler.Default);
    }

    /// <summary>Completes when no background build is running: for tests and benchmarks that wait for that state, and for shutting down.</summary>
    public Task WhenIdleAsync() => Task.WhenAll(building.Values);

    private async Task<(MaskedOutputCopy Copy, RowFilter? FilterWhileStreaming)?> FindAsync(ModelOutput output, OutputDecision decision,
        MaskingPlanFingerprint plan, OutputFormat format, CancellationToken cancellationToken)
    {
        var unfiltered = MaskingPlanFingerprint.UnfilteredFor(output, decision, hashKey.KeyId, format)?.Value;
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        var copies = await db.MaskedOutputCopies.AsNoTracking()
            .Where(c => c.OutputId == output.Id && (c.Fingerprint == plan.Value || c.Fingerprint == unfiltered)).ToListAsync(cancellationToken);
        if (copies.Find(c => c.Fingerprint == plan.Value) is { } exact)
        {
            return (exact, null);
        }
        return copies.Count > 0 ? (copies[0], decision.RowFilter) : null;
    }

    /// <summary>
    /// Streams the copy; false when it is gone or its chunks' hashes are not the recorded ones, before a byte was sent (then the
    /// original serves). A failed checksum discards it.
    /// </summary>
    private async Task<bool> TryStreamAsync(ModelOutput output, OutputDecision decision, MaskedOutputCopy copy, RowFilter? filter, Stream destination,
        MaskedRead read, CancellationToken cancellationToken)
    {
        Stream data;
        try
        {
            data = await store.OpenChunkedReadAsync(copy.StorageKey, copy.Sha256, cancellationToken);
        }
        catch (ContentIntegrityException)
        {
            await DiscardAsync(copy);
            return false;
        }
        read.FromStoredCopy = true;
        await using (data)
        {
            try
            {
                read.Rows = filter is null
                    ? await CopyWholeAsync(data, destination, copy.Rows, cancellationToken)
                    : (await reader.CopyCsvAsync(output, decision with { Masks = new Dictionary<string, MaskingFunction>() }, data, OutputFormat.Csv,
                        destination, RowWindow.All, cancellationToken)).Written;
            }
            catch (ContentIntegrityException)
            {
                await DiscardAsync(copy);
                throw;
            }
        }
        read.Completed = true;
        return true;
    }

    private static async Task<long> CopyWholeAsync(Stream data, Stream destination, long rows, CancellationToken cancellationToken)
    {
        await data.CopyToAsync(destination, cancellationToken);
        return rows;
    }

    /// <summary>Masks from the original to <paramref name="destination"/> and, unless copies are off, into a new copy kept once the read completes.</summary>
    private async Task MaskAndKeepAsync(ModelOutput output, OutputDecision decision, MaskingPlanFingerprint plan, OutputFormat format, Stream destination,
        MaskedRead read, CancellationToken cancellationToken)
    {
        if (!Enabled)
        {
            read.Rows = (await reader.CopyAsync(output, decision, format, destination, RowWindow.All, cancellationToken)).Written;
            read.Completed = true;
            return;
        }
        await using var copy = store.BeginChunkedSave();
        await using (var tee = new TeeStream(destination, copy.Content))
        {
            read.Rows = (await reader.CopyAsync(output, decision, format, tee, RowWindow.All, cancellationToken)).Written;
        }
        read.Completed = true;
        var stored = await copy.CommitAsync(CancellationToken.None);
        await KeepAsync(output, plan, stored, read.Rows);
    }

    /// <summary>
    /// Records the new copy, then removes those no plan can reach any more (made under another hash key or masks' format) and, past
    /// <see cref="OutputsOptions.MaskedCopiesPerOutput"/>, the oldest. A plan stored meanwhile by another read wins; this file goes.
    /// </summary>
    private async Task KeepAsync(ModelOutput output, MaskingPlanFingerprint plan, StoredContent stored, long rows)
    {
        await using var db = await dbFactory.CreateDbContextAsync();
        db.MaskedOutputCopies.Add(MaskedOutputCopy.Of(output.Id, plan, stored.Key, stored.Length, stored.Sha256, rows, clock.GetUtcNow().UtcDateTime));
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            await store.DeleteAsync(stored.Key, CancellationToken.None);
            return;
        }
        var others = await db.MaskedOutputCopies.Where(c => c.OutputId == output.Id && c.Fingerprint != plan.Value)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id).ToListAsync();
        var unreachable = others.Where(c => c.HashKeyId != plan.HashKeyId).ToList();
        var surplus = others.Except(unreachable).Skip(options.Value.MaskedCopiesPerOutput - 1);
        await RemoveAsync(db, [.. unreachable, .. surplus], CancellationToken.None);
    }

    private async Task DiscardAsync(MaskedOutputCopy copy)
    {
        logger.LogWarning("Stored masked copy {CopyId} of output {OutputId} failed its checksum or is missing; discarded", copy.Id, copy.OutputId);
        await using var db = await dbFactory.CreateDbContextAsync();
        await RemoveAsync(db, [copy], CancellationToken.None);
    }

    /// <summary>Rows first: once a copy's row is gone no read picks its file, and a read already streaming it keeps its open file.</summary>
    private async Task RemoveAsync(PortalDbContext db, IReadOnlyList<MaskedOutputCopy> copies, CancellationToken cancellationToken)
    {
        if (copies.Count == 0)
        {
            return;
        }
        var ids = copies.Select(c => c.Id).ToList();
        await db.MaskedOutputCopies.Where(c => ids.Contains(c.Id)).ExecuteDeleteAsync(cancellationToken);
        foreach (var copy in copies)
        {
            await store.DeleteAsync(copy.StorageKey, CancellationToken.None);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        try
        {
            await WhenIdleAsync();
        }
        catch (OperationCanceledException)
        {
        }
        stopping.Dispose();
    }
}

/// <summary>What a download did, filled in as it goes so that the record says it even when the read broke off.</summary>
public sealed class MaskedRead
{
    public long Rows { get; set; }
    public bool Completed { get; set; }
    public bool FromStoredCopy { get; set; }
}

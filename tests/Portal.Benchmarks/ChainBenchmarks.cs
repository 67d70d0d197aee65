using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Portal.Domain.Audit;

namespace Portal.Benchmarks;

/// <summary>
/// 2. Chain verification: in memory (the hashing alone), then from the database the way
/// AuditTrailService.VerifyAsync streams it, with the bare reads that bound it.
/// </summary>
internal static class ChainBenchmarks
{
    private const double Target = 1_500_000;

    public static async Task RunAsync(Sizes sizes)
    {
        Report.Section($"2. Chain verification (target >= {Target:N0} events/s)");
        await MeasureSha256Async(sizes, 256);
        var averageSize = await InMemoryAsync(sizes);
        await MeasureSha256Async(sizes, averageSize);
        await FromDatabaseAsync(sizes);
        await EndToEndAsync(sizes);
    }

    /// <summary>
    /// The reference: SHA-256 of <paramref name="size"/>-byte messages on one core, one-shot as
    /// AuditChain does (SHA256.HashData) and through one reused IncrementalHash, which skips the
    /// per-call setup of the platform's hash context (OpenSSL on Linux).
    /// </summary>
    private static async Task MeasureSha256Async(Sizes sizes, int size)
    {
        var message = new byte[size];
        Random.Shared.NextBytes(message);
        var hash = new byte[SHA256.HashSizeInBytes];
        using var reused = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        void OneShot()
        {
            for (var i = 0; i < sizes.ShaMessages; i++)
            {
                message[0] = (byte)i;
                SHA256.HashData(message, hash);
            }
        }
        void Incremental()
        {
            for (var i = 0; i < sizes.ShaMessages; i++)
            {
                message[0] = (byte)i;
                reused.AppendData(message);
                reused.GetHashAndReset(hash);
            }
        }
        foreach (var (label, body) in new (string, Action)[] { ("SHA256.HashData", OneShot), ("reused IncrementalHash", Incremental) })
        {
            body();  // warm-up
            var runs = new Timings();
            for (var run = 0; run < sizes.ChainRuns; run++)
            {
                await Measure.TimeRunAsync(runs, () =>
                {
                    body();
                    return Task.CompletedTask;
                });
            }
            var rate = Report.Rate($"reference: {label}, {size}-byte messages", sizes.ShaMessages, runs, "hashes");
            Report.Note($"{"",-56} = {rate * size / 1e6:N0} MB/s");
        }
    }

    /// <summary>Builds and verifies a chain in memory; answers the average canonical (hashed) size of an event.</summary>
    private static async Task<int> InMemoryAsync(Sizes sizes)
    {
        AuditEvent[] events = [];
        var build = new Timings();
        await Measure.TimeRunAsync(build, () =>
        {
            events = SampleData.SealedEvents(sizes.MemoryEvents).ToArray();
            return Task.CompletedTask;
        });
        Report.Rate("(a) building the chain: AuditChain.Append (1 run)", events.Length, build, "events");
        var averageSize = (int)events.Take(10_000).Average(CanonicalSize);
        Report.Note($"events hash ~{averageSize} bytes each (before/after JSON {events[0].Before!.Length} + {events[0].After!.Length} chars)");

        await VerifyInMemoryAsync("(a) one event at a time (one core, as before)", sizes, events, OneAtATime);
        await VerifyInMemoryAsync($"(a) ChainVerifier, batches hashed on {Environment.ProcessorCount} cores", sizes, events,
            chain => ChainVerifier.Verify(chain), Target);
        return averageSize;
    }

    private static async Task VerifyInMemoryAsync(string label, Sizes sizes, AuditEvent[] events,
        Func<IEnumerable<AuditEvent>, ChainVerification> verify, double? target = null)
    {
        verify(events.Take(50_000));  // warm-up: tiered JIT reaches its optimized code
        var runs = new Timings();
        for (var run = 0; run < sizes.ChainRuns; run++)
        {
            Measure.SettleHeap();
            var result = new ChainVerification(false, 0, null, null);
            await Measure.TimeRunAsync(runs, () =>
            {
                result = verify(events);
                return Task.CompletedTask;
            });
            AuditRows.EnsureIntact(result, events.Length, "in-memory chain");
        }
        Report.Rate(label, events.Length, runs, "events", target);
    }

    private static ChainVerification OneAtATime(IEnumerable<AuditEvent> events)
    {
        var verifier = new ChainVerifier();
        foreach (var audit in events)
        {
            if (!verifier.Accept(audit))
            {
                break;
            }
        }
        return verifier.Complete();
    }

    private static async Task FromDatabaseAsync(Sizes sizes)
    {
        await using var database = await BenchDatabase.CreateAsync("chain");
        var seeding = new Timings();
        await Measure.TimeRunAsync(seeding, () => AuditRows.BulkInsertAsync(database, SampleData.SealedEvents(sizes.DatabaseEvents)));
        Report.Rate("(b) seeding: bulk INSERT in one transaction (1 run)", sizes.DatabaseEvents, seeding, "events");
        await database.CheckpointAsync();
        Report.Note($"database file: {new FileInfo(database.FilePath).Length / 1e6:N0} MB (checkpointed)");

        await MeasureReadAsync("(b) EF Core stream + ChainVerifier.VerifyAsync", sizes.DatabaseEvents, sizes, () => EfCoreParallelAsync(database), Target);
        await MeasureReadAsync("(b) EF Core stream + one event at a time (as before)", sizes.DatabaseEvents, sizes, () => EfCoreAsync(database, verify: true));
        await MeasureReadAsync("(b) EF Core stream only, no hashing", sizes.DatabaseEvents, sizes, () => EfCoreAsync(database, verify: false));
        await MeasureReadAsync("(b) ADO.NET reader + one event at a time", sizes.DatabaseEvents, sizes, () => AdoNetAsync(database, verify: true));
        await MeasureReadAsync("(b) ADO.NET reader only, no hashing", sizes.DatabaseEvents, sizes, () => AdoNetAsync(database, verify: false));
    }

    /// <summary>
    /// (c) What a person asking for verification waits for: AuditTrailService.VerifyAsync over the whole stored chain (the
    /// permission check, the rows read with EF Core, hashed on every core, the closing audit record), beside the same read
    /// verified one event at a time as before.
    /// </summary>
    private static async Task EndToEndAsync(Sizes sizes)
    {
        await using var database = await BenchDatabase.CreateAsync("verify");
        await AuditRows.BulkInsertAsync(database, SampleData.SealedEvents(sizes.StoredEvents));
        await database.CheckpointAsync();
        Report.Note($"(c) {sizes.StoredEvents:N0} stored events, database file {new FileInfo(database.FilePath).Length / 1e6:N0} MB (checkpointed)");
        var service = BenchmarkServices.AuditTrail(database.Factory);
        var verifications = 0;
        await MeasureReadAsync("(c) AuditTrailService.VerifyAsync, end to end", sizes.StoredEvents, sizes, async () =>
        {
            // Each verification is itself recorded in the chain, which therefore grows by one event per call.
            var result = await service.VerifyAsync(Auditor, expected: null);
            AuditRows.EnsureIntact(result, sizes.StoredEvents + verifications++, "end-to-end verification");
            return sizes.StoredEvents;
        }, Target);
        await MeasureReadAsync("(c) the same rows, one event at a time (as before)", sizes.StoredEvents, sizes, async () =>
        {
            var count = await EfCoreAsync(database, verify: true);
            return count - verifications;
        });
    }

    private static readonly Portal.Domain.Access.Actor Auditor =
        new("bench-auditor", "Bench Auditor", new HashSet<string> { Portal.Domain.Access.PortalRoles.Auditor });

    private static async Task MeasureReadAsync(string label, long expected, Sizes sizes, Func<Task<long>> read, double? target = null)
    {
        await read();  // warm-up; also brings the file into the OS cache so every run reads from memory
        var runs = new Timings();
        for (var run = 0; run < sizes.ChainRuns; run++)
        {
            Measure.SettleHeap();
            long count = 0;
            await Measure.TimeRunAsync(runs, async () => count = await read());
            if (count != expected)
            {
                throw new InvalidOperationException($"{label}: read {count:N0} events, expected {expected:N0}.");
            }
        }
        Report.Rate(label, expected, runs, "events", target);
    }

    /// <summary>The loop of AuditTrailService.VerifyAsync, without its permission check and its own audit record.</summary>
    private static async Task<long> EfCoreAsync(BenchDatabase database, bool verify)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var verifier = new ChainVerifier();
        long count = 0;
        await foreach (var audited in db.AuditEvents.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable())
        {
            count++;
            if (verify && !verifier.Accept(audited))
            {
                break;
            }
        }
        return verify ? Checked(verifier.Complete(), count) : count;
    }

    /// <summary>The same read through ChainVerifier.VerifyAsync: the next batch is read while the previous one is hashed.</summary>
    private static async Task<long> EfCoreParallelAsync(BenchDatabase database)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var result = await ChainVerifier.VerifyAsync(db.AuditEvents.AsNoTracking().OrderBy(a => a.Sequence).AsAsyncEnumerable());
        return Checked(result, result.EventCount);
    }

    private static async Task<long> AdoNetAsync(BenchDatabase database, bool verify)
    {
        await using var connection = await database.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = AuditRows.SelectInSequence;
        await using var reader = await command.ExecuteReaderAsync();
        var verifier = new ChainVerifier();
        long count = 0;
        while (await reader.ReadAsync())
        {
            count++;
            var audited = AuditRows.Read(reader);
            if (verify && !verifier.Accept(audited))
            {
                break;
            }
        }
        return verify ? Checked(verifier.Complete(), count) : count;
    }

    private static long Checked(ChainVerification result, long count)
    {
        AuditRows.EnsureIntact(result, count, "database chain");
        return count;
    }

    private static int CanonicalSize(AuditEvent audit) =>
        1 + 8 + 8 + SHA256.HashSizeInBytes + new[] { audit.ActorId, audit.ActorName, audit.Action, audit.EntityType, audit.EntityId, audit.ModelKey, audit.Before, audit.After }
            .Sum(text => 4 + (text is null ? 0 : System.Text.Encoding.UTF8.GetByteCount(text)));
}

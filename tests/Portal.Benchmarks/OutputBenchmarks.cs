using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Data;
using Portal.Domain.Access;
using Portal.Domain.Inventory;
using Portal.Domain.Outputs;
using Portal.Domain.Teams;
using Portal.Domain.Versions;
using Portal.Web.Features.Outputs;
using Portal.Web.Features.Shared;
using Portal.Web.Features.Shared.Storage;

namespace Portal.Benchmarks;

/// <summary>
/// Outputs: (1) a masked, audited CSV download through the portal's own download path (<see cref="OutputService.OpenDownloadAsync"/>,
/// the stream the endpoint writes to the response: checksum verified, e-mails hashed, the read recorded), the first one (masking
/// from the original and storing the masked copy) and one from the stored masked copy, against reading the same stored file
/// straight from disk (and, for reference, the copy's own file), with the process's peak working set at two file sizes; (2) the authorization
/// decision of a read (<see cref="OutputAuthorizationService.DecideAsync"/>) with 1,000 grants in force on the output read.
/// </summary>
internal static class OutputBenchmarks
{
    private const string ModelKey = "bench-outputs";
    private const int GrantsInForce = 1_000;
    private const double DecisionTargetMilliseconds = 1;
    private static readonly Actor Admin = new("bench-admin", "Bench Admin", new HashSet<string> { PortalRoles.Admin });
    private static readonly Actor Reviewer = new("bench-reviewer", "Bench Reviewer", new HashSet<string> { PortalRoles.ComplianceReviewer });

    private static readonly OutputColumn[] Columns =
    [
        new("customer_email", OutputColumnType.String, [OutputTags.Pii]),
        new("region", OutputColumnType.String, []),
        new("score", OutputColumnType.Decimal, []),
    ];

    public static async Task RunAsync(Sizes sizes)
    {
        Report.Section("6. Outputs: masked, audited download vs disk; authorization decision with 1,000 grants");
        await using var database = await BenchDatabase.CreateAsync("outputs");
        var storeFolder = Path.Combine(BenchDatabase.Folder, "outputs-store");
        await using var services = Services(database, storeFolder);
        var outputs = services.GetRequiredService<OutputService>();
        await RegisterModelAsync(database.Factory);

        foreach (var bytes in sizes.OutputBytes)
        {
            await DownloadAsync(services, storeFolder, bytes, sizes.OutputRuns);
        }
        await DecisionAsync(database.Factory, outputs, services.GetRequiredService<OutputAuthorizationService>(), sizes.QueryIterations * 10);
    }

    private static async Task DownloadAsync(ServiceProvider services, string storeFolder, long bytes, int runs)
    {
        var outputs = services.GetRequiredService<OutputService>();
        var factory = services.GetRequiredService<IDbContextFactory<PortalDbContext>>();
        var output = await RegisterOutputAsync(outputs, bytes);
        await services.GetRequiredService<MaskedCopyService>().WhenIdleAsync();
        var stored = await OriginalFileAsync(factory, storeFolder, output.Id);
        var size = output.SizeBytes!.Value;
        var disk = new Timings();
        var cold = new Timings();
        var fromCopy = new Timings();
        var copyDisk = new Timings();
        long peakWorkingSet = 0, written = 0;
        // Alternated, each once untimed first; before every run the files read leave the page cache, so all read the disk.
        // A cold download finds no stored copy (forgotten just before), masks from the original and stores the copy the next one streams.
        for (var run = 0; run <= runs; run++)
        {
            Measure.SettleHeap();
            DropFromPageCache(stored);
            await Measure.TimeCallAsync(run == 0 ? null : disk, () => ReadFromDiskAsync(stored));
            await ForgetCopiesAsync(factory, storeFolder, output.Id);
            Measure.SettleHeap();
            DropFromPageCache(stored);
            using (var peak = new PeakWorkingSet())
            {
                await Measure.TimeCallAsync(run == 0 ? null : cold, () => DownloadOnceAsync(outputs, output.Id));
                peakWorkingSet = Math.Max(peakWorkingSet, peak.Stop());
            }
            var copyFile = await CopyFileAsync(factory, storeFolder, output.Id);
            Measure.SettleHeap();
            DropFromPageCache(copyFile);
            await Measure.TimeCallAsync(run == 0 ? null : copyDisk, () => ReadFromDiskAsync(copyFile));
            Measure.SettleHeap();
            DropFromPageCache(copyFile);
            using (var peak = new PeakWorkingSet())
            {
                await Measure.TimeCallAsync(run == 0 ? null : fromCopy, async () => written = await DownloadOnceAsync(outputs, output.Id));
                peakWorkingSet = Math.Max(peakWorkingSet, peak.Stop());
            }
        }
        var megabytes = size / (1024.0 * 1024.0);
        var diskRate = megabytes / (disk.Wall.Median / 1000);
        string Rate(Timings timings) => $"{megabytes / (timings.Wall.Median / 1000),8:N0} MB/s median (on-CPU {megabytes / (timings.Cpu.Median / 1000):N0})";
        var copyRate = megabytes / (fromCopy.Wall.Median / 1000);
        var label = $"{megabytes:N0} MB CSV ({output.RowCount:N0} rows)";
        Report.Note($"{label}: read from disk (page cache dropped) {Rate(disk)}  [{disk.Wall.Count} runs]");
        Report.Note($"{label}: first masked, audited download (no stored copy; masks and stores one) {Rate(cold)}  [{cold.Wall.Count} runs]");
        Report.Note($"{label}: the stored copy's file read from disk (page cache dropped; reference) {Rate(copyDisk)}  [{copyDisk.Wall.Count} runs]");
        Report.Note($"{label}: masked, audited download from the stored copy {Rate(fromCopy)}, {written / (1024.0 * 1024.0):N0} MB written  " +
            $"[{fromCopy.Wall.Count} runs]  target >= half of disk ({diskRate / 2:N0} MB/s): {(copyRate >= diskRate / 2 ? "MET" : "MISSED")}");
        Report.Note($"{label}: peak working set during the downloads {peakWorkingSet / (1024.0 * 1024.0),8:N0} MB");
        KeyedHashReference(size, output.RowCount);
        await ForgetCopiesAsync(factory, storeFolder, output.Id);
        File.Delete(stored);
    }

    private static async Task<long> DownloadOnceAsync(OutputService outputs, int outputId)
    {
        var opened = await outputs.OpenDownloadAsync(Reviewer, outputId, OutputFormat.Csv, CancellationToken.None);
        var sink = new CountingStream();
        await opened.WriteAsync(sink, CancellationToken.None);
        return sink.Length;
    }

    /// <summary>Removes the output's stored masked copies (rows and files), so that the next download is a first one.</summary>
    private static async Task ForgetCopiesAsync(IDbContextFactory<PortalDbContext> factory, string storeFolder, int outputId)
    {
        await using var db = await factory.CreateDbContextAsync();
        foreach (var key in await db.MaskedOutputCopies.Where(c => c.OutputId == outputId).Select(c => c.StorageKey).ToListAsync())
        {
            File.Delete(Path.Combine(storeFolder, key[..2], key));
        }
        await db.MaskedOutputCopies.Where(c => c.OutputId == outputId).ExecuteDeleteAsync();
    }

    private static async Task<string> OriginalFileAsync(IDbContextFactory<PortalDbContext> factory, string storeFolder, int outputId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var key = await db.ModelOutputs.Where(o => o.Id == outputId).Select(o => o.StorageKey!).SingleAsync();
        return Path.Combine(storeFolder, key[..2], key);
    }

    private static async Task<string> CopyFileAsync(IDbContextFactory<PortalDbContext> factory, string storeFolder, int outputId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var key = await db.MaskedOutputCopies.Where(c => c.OutputId == outputId).Select(c => c.StorageKey).SingleAsync();
        return Path.Combine(storeFolder, key[..2], key);
    }

    /// <summary>
    /// The reference line for the masked download: one core doing nothing but the keyed hash of an e-mail cell (HMAC-SHA-256,
    /// as the masking does, one per row), and what that alone allows in MB/s of this CSV on one core and on every core.
    /// </summary>
    private static void KeyedHashReference(long size, long rows)
    {
        const int Cells = 2_000_000;
        using var hasher = new OutputMasking(RandomNumberGenerator.GetBytes(32)).CreateHasher();
        var cell = "customer000012345@example.com"u8.ToArray();
        var hex = new byte[OutputMasking.HashHexLength];
        for (var i = 0; i < 10_000; i++)
        {
            hasher.HashHex(cell, hex);
        }
        var timings = new Timings();
        Measure.TimeCallAsync(timings, () =>
        {
            for (var i = 0; i < Cells; i++)
            {
                hasher.HashHex(cell, hex);
            }
            return Task.CompletedTask;
        }).GetAwaiter().GetResult();
        var perSecond = Cells / (timings.Cpu.Median / 1000);
        var bytesPerRow = size / (double)Math.Max(1, rows);
        var ceiling = perSecond * bytesPerRow / (1024.0 * 1024.0);
        Report.Note($"reference: HMAC-SHA-256 of one e-mail cell alone {perSecond / 1e6,6:N2} M cells/s on one core (on-CPU) = {ceiling:N0} MB/s of this CSV " +
            $"({bytesPerRow:N0} bytes a row) per core, {ceiling * Environment.ProcessorCount:N0} MB/s on {Environment.ProcessorCount} cores");
    }

    private static async Task DecisionAsync(IDbContextFactory<PortalDbContext> factory, OutputService outputs, OutputAuthorizationService authorization,
        int iterations)
    {
        var output = await RegisterOutputAsync(outputs, 64 * 1024);
        var holder = await SeedGrantsAsync(factory, output);
        var outsider = new Actor("bench-outsider", "Bench Outsider", new HashSet<string> { PortalRoles.Engineer });
        var allowed = new Timings();
        var refused = new Timings();
        for (var run = 0; run <= iterations; run++)
        {
            await Measure.TimeCallAsync(run == 0 ? null : allowed, () => ExpectAsync(authorization.DecideAsync(holder, output.Id, CancellationToken.None), true));
            await Measure.TimeCallAsync(run == 0 ? null : refused, () => ExpectAsync(authorization.DecideAsync(outsider, output.Id, CancellationToken.None), false));
        }
        string Verdict(Samples wall) => $"  target p95 < {DecisionTargetMilliseconds} ms: {(wall.P95 < DecisionTargetMilliseconds ? "MET" : "MISSED")}";
        Report.Latency($"decide a read, grant holder ({GrantsInForce:N0} grants in force)", allowed.Wall, allowed.Cpu, Verdict(allowed.Wall));
        Report.Latency($"decide a read, refused ({GrantsInForce:N0} grants in force)", refused.Wall, refused.Cpu, Verdict(refused.Wall));
    }

    private static async Task ExpectAsync(Task<(ModelOutput Output, string Team, OutputDecision Decision)> decided, bool allowed)
    {
        if ((await decided).Decision.Allowed != allowed)
        {
            throw new InvalidOperationException($"The decision should be {(allowed ? "allowed" : "refused")}; the benchmark measures the wrong thing.");
        }
    }

    /// <summary>
    /// 1,000 active grants on the output read: 900 to people (one of them the reader), 100 to teams of 20 members each, so the
    /// decision loads every team grant and those teams, as it must to know whether the reader is in one.
    /// </summary>
    private static async Task<Actor> SeedGrantsAsync(IDbContextFactory<PortalDbContext> factory, OutputDetail output)
    {
        const int TeamGrants = 100;
        await using var db = await factory.CreateDbContextAsync();
        var now = DateTime.UtcNow;
        for (var t = 0; t < TeamGrants; t++)
        {
            var team = Team.Create($"grant-team-{t:D3}", null);
            for (var m = 0; m < 20; m++)
            {
                team.SetMember($"member-{t:D3}-{m:D2}", $"Member {t}-{m}", isManager: m == 0);
            }
            db.Teams.Add(team);
            db.OutputGrants.Add(OutputGrant.Give(output.Id, ModelKey,
                new GrantTerms(GranteeKind.Team, team.NameNormalized, team.Name, GrantAccess.Read, [], null, "Benchmark", now.AddDays(30)), Admin.Id, Admin.Name, now));
        }
        for (var p = 0; p < GrantsInForce - TeamGrants; p++)
        {
            db.OutputGrants.Add(OutputGrant.Give(output.Id, ModelKey,
                new GrantTerms(GranteeKind.Person, $"reader-{p:D4}", $"Reader {p}", GrantAccess.Read, [], null, "Benchmark", now.AddDays(30)), Admin.Id, Admin.Name, now));
        }
        db.Actor = Admin;
        await db.SaveChangesAsync();
        return new Actor("reader-0450", "Reader 450", new HashSet<string> { PortalRoles.Engineer });
    }

    private static async Task<OutputDetail> RegisterOutputAsync(OutputService outputs, long bytes)
    {
        var path = Path.Combine(BenchDatabase.Folder, $"output-{bytes}.csv");
        WriteCsv(path, bytes);
        try
        {
            await using var data = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
            var registration = new OutputRegistration("1.0.0", $"scores-{bytes}", "Benchmark scores", DateTime.UtcNow.AddHours(-1),
                OutputClassification.Confidential, Columns, null, null, OutputFormat.Csv, null);
            return await outputs.RegisterAsync(Admin, ModelKey, registration, data, CancellationToken.None);
        }
        finally
        {
            File.Delete(path);
        }
    }

    /// <summary>A CSV of about <paramref name="bytes"/> bytes: an e-mail (tagged pii, so hashed for the reader), a region and a score.</summary>
    private static void WriteCsv(string path, long bytes)
    {
        string[] regions = ["EU", "US", "APAC", "LATAM"];
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 16);
        writer.Write("customer_email,region,score\n");
        var random = new Random(20261202);
        for (long row = 0; writer.BaseStream.Position < bytes; row++)
        {
            writer.Write($"customer{row:D9}@example.com,{regions[row % regions.Length]},{random.NextDouble():F6}\n");
        }
    }

    /// <summary>
    /// Makes the next read of the file come from the disk: as root on Linux, writes the dirty pages out and drops the whole
    /// page cache (/proc/sys/vm/drop_caches), since posix_fadvise DONTNEED alone was seen to leave a just-written file's pages
    /// cached; otherwise asks for this file's clean pages to go (posix_fadvise, no privilege needed). Elsewhere than Linux
    /// the reads may come from memory.
    /// </summary>
    private static void DropFromPageCache(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            return;
        }
        Sync();
        if (TryDropWholePageCache())
        {
            return;
        }
        using var file = File.OpenHandle(path);
        _ = PosixFadvise((int)file.DangerousGetHandle(), 0, 0, PosixFadviseDontNeed);
    }

    private static bool TryDropWholePageCache()
    {
        try
        {
            File.WriteAllText("/proc/sys/vm/drop_caches", "1");
            return true;
        }
        catch (Exception refused) when (refused is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    [DllImport("libc", EntryPoint = "sync")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern void Sync();

    private const int PosixFadviseDontNeed = 4;

    [DllImport("libc", EntryPoint = "posix_fadvise")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int PosixFadvise(int fileDescriptor, long offset, long length, int advice);

    private static async Task ReadFromDiskAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 81_920, FileOptions.Asynchronous | FileOptions.SequentialScan);
        var buffer = new byte[81_920];
        while (await file.ReadAsync(buffer) > 0)
        {
        }
    }

    private static async Task RegisterModelAsync(IDbContextFactory<PortalDbContext> factory)
    {
        await BenchmarkServices.Models(factory).RegisterAsync(Admin,
            new ModelDetails(ModelKey, "Bench outputs", "A model with large outputs.", "Bench", RiskTier.High, LifecycleStatus.Production, []));
        await using var db = await factory.CreateDbContextAsync();
        var model = await db.Models.SingleAsync(m => m.Key == ModelKey);
        db.ModelVersions.Add(ModelVersion.Register(model.Id, ModelKey,
            new VersionDetails("1.0.0", null, null, null, null, [], [], null, null), Admin.Id, DateTime.UtcNow));
        db.Actor = Admin;
        await db.SaveChangesAsync();
    }

    /// <summary>The output feature's services as the portal wires them, over the benchmark's database and a local store folder.</summary>
    private static ServiceProvider Services(BenchDatabase database, string storeFolder)
    {
        var services = new ServiceCollection()
            .AddSingleton(database.Factory)
            .AddSingleton(TimeProvider.System)
            .AddSingleton<AuditRecorder>()
            .AddSingleton<AccessGuard>()
            .AddSingleton<ModelWriteGuard>()
            .AddSingleton(Options.Create(new OutputsOptions { HashKey = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) }))
            .AddKeyedSingleton<IContentStore>(OutputsFeature.StoreName, new LocalFolderContentStore(storeFolder))
            .AddSingleton<OutputHashKey>()
            .AddSingleton<OutputPolicyService>()
            .AddSingleton<TeamMembershipCache>()
            .AddSingleton<OutputAuthorizationService>()
            .AddSingleton<OutputDataReader>()
            .AddSingleton<MaskedCopyService>()
            .AddSingleton<OutputService>();
        services.AddLogging();
        services.AddDataProtection().UseEphemeralDataProtectionProvider();
        return services.BuildServiceProvider();
    }

    /// <summary>The download's destination, as the response body is: bytes go out and are not kept.</summary>
    private sealed class CountingStream : Stream
    {
        private long length;

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => length;

        public override long Position { get => length; set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => length += count;

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            length += buffer.Length;
            return ValueTask.CompletedTask;
        }
    }

    /// <summary>Samples the process's working set every 20 ms until stopped; the peak is what the download held at most.</summary>
    private sealed class PeakWorkingSet : IDisposable
    {
        private readonly CancellationTokenSource stop = new();
        private readonly Task<long> sampling;

        public PeakWorkingSet() => sampling = Task.Run(async () =>
        {
            long peak = Environment.WorkingSet;
            using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(20));
            try
            {
                while (await timer.WaitForNextTickAsync(stop.Token))
                {
                    peak = Math.Max(peak, Environment.WorkingSet);
                }
            }
            catch (OperationCanceledException)
            {
            }
            return peak;
        });

        public long Stop()
        {
            stop.Cancel();
            return sampling.GetAwaiter().GetResult();
        }

        public void Dispose() => stop.Dispose();
    }
}

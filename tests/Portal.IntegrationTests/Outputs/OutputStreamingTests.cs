using System.Net;
using System.Text;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.IntegrationTests.Infrastructure;
using static Portal.IntegrationTests.Outputs.OutputRequests;

namespace Portal.IntegrationTests.Outputs;

/// <summary>Large outputs stream in and out with memory independent of their size; a stored file that changed is caught.</summary>
/// <summary>Measures the process's live heap, so no other test may run beside it and hold memory of its own.</summary>
[CollectionDefinition(nameof(OutputStreamingTests), DisableParallelization = true)]
public sealed class OutputStreamingCollection;

[Collection(nameof(OutputStreamingTests))]
public sealed class OutputStreamingTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private const long LargeBytes = 100L * 1024 * 1024;

    [Fact]
    public async Task A_100_MB_output_uploads_and_downloads_masked_without_the_process_holding_it()
    {
        var key = await portal.ModelAsync();
        var baseline = LiveBytes();
        var peak = new PeakMemory(baseline);
        var generated = new GeneratedCsv(LargeBytes, peak);

        var upload = await portal.ClientAs(PortalRoles.Engineer).UploadAsync(key, Metadata("Internal"), Content(generated));
        Assert.True(upload.IsSuccessStatusCode, await upload.Content.ReadAsStringAsync());
        var registered = await upload.ReadJsonAsync();
        var id = registered.GetProperty("id").GetInt32();
        Assert.Equal(generated.Rows, registered.GetProperty("rowCount").GetInt64());
        // Registering masks the default plan's copy in the background; measured on its own, as one stream at a time.
        var copied = portal.CopiesIdleAsync();
        while (await Task.WhenAny(copied, Task.Delay(100)) != copied)
        {
            peak.Sample();
        }
        await copied;

        using var response = await portal.ClientAs(PortalRoles.Engineer).GetAsync($"/api/v1/outputs/{id}/data?format=csv", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0, sinceSample = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
            if ((sinceSample += read) > 8 << 20)
            {
                sinceSample = 0;
                peak.Sample();
            }
        }

        Assert.Equal(generated.Rows + 1, lines);
        Assert.True(bytes > LargeBytes, $"The masked download has {bytes:N0} bytes; hashing the e-mails makes it larger than the upload.");
        Assert.True(peak.Growth < LargeBytes / 5, $"Live memory grew by {peak.Growth:N0} bytes while {LargeBytes:N0} bytes streamed in and out.");
        var access = (await portal.AccessesAsync(id)).Last();
        Assert.Equal(generated.Rows, access.RowsReturned);
        Assert.True(access.Completed);
    }

    [Fact]
    public async Task A_stored_file_that_changed_is_refused_and_recorded_as_incomplete()
    {
        var (_, id) = await portal.OutputAsync("Public");
        await portal.CopiesIdleAsync();
        string storageKey;
        await using (var db = await portal.DbAsync())
        {
            storageKey = db.ModelOutputs.Single(o => o.Id == id).StorageKey!;
        }
        var file = Path.Combine(portal.StorageRoot, "outputs", storageKey[..2], storageKey);
        await File.WriteAllTextAsync(file, Csv.Replace("0.91", "0.19", StringComparison.Ordinal));

        var rows = await portal.ClientAs(PortalRoles.Engineer).GetAsync($"/api/v1/outputs/{id}/rows");
        Assert.Equal(HttpStatusCode.InternalServerError, rows.StatusCode);
        Assert.Contains("has changed since it was stored", (await rows.ReadJsonAsync()).GetProperty("detail").GetString());

        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            // JSON Lines: the CSV download would stream the masked copy made (and verified) before the change.
            using var response = await portal.ClientAs(PortalRoles.Engineer).GetAsync($"/api/v1/outputs/{id}/data?format=jsonl",
                HttpCompletionOption.ResponseHeadersRead);
            await response.Content.ReadAsByteArrayAsync();
        });
        var download = (await portal.AccessesAsync(id)).Last(a => a.Channel == OutputReadChannel.Download);
        Assert.False(download.Completed);
    }

    private static long LiveBytes() => GC.GetTotalMemory(forceFullCollection: true);

    /// <summary>The largest live heap seen above the baseline, sampled while data streams.</summary>
    private sealed class PeakMemory(long baseline)
    {
        public long Growth { get; private set; }

        public void Sample() => Growth = Math.Max(Growth, LiveBytes() - baseline);
    }

    /// <summary>A CSV of about <paramref name="size"/> bytes made up as it is read, so the test never holds it either.</summary>
    private sealed class GeneratedCsv(long size, PeakMemory peak) : Stream
    {
        private byte[] pending = Encoding.UTF8.GetBytes("id,email,region,score\n");
        private int offset;
        private long produced;
        private long sinceSample;

        public long Rows { get; private set; }

        public override int Read(byte[] buffer, int bufferOffset, int count)
        {
            var written = 0;
            while (written < count)
            {
                if (offset == pending.Length)
                {
                    if (produced >= size)
                    {
                        break;
                    }
                    Rows++;
                    pending = Encoding.UTF8.GetBytes($"{Rows},person{Rows}@example.com,{(Rows % 2 == 0 ? "EU" : "US")},0.{Rows % 1000:D3}\n");
                    offset = 0;
                }
                var take = Math.Min(count - written, pending.Length - offset);
                Array.Copy(pending, offset, buffer, bufferOffset + written, take);
                offset += take;
                written += take;
                produced += take;
            }
            if ((sinceSample += written) > 8 << 20)
            {
                sinceSample = 0;
                peak.Sample();
            }
            return written;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}

using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Portal.Domain.Access;
using Portal.Domain.Outputs;
using Portal.IntegrationTests.Infrastructure;
using Portal.Web.Features.Outputs;
using Portal.Web.Features.Shared.Storage;
using static Portal.IntegrationTests.Outputs.OutputRequests;

namespace Portal.IntegrationTests.Outputs;

/// <summary>
/// Stored masked copies: reused under the same plan, never given to a reader whose plan differs (a narrower grant, another row
/// filter, a changed policy), detected and discarded when changed, and bounded per output.
/// </summary>
public sealed class MaskedCopyTests(PortalFactory portal) : IClassFixture<PortalFactory>
{
    private static readonly HashSet<string> Engineer = [PortalRoles.Engineer];

    [Fact]
    public async Task Registering_builds_the_default_plans_copy_and_later_reads_under_that_plan_stream_it()
    {
        var (_, id) = await portal.OutputAsync("Confidential");
        await portal.CopiesIdleAsync();
        Assert.Single(await CopiesAsync(id));

        var first = await DownloadAsync(Reviewer, id);
        var second = await DownloadAsync(Reviewer, id);

        Assert.Equal(first, second);
        Assert.DoesNotContain("ann@example.com", first, StringComparison.Ordinal);
        Assert.Equal(new[] { true, true }, await FromCopyAsync(id));
        Assert.Equal(3, (await portal.AccessesAsync(id)).Last().RowsReturned);
    }

    [Fact]
    public async Task The_first_read_under_a_new_plan_masks_from_the_original_and_stores_the_copy_the_next_one_streams()
    {
        var (_, id) = await portal.OutputAsync("Confidential");
        await portal.CopiesIdleAsync();

        var first = await DownloadAsync(Reviewer, id, OutputFormat.JsonLines);
        var second = await DownloadAsync(Reviewer, id, OutputFormat.JsonLines);

        Assert.Equal(first, second);
        Assert.Equal(new[] { false, true }, await FromCopyAsync(id));
        Assert.Equal(2, (await CopiesAsync(id)).Count);
    }

    [Fact]
    public async Task A_reader_with_a_narrower_grant_never_receives_the_copy_made_for_a_wider_one()
    {
        var (key, id) = await portal.OutputAsync("Restricted");
        await portal.CopiesIdleAsync();
        await GiveAsync(key, id, "wide-reader", GrantAccess.ReadUnmasked, ["pii"], null);
        await GiveAsync(key, id, "narrow-reader", GrantAccess.Read, [], null);
        await GiveAsync(key, id, "eu-reader", GrantAccess.Read, [], new RowFilter("region", ["EU"]));
        await GiveAsync(key, id, "us-reader", GrantAccess.Read, [], new RowFilter("region", ["US"]));

        var wide = await DownloadAsync(new Actor("wide-reader", "Wide Reader", Engineer), id);
        var narrow = await DownloadAsync(new Actor("narrow-reader", "Narrow Reader", Engineer), id);
        var eu = await DownloadAsync(new Actor("eu-reader", "EU Reader", Engineer), id);
        var us = await DownloadAsync(new Actor("us-reader", "US Reader", Engineer), id);
        var wideAgain = await DownloadAsync(new Actor("wide-reader", "Wide Reader", Engineer), id);

        Assert.Contains("ann@example.com", wide, StringComparison.Ordinal);
        Assert.Equal(wide, wideAgain);
        Assert.DoesNotContain("@example.com", narrow, StringComparison.Ordinal);
        Assert.DoesNotContain("@example.com", eu + us, StringComparison.Ordinal);
        Assert.DoesNotContain(",US,", eu, StringComparison.Ordinal);
        Assert.DoesNotContain(",EU,", us, StringComparison.Ordinal);
        // The masked reader's plan is the default one (built at registration); the filtered reads stream that copy, filtering rows
        // as they pass: the same rows, byte for byte. The unmasking reader's copy is made by its first read and serves only it.
        Assert.Equal(Lines(narrow).Where(l => l.Contains(",EU,", StringComparison.Ordinal)), Lines(eu).Skip(1));
        Assert.Equal(new[] { false, true, true, true, true }, await FromCopyAsync(id));
    }

    [Fact]
    public async Task After_a_policy_change_no_reader_receives_a_copy_made_under_the_old_policy()
    {
        var (_, id) = await portal.OutputAsync("Confidential");
        await portal.CopiesIdleAsync();
        var hashed = await DownloadAsync(Reviewer, id);
        var policies = portal.Services.GetRequiredService<OutputPolicyService>();
        var current = await policies.CurrentAsync(AdminPerson, CancellationToken.None);

        try
        {
            await policies.ChangeAsync(AdminPerson, new OutputPolicyChange(current.Version, current.Readers,
                [.. current.Masks.Where(m => m.Tag != OutputTags.Pii), new TagMask(OutputTags.Pii, MaskingFunction.Redact)], "Redact e-mails"),
                CancellationToken.None);
            var redacted = await DownloadAsync(Reviewer, id);

            Assert.NotEqual(hashed, redacted);
            Assert.Contains(",***,", redacted, StringComparison.Ordinal);
            Assert.Equal(new[] { true, false }, await FromCopyAsync(id));
        }
        finally
        {
            var changed = await policies.CurrentAsync(AdminPerson, CancellationToken.None);
            await policies.ChangeAsync(AdminPerson, new OutputPolicyChange(changed.Version, current.Readers, current.Masks, "Back"), CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_changed_chunk_of_a_stored_copy_is_refused_before_its_bytes_go_out_discarded_and_the_next_read_masks_from_the_original()
    {
        var (id, expected, copy) = await StoredCopyAsync(LargeCsv());
        Assert.True(copy.SizeBytes > 2 * ChunkManifest.ChunkBytes, "The copy should span three chunks.");
        await FlipByteAsync(FileOf(copy.StorageKey), ChunkManifest.ChunkBytes + 1000);

        var (received, refused) = await TryDownloadAsync(Reviewer, id);

        Assert.IsType<ContentIntegrityException>(refused);
        Assert.Equal(expected[..ChunkManifest.ChunkBytes], received);
        Assert.Empty(await CopiesAsync(id));
        Assert.False(File.Exists(FileOf(copy.StorageKey)));
        Assert.False((await portal.AccessesAsync(id)).Last().Completed);

        Assert.Equal(expected, await DownloadBytesAsync(Reviewer, id));
        Assert.Equal(new[] { true, true, false }, await FromCopyAsync(id));
    }

    [Fact]
    public async Task A_stored_copy_whose_chunk_hashes_changed_is_refused_before_any_byte_goes_out_and_the_original_serves()
    {
        var (id, expected, copy) = await StoredCopyAsync(Csv);
        await FlipByteAsync(FileOf(copy.StorageKey), copy.SizeBytes + 3);

        Assert.Equal(expected, await DownloadBytesAsync(Reviewer, id));
        Assert.False(File.Exists(FileOf(copy.StorageKey)));
        Assert.NotEqual(copy.StorageKey, Assert.Single(await CopiesAsync(id)).StorageKey);
        Assert.Equal(new[] { true, false }, await FromCopyAsync(id));
        Assert.True((await portal.AccessesAsync(id)).Last().Completed);
    }

    [Fact]
    public async Task A_truncated_stored_copy_is_refused_before_any_byte_goes_out_and_the_original_serves()
    {
        var (id, expected, copy) = await StoredCopyAsync(LargeCsv());
        await using (var file = File.OpenWrite(FileOf(copy.StorageKey)))
        {
            file.SetLength(copy.SizeBytes / 2);
        }

        Assert.Equal(expected, await DownloadBytesAsync(Reviewer, id));
        Assert.False(File.Exists(FileOf(copy.StorageKey)));
        Assert.Equal(new[] { true, false }, await FromCopyAsync(id));
    }

    [Fact]
    public async Task A_copy_stored_under_the_earlier_masks_format_is_never_served_and_goes_when_the_new_copy_is_stored()
    {
        var (_, id) = await portal.OutputAsync("Confidential");
        await portal.CopiesIdleAsync();
        var copy = Assert.Single(await CopiesAsync(id));
        var keyId = portal.Services.GetRequiredService<OutputHashKey>().KeyId;
        var old = await StoreAsEarlierFormatAsync(id, copy, keyId);

        var download = await DownloadAsync(Reviewer, id);

        Assert.DoesNotContain("from the earlier format", download, StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", Lines(download)[1].Split(',')[1]);
        Assert.Equal(new[] { false }, await FromCopyAsync(id));
        var now = Assert.Single(await CopiesAsync(id));
        Assert.NotEqual(old, now.Fingerprint);
        Assert.False(File.Exists(FileOf(copy.StorageKey)));
    }

    [Fact]
    public async Task A_copy_stored_whole_before_chunk_hashes_is_never_served_and_goes_when_the_new_copy_is_stored()
    {
        var (_, id) = await portal.OutputAsync("Confidential");
        await portal.CopiesIdleAsync();
        var copy = Assert.Single(await CopiesAsync(id));
        var keyId = portal.Services.GetRequiredService<OutputHashKey>().KeyId;
        var old = await StoreAsEarlierFormatAsync(id, copy, $"{keyId}:masks-v{OutputMasking.FormatVersion}");

        var download = await DownloadAsync(Reviewer, id);

        Assert.DoesNotContain("from the earlier format", download, StringComparison.Ordinal);
        Assert.Equal(new[] { false }, await FromCopyAsync(id));
        var now = Assert.Single(await CopiesAsync(id));
        Assert.NotEqual(old, now.Fingerprint);
        Assert.False(File.Exists(FileOf(copy.StorageKey)));
    }

    /// <summary>
    /// Makes the stored copy look like one made under an earlier format: the plan's fingerprint as it was then computed (with
    /// <paramref name="maskedUnder"/> in place of today's key id, masks' format and copies' layout), that text as its key id,
    /// and bytes of its own stored whole with their SHA-256.
    /// </summary>
    private async Task<string> StoreAsEarlierFormatAsync(int id, MaskedOutputCopy copy, string maskedUnder)
    {
        await using var db = await portal.DbAsync();
        var output = await db.ModelOutputs.AsNoTracking().SingleAsync(o => o.Id == id);
        var policy = await portal.Services.GetRequiredService<OutputPolicyService>().InForceAsync(CancellationToken.None);
        var masks = MaskingPlanFingerprint.DefaultMasks(policy, output);
        var text = new System.Text.StringBuilder();
        foreach (var field in new[] { output.Sha256!, nameof(OutputFormat.Csv), maskedUnder }
            .Concat(output.Columns.SelectMany(c => new[] { c.Name, masks.TryGetValue(c.Name, out var m) ? m.ToString() : "-" })))
        {
            text.Append(field.Length).Append(':').Append(field).Append(';');
        }
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text.ToString())));
        var bytes = System.Text.Encoding.UTF8.GetBytes("id,email,region,score\n1,from the earlier format,EU,0.91\n");
        await File.WriteAllBytesAsync(FileOf(copy.StorageKey), bytes);
        var sha256 = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
        await db.MaskedOutputCopies.Where(c => c.Id == copy.Id)
            .ExecuteUpdateAsync(set => set.SetProperty(c => c.Fingerprint, fingerprint).SetProperty(c => c.HashKeyId, maskedUnder)
                .SetProperty(c => c.Sha256, sha256).SetProperty(c => c.SizeBytes, bytes.Length));
        return fingerprint;
    }

    [Fact]
    public async Task An_output_keeps_at_most_the_configured_number_of_copies_removing_the_oldest_with_their_files()
    {
        var (key, id) = await portal.OutputAsync("Restricted");
        await portal.CopiesIdleAsync();
        string[] regions = ["EU", "US", "APAC", "LATAM", "MEA"];
        foreach (var region in regions)
        {
            await GiveAsync(key, id, $"reader-{region}", GrantAccess.Read, [], new RowFilter("email", [region]));
            await DownloadAsync(new Actor($"reader-{region}", region, Engineer), id);
        }

        var copies = await CopiesAsync(id);
        Assert.Equal(new OutputsOptions().MaskedCopiesPerOutput, copies.Count);
        var files = Directory.EnumerateFiles(Path.Combine(portal.StorageRoot, "outputs"), "*", SearchOption.AllDirectories).Select(Path.GetFileName).ToHashSet();
        Assert.All(copies, c => Assert.Contains(c.StorageKey, files));
    }

    private async Task<string> DownloadAsync(Actor actor, int id, OutputFormat format = OutputFormat.Csv) =>
        System.Text.Encoding.UTF8.GetString(await DownloadBytesAsync(actor, id, format));

    private async Task<byte[]> DownloadBytesAsync(Actor actor, int id, OutputFormat format = OutputFormat.Csv)
    {
        var (received, problem) = await TryDownloadAsync(actor, id, format);
        return problem is null ? received : throw problem;
    }

    /// <summary>What the reader received before the download ended, and what ended it if it broke off.</summary>
    private async Task<(byte[] Received, ContentIntegrityException? Problem)> TryDownloadAsync(Actor actor, int id, OutputFormat format = OutputFormat.Csv)
    {
        var download = await portal.Outputs().OpenDownloadAsync(actor, id, format, CancellationToken.None);
        using var body = new MemoryStream();
        try
        {
            await download.WriteAsync(body, CancellationToken.None);
            return (body.ToArray(), null);
        }
        catch (ContentIntegrityException problem)
        {
            return (body.ToArray(), problem);
        }
    }

    private async Task<List<MaskedOutputCopy>> CopiesAsync(int id)
    {
        await using var db = await portal.DbAsync();
        return await db.MaskedOutputCopies.AsNoTracking().Where(c => c.OutputId == id).ToListAsync();
    }

    /// <summary>For each recorded download of the output, in order, whether the audit says it came from a stored masked copy.</summary>
    private async Task<bool[]> FromCopyAsync(int id)
    {
        await using var db = await portal.DbAsync();
        var reads = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == OutputAuthorizationService.ReadAction && e.EntityType == "ModelOutput" && e.EntityId == id.ToString())
            .OrderBy(e => e.Sequence).Select(e => e.After!).ToListAsync();
        return [.. reads.Select(after => after.Contains("\"storedMaskedCopy\":true", StringComparison.Ordinal))];
    }

    private async Task GiveAsync(string key, int id, string subject, GrantAccess access, List<string> unmasked, RowFilter? filter)
    {
        await using var db = await portal.DbAsync();
        db.OutputGrants.Add(OutputGrant.Give(id, key, new GrantTerms(GranteeKind.Person, subject, subject, access, unmasked, filter, "Copies", null),
            Reviewer.Id, Reviewer.Name, DateTime.UtcNow));
        db.Actor = Reviewer;
        await db.SaveChangesAsync();
    }

    /// <summary>A confidential output of <paramref name="csv"/> with its default plan's copy stored, what that copy serves, and the copy.</summary>
    private async Task<(int Id, byte[] Served, MaskedOutputCopy Copy)> StoredCopyAsync(string csv)
    {
        var (_, id) = await portal.OutputAsync("Confidential", csv);
        await portal.CopiesIdleAsync();
        var served = await DownloadBytesAsync(Reviewer, id);
        return (id, served, Assert.Single(await CopiesAsync(id)));
    }

    /// <summary>About 3 MB of CSV, so that its masked copy spans three chunks.</summary>
    private static string LargeCsv()
    {
        var csv = new System.Text.StringBuilder("id,email,region,score\n");
        for (var row = 1; row <= 80_000; row++)
        {
            csv.Append(row).Append(",person").Append(row).Append("@example.com,").Append(row % 2 == 0 ? "EU" : "US").Append(",0.5\n");
        }
        return csv.ToString();
    }

    private static async Task FlipByteAsync(string file, long offset)
    {
        await using var stream = File.Open(file, FileMode.Open, FileAccess.ReadWrite);
        stream.Position = offset;
        var value = (byte)stream.ReadByte();
        stream.Position = offset;
        stream.WriteByte((byte)(value ^ 0x01));
    }

    private string FileOf(string storageKey) => Path.Combine(portal.StorageRoot, "outputs", storageKey[..2], storageKey);

    private static string[] Lines(string csv) => csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

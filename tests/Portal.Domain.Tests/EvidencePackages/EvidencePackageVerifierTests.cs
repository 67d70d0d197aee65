using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Domain.Audit;
using Portal.Domain.EvidencePackages;

namespace Portal.Domain.Tests.EvidencePackages;

public sealed class EvidencePackageVerifierTests : IDisposable
{
    private readonly TestPackage package = new();

    [Fact]
    public async Task An_untouched_package_is_intact_with_the_trusted_key_and_with_its_own()
    {
        var zip = package.Zip();

        var trusted = await TestPackage.VerifyAsync(zip, package.PublicKeyPem);
        var own = await TestPackage.VerifyAsync(zip);

        Assert.True(trusted.Intact, string.Join("\n", trusted.Problems));
        Assert.True(own.Intact, string.Join("\n", own.Problems));
        Assert.Contains(own.Checked, c => c.Contains("key inside the package", StringComparison.Ordinal));
        Assert.Contains(trusted.Checked, c => c.StartsWith("3 audit event(s)", StringComparison.Ordinal) && c.Contains("5 chain link(s)", StringComparison.Ordinal));
        Assert.Contains(trusted.Checked, c => c.StartsWith("1 release signature(s)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_single_byte_change_of_every_file_is_detected()
    {
        var entries = package.Entries();
        var changes = 0;
        for (var e = 0; e < entries.Count; e++)
        {
            for (var i = 0; i < entries[e].Value.Length; i++)
            {
                // Alternate the bit flipped so that both ends of a byte are covered across the package.
                var mask = (byte)(1 << (i % 8));
                var changed = entries.ToList();
                var content = (byte[])entries[e].Value.Clone();
                content[i] ^= mask;
                changed[e] = KeyValuePair.Create(entries[e].Key, content);

                var result = await TestPackage.VerifyAsync(TestPackage.Zip(changed), package.PublicKeyPem);

                Assert.False(result.Intact, $"byte {i} of {entries[e].Key} changed with mask {mask:x2} went unnoticed");
                changes++;
            }
        }
        Assert.True(changes > 1000, $"only {changes} changes tried");
    }

    [Fact]
    public async Task Every_single_byte_change_anywhere_in_the_package_file_is_rejected_or_unreadable()
    {
        // Every byte of the file: record headers, compressed data, data descriptors, central directory and its end record.
        var zip = package.Zip();
        var accepted = new List<string>();
        for (var i = 0; i < zip.Length; i++)
        {
            var changed = (byte[])zip.Clone();
            changed[i] ^= (byte)(1 << (i % 8));

            if ((await TestPackage.VerifyAsync(changed, package.PublicKeyPem)).Intact)
            {
                accepted.Add($"byte {i} (0x{zip[i]:x2} -> 0x{changed[i]:x2})");
            }
        }
        Assert.True(accepted.Count == 0, $"{accepted.Count} change(s) of the {zip.Length} bytes went unnoticed, first: {string.Join(", ", accepted.Take(12))}");
    }

    [Fact]
    public async Task A_removed_file_is_reported_by_name()
    {
        var entries = package.Entries().Where(e => e.Key != EvidencePackageFormat.AuditEvents);

        var result = await TestPackage.VerifyAsync(TestPackage.Zip(entries), package.PublicKeyPem);

        Assert.Contains($"{EvidencePackageFormat.AuditEvents} is listed in the manifest but missing from the package", result.Problems);
    }

    [Fact]
    public async Task An_added_file_is_reported_by_name()
    {
        var entries = package.Entries().Append(KeyValuePair.Create("extra.txt", "hello"u8.ToArray()));

        var result = await TestPackage.VerifyAsync(TestPackage.Zip(entries), package.PublicKeyPem);

        Assert.Contains("extra.txt is in the package but not in the manifest (a file was added)", result.Problems);
    }

    [Fact]
    public async Task A_package_re_signed_with_another_key_fails_against_the_portals_key_even_with_that_key_inside()
    {
        using var attacker = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        package.Files[EvidencePackageFormat.SigningKey] = Encoding.UTF8.GetBytes(attacker.ExportSubjectPublicKeyInfoPem());
        var zip = package.Zip(attacker);

        var trusted = await TestPackage.VerifyAsync(zip, package.PublicKeyPem);
        var own = await TestPackage.VerifyAsync(zip);

        Assert.Contains(trusted.Problems, p => p.StartsWith("manifest.sig: the signature does not match", StringComparison.Ordinal));
        Assert.True(own.Intact);
    }

    [Fact]
    public async Task An_altered_event_is_caught_by_the_chain_even_when_the_manifest_is_signed_again()
    {
        var events = JsonSerializer.Deserialize<List<AuditEvent>>(package.Files[EvidencePackageFormat.AuditEvents], new JsonSerializerOptions(JsonSerializerDefaults.Web))!;
        var altered = events.Select(e => e.Sequence != 4 ? e : new AuditEvent
        {
            Sequence = e.Sequence, OccurredAt = e.OccurredAt, ActorId = "mallory", ActorName = e.ActorName, Action = e.Action, EntityType = e.EntityType,
            EntityId = e.EntityId, ModelKey = e.ModelKey, Before = e.Before, After = e.After, PreviousHash = e.PreviousHash, Hash = e.Hash,
        });
        package.Files[EvidencePackageFormat.AuditEvents] = JsonSerializer.SerializeToUtf8Bytes(altered, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var result = await TestPackage.VerifyAsync(package.Zip(), package.PublicKeyPem);

        Assert.Equal(["audit/events.json: event 4 (Model.Updated): its content does not match its hash (the event was altered)"], result.Problems);
    }

    [Fact]
    public async Task A_removed_event_link_is_caught_by_the_chain_even_when_the_manifest_is_signed_again()
    {
        var links = package.Chain.Where(a => a.Sequence >= 2 && a.Sequence != 3).Select(a => new ChainLink(a.Sequence, a.PreviousHash, a.Hash));
        package.Files[EvidencePackageFormat.AuditChain] = JsonSerializer.SerializeToUtf8Bytes(links, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        var result = await TestPackage.VerifyAsync(package.Zip(), package.PublicKeyPem);

        Assert.Contains("audit/chain.json: expected event 3 after event 2, found event 4 (a link was removed or inserted)", result.Problems);
    }

    [Fact]
    public async Task A_changed_snapshot_no_longer_matches_its_signatures_hash()
    {
        var path = EvidencePackageFormat.SnapshotPath(7, 3);
        package.Files[path] = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(package.Files[path]).Replace("rita", "rick", StringComparison.Ordinal));

        var result = await TestPackage.VerifyAsync(package.Zip(), package.PublicKeyPem);

        Assert.Single(result.Problems);
        Assert.StartsWith($"{path}: the snapshot does not hash to the SHA-256 recorded with release request 7, signature 3", result.Problems[0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_slice_checks_against_a_digest_of_the_head_or_of_any_linked_event()
    {
        var zip = package.Zip();
        var third = package.Chain[2];

        Assert.True((await TestPackage.VerifyAsync(zip, package.PublicKeyPem, new ChainDigest(package.Head.Sequence, package.Head.Hash).ToString())).Intact);
        Assert.True((await TestPackage.VerifyAsync(zip, package.PublicKeyPem, package.Head.Hash)).Intact);
        Assert.True((await TestPackage.VerifyAsync(zip, package.PublicKeyPem, new ChainDigest(third.Sequence, third.Hash).ToString())).Intact);
    }

    [Fact]
    public async Task A_digest_the_chain_does_not_match_breaks_the_package()
    {
        var zip = package.Zip();
        var other = new string('a', 64);

        var rewritten = await TestPackage.VerifyAsync(zip, package.PublicKeyPem, $"mgp-audit-v1:5:{other}");
        var later = await TestPackage.VerifyAsync(zip, package.PublicKeyPem, $"mgp-audit-v1:9:{other}");
        var earlier = await TestPackage.VerifyAsync(zip, package.PublicKeyPem, $"mgp-audit-v1:1:{package.Chain[0].Hash}");
        var malformed = await TestPackage.VerifyAsync(zip, package.PublicKeyPem, "not-a-digest");

        Assert.Contains(rewritten.Problems, p => p.StartsWith("audit/chain.json: event 5 has hash", StringComparison.Ordinal));
        Assert.Contains(later.Problems, p => p.StartsWith("the digest names event 9, after this package's head", StringComparison.Ordinal));
        Assert.Contains(earlier.Problems, p => p.StartsWith("the digest names event 1, before this package's first linked event (2)", StringComparison.Ordinal));
        Assert.Contains(malformed.Problems, p => p.StartsWith("the digest must be", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Something_that_is_not_a_zip_is_broken_not_a_crash()
    {
        var result = await TestPackage.VerifyAsync("not a zip"u8.ToArray(), package.PublicKeyPem);

        Assert.Contains(result.Problems, p => p.StartsWith("the package is not a readable ZIP archive", StringComparison.Ordinal));
    }

    public void Dispose() => package.Dispose();
}

using System.CommandLine;
using Microsoft.Data.Sqlite;
using Portal.Cli.Audit;
using Portal.Domain.Access;
using Portal.IntegrationTests.Infrastructure;
using Portal.IntegrationTests.Releases;

namespace Portal.Cli.Tests.Audit;

/// <summary>
/// <c>audit verify</c> and <c>audit digest</c> against the real portal (its in-memory server), as an operator keeping daily
/// digests outside it would run them. Each test has its own portal, since one of them breaks the chain.
/// </summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly ReleasePortal portal = new();
    private readonly StringWriter output = new();
    private readonly StringWriter error = new();
    private readonly string folder = Directory.CreateTempSubdirectory("portal-digests-").FullName;
    private readonly string auditor = PortalFactory.TokenFor(PortalRoles.Auditor);

    [Fact]
    public async Task Verify_on_an_intact_chain_exits_zero_and_says_what_was_checked()
    {
        await portal.ModelAsync("Low");

        Assert.Equal(0, await RunAsync("audit", "verify", "--url", "http://localhost", "--token", auditor));

        Assert.Matches(@"^Intact\. Chain intact up to event \d+\. Checked the whole chain: all \d+ events, 1 to \d+", output.ToString());
    }

    [Fact]
    public async Task Verify_on_a_changed_event_exits_one_naming_where_it_broke()
    {
        await portal.ModelAsync("Low");
        await TamperAsync("UPDATE AuditEvents SET ActorName = 'Someone else' WHERE Sequence = 3");

        Assert.Equal(1, await RunAsync("audit", "verify", "--url", "http://localhost", "--token", auditor));

        Assert.StartsWith("Broken at event 3:", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("every event before event 3 is intact", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_written_to_a_file_is_still_part_of_the_chain_after_more_events()
    {
        await portal.ModelAsync("Low");
        var file = Path.Combine(folder, "digest-day-1.txt");

        Assert.Equal(0, await RunAsync("audit", "digest", "--url", "http://localhost", "--token", auditor, "--out", file));
        var kept = File.ReadLines(file).First();
        Assert.Matches("^mgp-audit-v1:[0-9]+:[0-9a-f]{64}$", kept);
        Assert.Contains($"Wrote {kept}", output.ToString(), StringComparison.Ordinal);

        await portal.ModelAsync("Low");
        Assert.Equal(0, await RunAsync("audit", "digest", "--url", "http://localhost", "--token", auditor, "--compare", file));
        Assert.Contains($"Against the digest {kept} kept in {file}: its event", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_kept_digest_no_longer_matches_once_the_chain_is_rewritten()
    {
        await portal.ModelAsync("Low");
        var file = Path.Combine(folder, "digest.txt");
        Assert.Equal(0, await RunAsync("audit", "digest", "--url", "http://localhost", "--token", auditor, "--out", file));
        var kept = File.ReadLines(file).First();
        var sequence = long.Parse(kept.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
        await TamperAsync($"UPDATE AuditEvents SET Hash = '{new string('0', 64)}' WHERE Sequence = {sequence}");

        Assert.Equal(1, await RunAsync("audit", "digest", "--url", "http://localhost", "--token", auditor, "--compare", file));
        Assert.StartsWith("Broken at event", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_digest_is_printed_when_no_file_is_named_and_a_kept_file_is_never_overwritten()
    {
        Assert.Equal(0, await RunAsync("audit", "digest", "--url", "http://localhost", "--token", auditor));
        Assert.Matches("^mgp-audit-v1:[0-9]+:[0-9a-f]{64}\n", output.ToString());

        var file = Path.Combine(folder, "kept.txt");
        await File.WriteAllTextAsync(file, "mgp-audit-v1:1:" + new string('a', 64));
        Assert.Equal(2, await RunAsync("audit", "digest", "--url", "http://localhost", "--token", auditor, "--out", file));
        Assert.Contains("exists already; a kept digest is never overwritten", error.ToString(), StringComparison.Ordinal);
        Assert.Equal("mgp-audit-v1:1:" + new string('a', 64), await File.ReadAllTextAsync(file));
    }

    [Fact]
    public async Task A_token_without_the_right_to_verify_exits_two_with_the_portals_words()
    {
        Assert.Equal(2, await RunAsync("audit", "verify", "--url", "http://localhost", "--token", PortalFactory.TokenFor(PortalRoles.Engineer)));
        Assert.Contains("The token may not do this (403). Verifying the audit trail needs the Admin or Auditor role", error.ToString(), StringComparison.Ordinal);

        Assert.Equal(2, await RunAsync("audit", "digest", "--url", "http://localhost", "--token", "not-a-token"));
        Assert.Contains("did not accept the token (401)", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Usage_errors_exit_two_naming_what_to_fix()
    {
        Assert.Equal(2, await RunAsync("audit", "verify", "--digest", "not-a-digest"));
        Assert.Contains("PORTAL_URL", error.ToString(), StringComparison.Ordinal);
        Assert.Contains("PORTAL_TOKEN", error.ToString(), StringComparison.Ordinal);

        Assert.Equal(2, await RunAsync("audit", "verify", "--url", "http://localhost", "--token", auditor, "--digest", "not-a-digest"));
        Assert.Contains("--digest must look like mgp-audit-v1:", error.ToString(), StringComparison.Ordinal);

        Assert.Equal(2, await RunAsync("audit", "digest", "--url", "http://localhost", "--token", auditor, "--compare", Path.Combine(folder, "missing.txt")));
        Assert.Contains("Could not read", error.ToString(), StringComparison.Ordinal);

        Assert.Equal(2, await RunAsync("audit", "digest", "--url", "http://localhost", "--token", auditor, "--out", "a", "--compare", "b"));
        Assert.Contains("not both", error.ToString(), StringComparison.Ordinal);

        Assert.Equal(2, await RunAsync("audit", "verify", "--url", "http://localhost", "--token", auditor, "stray"));
        Assert.Contains("Unexpected argument(s): stray", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_portal_exits_two()
    {
        var exitCode = await PortalCommandLine.InvokeAsync(["audit", "verify", "--url", "http://127.0.0.1:1", "--token", "t"], output, error);

        Assert.Equal(2, exitCode);
        Assert.Contains("Could not reach the portal at http://127.0.0.1:1", error.ToString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        portal.Dispose();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A direct write to the database, past the portal: the triggers that refuse it are dropped first, as an attacker with the file would.</summary>
    private async Task TamperAsync(string sql)
    {
        await using var connection = portal.OpenDatabase();
        await using var command = connection.CreateCommand();
        command.CommandText = $"DROP TRIGGER TR_AuditEvents_NoUpdate; DROP TRIGGER TR_AuditEvents_NoDelete; {sql}";
        await command.ExecuteNonQueryAsync();
        SqliteConnection.ClearAllPools();
    }

    private Task<int> RunAsync(params string[] args)
    {
        var root = new RootCommand { AuditCommand.Create(output, error, portal.App.Server.CreateHandler(), _ => null) };
        return root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
    }
}

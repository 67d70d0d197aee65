using System.Globalization;
using System.Text.Json;
using Portal.Domain.Audit;

namespace Portal.Cli.Audit;

/// <summary>
/// Asks the portal's audit API (<c>GET /api/v1/audit/verify[?digest=]</c>, <c>GET /api/v1/audit/digest</c>) and turns the answers
/// into words and exit codes. The portal recomputes the chain; this tool reports what it checked.
/// </summary>
internal sealed class AuditClient(TextWriter output, TextWriter error, HttpMessageHandler? handler)
{
    private readonly PortalApi api = new(error, handler);

    public async Task<int> VerifyAsync(PortalConnection connection, string? digestText, CancellationToken cancellationToken)
    {
        if (await CheckAsync(connection) is { } failed)
        {
            return failed;
        }
        ChainDigest? digest = null;
        if (digestText is not null)
        {
            if (!ChainDigest.TryParse(digestText, out var parsed))
            {
                return await UsageAsync($"--digest must look like mgp-audit-v1:{{event number}}:{{64 hex characters}}, not '{digestText}'.");
            }
            digest = parsed;
        }
        return await VerifyAgainstAsync(connection, digest, kept: null, cancellationToken);
    }

    /// <summary>The chain's head as the portal's own digest file has it: the digest on the first line, what it covers after.</summary>
    public async Task<int> DigestAsync(PortalConnection connection, string? file, CancellationToken cancellationToken)
    {
        if (await CheckAsync(connection) is { } failed)
        {
            return failed;
        }
        if (file is not null && File.Exists(file))
        {
            return await UsageAsync($"{file} exists already; a kept digest is never overwritten. Name a new file.");
        }
        using var json = await api.GetAsync(connection.Url!, connection.Token!, "api/v1/audit/digest", cancellationToken);
        if (json is null)
        {
            return AuditCommand.Failed;
        }
        var root = json.RootElement;
        var digest = root.GetProperty("digest").GetString();
        var events = root.GetProperty("eventCount").GetInt64();
        var exported = root.GetProperty("exportedAt").GetDateTime().ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        var text = $"{digest}\nThe audit chain's head at event {events}, exported {exported} UTC from {connection.Url}." +
            "\nCheck later that it is still part of the chain: portal audit digest --compare FILE (or portal audit verify --digest DIGEST).\n";
        if (file is null)
        {
            await output.WriteAsync(text);
            return AuditCommand.Intact;
        }
        try
        {
            await using var stream = new FileStream(file, FileMode.CreateNew, FileAccess.Write);
            await using var writer = new StreamWriter(stream);
            await writer.WriteAsync(text);
        }
        catch (IOException failure)
        {
            return await UsageAsync($"Could not write {file}: {failure.Message}");
        }
        catch (UnauthorizedAccessException failure)
        {
            return await UsageAsync($"Could not write {file}: {failure.Message}");
        }
        await output.WriteLineAsync($"Wrote {digest} (the chain's head at event {events}) to {file}.");
        return AuditCommand.Intact;
    }

    /// <summary>Whether a digest kept earlier (the first line of <paramref name="file"/>) is still part of the chain.</summary>
    public async Task<int> CompareAsync(PortalConnection connection, string file, CancellationToken cancellationToken)
    {
        if (await CheckAsync(connection) is { } failed)
        {
            return failed;
        }
        string? first;
        try
        {
            first = File.ReadLines(file).FirstOrDefault(line => !string.IsNullOrWhiteSpace(line));
        }
        catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException)
        {
            return await UsageAsync($"Could not read {file}: {unreadable.Message}");
        }
        if (!ChainDigest.TryParse(first, out var digest))
        {
            return await UsageAsync($"The first line of {file} is not a digest (mgp-audit-v1:{{event number}}:{{64 hex characters}}).");
        }
        return await VerifyAgainstAsync(connection, digest, file, cancellationToken);
    }

    /// <summary>The portal's verification, against <paramref name="digest"/> when one is given; the connection is checked already.</summary>
    private async Task<int> VerifyAgainstAsync(PortalConnection connection, ChainDigest? digest, string? kept, CancellationToken cancellationToken)
    {
        var path = "api/v1/audit/verify" + (digest is null ? "" : $"?digest={Uri.EscapeDataString(digest.ToString())}");
        using var json = await api.GetAsync(connection.Url!, connection.Token!, path, cancellationToken);
        if (json is null)
        {
            return AuditCommand.Failed;
        }
        var root = json.RootElement;
        var against = digest is null ? "" : $" Against the digest {digest}{(kept is null ? "" : $" kept in {kept}")}: " +
            (root.GetProperty("intact").GetBoolean() ? $"its event {digest.Sequence} is still in the chain with the same hash." : "see above.");
        if (root.GetProperty("intact").GetBoolean())
        {
            await output.WriteLineAsync($"Intact. {Text(root, "summary")} {Text(root, "checked")}{against}");
            return AuditCommand.Intact;
        }
        await error.WriteLineAsync($"Broken at event {Text(root, "firstBrokenEventId")}: {Text(root, "problem")}");
        await error.WriteLineAsync($"{Text(root, "checked")}{against}");
        return AuditCommand.Broken;
    }

    private async Task<int?> CheckAsync(PortalConnection connection)
    {
        var problems = PortalApi.Problems(connection.Url, connection.Token);
        foreach (var problem in problems)
        {
            await error.WriteLineAsync(problem);
        }
        return problems.Count > 0 ? AuditCommand.Failed : null;
    }

    private async Task<int> UsageAsync(string message)
    {
        await error.WriteLineAsync(message);
        return AuditCommand.Failed;
    }

    private static string Text(JsonElement root, string property) =>
        root.TryGetProperty(property, out var value) && value.ValueKind != JsonValueKind.Null ? value.ToString() : "?";
}

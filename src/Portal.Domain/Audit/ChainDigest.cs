using System.Text.RegularExpressions;

namespace Portal.Domain.Audit;

/// <summary>
/// The chain head exported as a digest ("mgp-audit-v1:{sequence}:{hash}"). Kept outside the portal,
/// it lets verification detect a rewrite of the whole table, which a self-consistent chain cannot.
/// </summary>
public sealed partial record ChainDigest(long Sequence, string Hash)
{
    private const string Prefix = "mgp-audit-v1";

    public static readonly ChainDigest Empty = new(0, AuditChain.GenesisHash);

    public override string ToString() => $"{Prefix}:{Sequence}:{Hash}";

    public static bool TryParse(string? text, out ChainDigest digest)
    {
        var match = text is null ? Match.Empty : DigestPattern().Match(text.Trim());
        digest = match.Success
            ? new ChainDigest(long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), match.Groups[2].Value.ToLowerInvariant())
            : Empty;
        return match.Success;
    }

    [GeneratedRegex(@"^mgp-audit-v1:([0-9]{1,18}):([0-9a-fA-F]{64})$")]
    private static partial Regex DigestPattern();
}

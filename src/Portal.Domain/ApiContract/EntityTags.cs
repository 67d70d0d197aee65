using System.Globalization;

namespace Portal.Domain.ApiContract;

/// <summary>
/// Entity tags for revisioned records: the ETag is the record's revision number in quotes (<c>"4"</c>), so a client can
/// send it back in <c>If-Match</c> instead of, or as well as, the revision in the body.
/// </summary>
public static class EntityTags
{
    public static string Of(int revision) => $"\"{revision.ToString(CultureInfo.InvariantCulture)}\"";

    /// <summary>
    /// The revision an <c>If-Match</c> value names: exactly one tag the portal issued. A weak form (<c>W/"4"</c>) is
    /// read as the same revision, since the revision is what the portal compares. Lists and <c>*</c> are refused.
    /// </summary>
    public static bool TryParseRevision(string? value, out int revision)
    {
        revision = 0;
        var tag = value?.Trim() ?? "";
        if (tag.StartsWith("W/", StringComparison.Ordinal))
        {
            tag = tag[2..];
        }
        return tag.Length >= 3 && tag[0] == '"' && tag[^1] == '"'
            && int.TryParse(tag.AsSpan(1, tag.Length - 2), NumberStyles.None, CultureInfo.InvariantCulture, out revision);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Portal.Domain.Audit;

/// <summary>Keeps an audit event's entity id within its column, however long the names it is made of.</summary>
public static class AuditEntityIds
{
    private const int HashHexLength = 16;

    /// <summary>
    /// An id that fits is kept as it is; a longer one keeps its beginning and ends with a hash of the whole, so that two long
    /// ids differing only at their ends stay apart and the same entity always gets the same id.
    /// </summary>
    public static string Bounded(string id)
    {
        if (id.Length <= FieldLengths.Identity)
        {
            return id;
        }
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(id)))[..HashHexLength];
        return $"{id[..(FieldLengths.Identity - HashHexLength - 1)]}~{hash}";
    }
}

using Portal.Domain.Access;
using Portal.Domain.EvidencePackages;
using Portal.Domain.Inventory;

namespace Portal.Web.Features.Shared.Evidence;

/// <summary>
/// What one package covers: the model, an optional time range (both ends inclusive, UTC) and version, who asked and when, and the
/// audit chain's head when the package was started (the audit slice and its links stop there).
/// </summary>
public sealed record EvidenceScope(Model Model, DateTime? From, DateTime? To, string? VersionLabel, Actor Actor, DateTime GeneratedAt, ChainLink ChainHead)
{
    /// <summary>The end of the range, or the time the package was built.</summary>
    public DateTime AsOf => To ?? GeneratedAt;

    /// <summary>Whether a record created at <paramref name="createdAt"/> existed by the end of the range.</summary>
    public bool ExistedBy(DateTime createdAt) => createdAt <= AsOf;

    /// <summary>Whether something that happened at <paramref name="at"/> falls within the range.</summary>
    public bool Within(DateTime at) => (From is null || at >= From) && at <= AsOf;

    /// <summary>Whether a record of version <paramref name="label"/> belongs in a package limited to one version.</summary>
    public bool CoversVersion(string? label) => VersionLabel is null || label is null || string.Equals(label, VersionLabel, StringComparison.Ordinal);
}

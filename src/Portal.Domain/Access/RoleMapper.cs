namespace Portal.Domain.Access;

/// <summary>
/// Maps identity-provider group (or role) claim values to portal roles through a configured map.
/// Values that are not in the map grant nothing, even when they spell a portal role's name.
/// </summary>
public sealed class RoleMapper(IReadOnlyDictionary<string, string> groupToRole)
{
    private readonly Dictionary<string, string> map = groupToRole
        .Where(pair => PortalRoles.IsKnown(pair.Value))
        .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);

    public IReadOnlySet<string> Map(IEnumerable<string> claimValues) =>
        claimValues
            .Select(value => map.GetValueOrDefault(value.Trim()))
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
}

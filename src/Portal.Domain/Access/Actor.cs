namespace Portal.Domain.Access;

/// <summary>Who is acting: a person signed in, a pipeline with a token, or the portal itself.</summary>
public sealed record Actor(string Id, string Name, IReadOnlySet<string> Roles)
{
    public static readonly Actor System = new("system", "Portal (system)", new HashSet<string>());

    /// <summary>
    /// For a service token, the teams it acts as a member of (empty when it is scoped to none); null for a person,
    /// whose teams are the memberships the portal stores.
    /// </summary>
    public IReadOnlySet<string>? TokenTeams { get; init; }

    public bool IsServiceToken => TokenTeams is not null;

    public bool Can(Permission permission) => RolePermissions.Allows(Roles, permission);

    public bool HasAnyRole => Roles.Count > 0;
}

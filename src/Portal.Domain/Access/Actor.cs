namespace Portal.Domain.Access;

/// <summary>Who is acting: a person signed in, a pipeline with a token, or the portal itself.</summary>
public sealed record Actor(string Id, string Name, IReadOnlySet<string> Roles)
{
    public static readonly Actor System = new("system", "Portal (system)", new HashSet<string>());

    public bool Can(Permission permission) => RolePermissions.Allows(Roles, permission);

    public bool HasAnyRole => Roles.Count > 0;
}

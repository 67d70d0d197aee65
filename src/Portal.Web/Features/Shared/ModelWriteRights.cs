using Portal.Domain.Access;

namespace Portal.Web.Features.Shared;

/// <summary>
/// What the signed-in person may do on the model a page shows (the same rule the services enforce), cascaded to its tabs
/// so that they show only the buttons that would work. Absent means nothing is allowed.
/// </summary>
public sealed record ModelWriteRights(IReadOnlySet<Permission> Allowed)
{
    public static readonly ModelWriteRights None = new(new HashSet<Permission>());

    /// <summary>The model-scoped writes a model page offers, and the classification, which is by role alone.</summary>
    public static readonly IReadOnlyList<Permission> ModelPage =
    [
        Permission.EditModel, Permission.RetireModel, Permission.RegisterVersion, Permission.RequestRelease, Permission.PostFairnessEvaluation,
        Permission.ManageDocuments, Permission.EditModelCard,
    ];

    public bool Can(Permission permission) => Allowed.Contains(permission);
}

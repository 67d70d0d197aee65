namespace Portal.Domain.Ownership;

/// <summary>
/// What one change of a model's owners does: the active assignments it ends and the role it then gives the new
/// person (null when that person already holds an owner role and nothing needs adding).
/// </summary>
public sealed record AssignmentPlan(OwnerRole Role, IReadOnlyList<OwnershipAssignment> Ends, OwnerRole? Adds);

namespace Portal.Domain.Ownership;

/// <summary>
/// The ownership rules over a model's active assignments: exactly one primary owner, any number of backups,
/// nobody twice, every change with a reason. Plain C#: the service loads the assignments and applies the plan.
/// A contradiction with the current owners is an <see cref="InvalidOperationException"/>; bad input is a field error.
/// </summary>
public static class OwnershipRules
{
    public const int ReasonMaxLength = 1000;

    /// <summary>Field errors (<c>ownerSubject</c>, <c>reason</c>) for making <paramref name="person"/> an owner; empty when valid.</summary>
    public static Dictionary<string, string[]> ValidateAssignment(string? ownerSubject, OwnerCandidate? person, string? reason)
    {
        var errors = new Dictionary<string, string[]>();
        if (OwnerError(ownerSubject, person, "ownerSubject") is { } owner)
        {
            errors["ownerSubject"] = [owner];
        }
        if (ReasonError(reason) is { } because)
        {
            errors["reason"] = [because];
        }
        return errors;
    }

    /// <summary>Why <paramref name="person"/> cannot be given an owner role, or null when they can.</summary>
    public static string? OwnerError(string? subject, OwnerCandidate? person, string field)
    {
        if (string.IsNullOrWhiteSpace(subject))
        {
            return "Choose a person.";
        }
        if (person is null)
        {
            // Owners must be people the portal can reach; the directory learns of a person at their first sign-in.
            return $"No one with the subject '{subject.Trim()}' is in the user directory; a person appears there after signing in once.";
        }
        return person.IsActive
            ? null
            : $"{person.Name} is deactivated in the user directory and cannot become an owner; choose someone who is still here.";
    }

    public static string? ReasonError(string? reason) =>
        string.IsNullOrWhiteSpace(reason) || reason.Trim().Length > ReasonMaxLength
            ? $"A reason (at most {ReasonMaxLength} characters) is required; it is kept in the ownership history."
            : null;

    /// <summary>
    /// Plans giving <paramref name="person"/> <paramref name="role"/>. A new primary ends the current primary and the
    /// person's own backup role; a backup must not be the primary or a backup already.
    /// </summary>
    public static AssignmentPlan PlanAssignment(IReadOnlyCollection<OwnershipAssignment> active, OwnerCandidate person, OwnerRole role)
    {
        var primary = active.FirstOrDefault(a => a.IsActive && a.Role == OwnerRole.Primary);
        var held = active.Where(a => a.IsActive && a.OwnerSubject == person.Subject).ToList();
        if (role == OwnerRole.Primary)
        {
            if (primary?.OwnerSubject == person.Subject)
            {
                throw new InvalidOperationException($"{person.Name} is already the primary owner.");
            }
            var ends = new List<OwnershipAssignment>(held);
            if (primary is not null)
            {
                ends.Insert(0, primary);
            }
            return new AssignmentPlan(role, ends, OwnerRole.Primary);
        }
        if (primary?.OwnerSubject == person.Subject)
        {
            throw new InvalidOperationException($"{person.Name} is the primary owner and cannot also be a backup owner.");
        }
        if (held.Count > 0)
        {
            throw new InvalidOperationException($"{person.Name} is already a backup owner.");
        }
        return new AssignmentPlan(role, [], OwnerRole.Backup);
    }

    /// <summary>
    /// The active assignment of <paramref name="ownerSubject"/> to end, or null when they hold none. The primary owner
    /// is never ended alone: a model keeps exactly one, so a new primary is assigned instead (or a bulk reassignment).
    /// </summary>
    public static OwnershipAssignment? PlanEnd(IReadOnlyCollection<OwnershipAssignment> active, string ownerSubject)
    {
        var held = active.FirstOrDefault(a => a.IsActive && a.OwnerSubject == ownerSubject);
        if (held?.Role == OwnerRole.Primary)
        {
            throw new InvalidOperationException(
                $"{held.OwnerName} is the primary owner; a model always keeps one, so assign a new primary owner instead.");
        }
        return held;
    }

    /// <summary>
    /// Plans handing <paramref name="fromSubject"/>'s role on one model to <paramref name="to"/>, or null when
    /// <paramref name="fromSubject"/> holds none there. A primary passes on as primary (ending a backup role
    /// <paramref name="to"/> held); a backup passes on as backup unless <paramref name="to"/> is an owner already.
    /// </summary>
    public static AssignmentPlan? PlanReassignment(IReadOnlyCollection<OwnershipAssignment> active, string fromSubject, OwnerCandidate to)
    {
        var from = active.FirstOrDefault(a => a.IsActive && a.OwnerSubject == fromSubject);
        if (from is null)
        {
            return null;
        }
        var held = active.Where(a => a.IsActive && a.OwnerSubject == to.Subject).ToList();
        if (from.Role == OwnerRole.Primary)
        {
            return new AssignmentPlan(OwnerRole.Primary, [from, .. held], OwnerRole.Primary);
        }
        return new AssignmentPlan(OwnerRole.Backup, [from], held.Count > 0 ? null : OwnerRole.Backup);
    }
}

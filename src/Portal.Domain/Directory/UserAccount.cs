using Portal.Domain.Audit;

namespace Portal.Domain.Directory;

/// <summary>A person the portal has seen sign in (or that was provisioned). Deactivated, never deleted.</summary>
public sealed class UserAccount : IAuditedEntity
{
    public int Id { get; private set; }
    public string Subject { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public DateTime? LastSignInAt { get; private set; }
    public bool IsActive { get; private set; } = true;

    /// <summary>The portal roles mapped at the last sign-in, for display; authorization reads the live claims.</summary>
    public string Roles { get; private set; } = "";
    public int Revision { get; private set; } = 1;

    public string AuditEntityType => "User";
    public string AuditEntityId => Subject;
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public static UserAccount Create(string subject, string name, string? email) => new()
    {
        Subject = subject,
        Name = name,
        Email = email,
        PendingAuditAction = "User.Registered",
    };

    public void RecordSignIn(string name, string? email, IEnumerable<string> roles, DateTime now)
    {
        Name = name;
        Email = email;
        Roles = string.Join(",", roles.Order(StringComparer.Ordinal));
        LastSignInAt = now;
        PendingAuditAction ??= AuditActions.SignedIn;
    }

    public void SetActive(bool active)
    {
        IsActive = active;
        Revision++;
        PendingAuditAction = active ? "User.Reactivated" : "User.Deactivated";
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;
}

using Portal.Domain.Audit;

namespace Portal.Domain.Directory;

/// <summary>A person the portal has seen sign in (or that was provisioned). Deactivated, never deleted.</summary>
public sealed class UserAccount : IAuditedEntity
{
    /// <summary>Subjects of provisioned accounts waiting for their first sign-in to learn the real subject.</summary>
    public const string PendingSubjectPrefix = "scim:";

    public int Id { get; private set; }
    public string Subject { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? Email { get; private set; }
    public DateTime? LastSignInAt { get; private set; }
    public bool IsActive { get; private set; } = true;

    /// <summary>The portal roles mapped at the last sign-in, for display; authorization reads the live claims.</summary>
    public string Roles { get; private set; } = "";
    public int Revision { get; private set; } = 1;

    /// <summary>The identity provider's user name (SCIM <c>userName</c>), unique ignoring case through <see cref="UserNameKey"/>.</summary>
    public string? UserName { get; private set; }
    public string? UserNameKey { get; private set; }
    public string? ExternalId { get; private set; }
    public string? GivenName { get; private set; }
    public string? FamilyName { get; private set; }
    public DateTime? CreatedAt { get; private set; }
    public DateTime? ChangedAt { get; private set; }
    public const int DeactivationReasonMaxLength = 500;

    public string? DeactivationReason { get; private set; }

    /// <summary>When the identity provider deleted the person over SCIM: the row stays, the SCIM resource is gone.</summary>
    public DateTime? DeprovisionedAt { get; private set; }

    /// <summary>The person turned the daily notification digest by e-mail off.</summary>
    public bool EmailDigestOptOut { get; private set; }

    public string AuditEntityType => "User";
    public string AuditEntityId => Subject;
    public string? AuditModelKey => null;
    public string? PendingAuditAction { get; private set; }

    public bool IsPendingLink => Subject.StartsWith(PendingSubjectPrefix, StringComparison.Ordinal);

    public static UserAccount Create(string subject, string name, string? email) => new()
    {
        Subject = subject,
        Name = name,
        Email = email,
        PendingAuditAction = "User.Registered",
    };

    /// <summary>An account created by the identity provider; its subject is the external id or a placeholder until sign-in.</summary>
    public static UserAccount Provision(DirectoryProfile profile, string? pendingId, DateTime now)
    {
        var user = new UserAccount
        {
            Subject = profile.ExternalId ?? PendingSubjectPrefix + pendingId,
            CreatedAt = now,
        };
        user.ApplyProfile(profile, now);
        user.Revision = 1;
        user.PendingAuditAction = "User.Provisioned";
        return user;
    }

    public static string KeyOf(string userName) => userName.Trim().ToUpperInvariant();

    /// <summary>Takes over the provider's view of the person (SCIM create on a known person, replace, patch).</summary>
    public void ApplyProfile(DirectoryProfile profile, DateTime now)
    {
        if (profile == CurrentProfile && DeprovisionedAt is null)
        {
            return; // providers re-send unchanged users; that is not a change
        }
        UserName = profile.UserName;
        UserNameKey = KeyOf(profile.UserName);
        ExternalId = profile.ExternalId;
        Name = profile.DisplayName;
        GivenName = profile.GivenName;
        FamilyName = profile.FamilyName;
        Email = profile.Email;
        DeprovisionedAt = null;
        Touch("User.ProfileChanged", now);
    }

    private DirectoryProfile? CurrentProfile =>
        UserName is null ? null : new DirectoryProfile(UserName, ExternalId, Name, GivenName, FamilyName, Email);

    public void RecordSignIn(string name, string? email, IEnumerable<string> roles, DateTime now)
    {
        Name = name;
        Email = email;
        Roles = string.Join(",", roles.Order(StringComparer.Ordinal));
        LastSignInAt = now;
        PendingAuditAction ??= AuditActions.SignedIn;
    }

    /// <summary>A provisioned account meets its person: the placeholder subject becomes the provider's subject.</summary>
    public void LinkSubject(string subject)
    {
        if (!IsPendingLink)
        {
            throw new InvalidOperationException($"{Name} is already linked to the subject {Subject}.");
        }
        Subject = subject;
        PendingAuditAction = "User.Linked";
    }

    public void Deactivate(string? reason, DateTime now)
    {
        IsActive = false;
        DeactivationReason = string.IsNullOrWhiteSpace(reason) ? null : reason.Trim();
        Touch("User.Deactivated", now);
    }

    public void Reactivate(DateTime now)
    {
        IsActive = true;
        DeactivationReason = null;
        DeprovisionedAt = null;
        Touch("User.Reactivated", now);
    }

    /// <summary>The provider deleted the person: deactivated and hidden from SCIM, but every row and its history stays.</summary>
    public void Deprovision(DateTime now)
    {
        IsActive = false;
        DeactivationReason ??= "Deleted in the identity provider";
        DeprovisionedAt = now;
        Touch("User.Deprovisioned", now);
    }

    public void SetEmailDigest(bool wanted, DateTime now)
    {
        EmailDigestOptOut = !wanted;
        Touch("User.PreferencesChanged", now);
    }

    public void ClearPendingAuditAction() => PendingAuditAction = null;

    /// <summary>One revision per saved change, however many steps it took (e.g. a SCIM replace that also deactivates).</summary>
    private void Touch(string action, DateTime now)
    {
        if (PendingAuditAction is null)
        {
            Revision++;
        }
        ChangedAt = now;
        PendingAuditAction = action;
    }
}

using Portal.Domain.Audit;
using Portal.Domain.Directory;

namespace Portal.Domain.Tests.Directory;

public class UserAccountTests
{
    private static readonly DateTime Now = new(2025, 5, 2, 9, 30, 0, DateTimeKind.Utc);

    [Fact]
    public void New_account_is_active_and_audited_as_registered()
    {
        var user = UserAccount.Create("sub-1", "Alice", "alice@example.com");

        Assert.True(user.IsActive);
        Assert.Equal("User.Registered", user.PendingAuditAction);
        Assert.Equal("User", user.AuditEntityType);
        Assert.Equal("sub-1", user.AuditEntityId);
    }

    [Fact]
    public void Sign_in_records_the_latest_name_and_roles_in_a_stable_order()
    {
        var user = UserAccount.Create("sub-1", "Alice", null);
        user.ClearPendingAuditAction();

        user.RecordSignIn("Alice Smith", "alice@example.com", ["Engineer", "Auditor"], Now);

        Assert.Equal("Alice Smith", user.Name);
        Assert.Equal("alice@example.com", user.Email);
        Assert.Equal("Auditor,Engineer", user.Roles);
        Assert.Equal(Now, user.LastSignInAt);
        Assert.Equal(AuditActions.SignedIn, user.PendingAuditAction);
    }

    [Fact]
    public void First_sign_in_is_audited_as_the_registration()
    {
        var user = UserAccount.Create("sub-1", "Alice", null);

        user.RecordSignIn("Alice", null, [], Now);

        Assert.Equal("User.Registered", user.PendingAuditAction);
    }

    [Fact]
    public void Deactivating_and_reactivating_raise_the_revision_and_name_the_action()
    {
        var user = UserAccount.Create("sub-1", "Alice", null);
        user.ClearPendingAuditAction();

        user.Deactivate("  Left the company ", Now);
        Assert.False(user.IsActive);
        Assert.Equal("Left the company", user.DeactivationReason);
        Assert.Equal(Now, user.ChangedAt);
        Assert.Equal(2, user.Revision);
        Assert.Equal("User.Deactivated", user.PendingAuditAction);
        user.ClearPendingAuditAction();

        user.Reactivate(Now);
        Assert.True(user.IsActive);
        Assert.Null(user.DeactivationReason);
        Assert.Equal(3, user.Revision);
        Assert.Equal("User.Reactivated", user.PendingAuditAction);
    }

    private static DirectoryProfile Grace(string? externalId = "sub-grace") =>
        new("grace@example.test", externalId, "Grace Hopper", "Grace", "Hopper", "grace@example.test");

    [Fact]
    public void A_provisioned_account_takes_the_external_id_as_subject_at_revision_one()
    {
        var user = UserAccount.Provision(Grace(), "pending-1", Now);

        Assert.Equal("sub-grace", user.Subject);
        Assert.Equal("GRACE@EXAMPLE.TEST", user.UserNameKey);
        Assert.Equal(1, user.Revision);
        Assert.Equal(Now, user.CreatedAt);
        Assert.Equal("User.Provisioned", user.PendingAuditAction);
        Assert.False(user.IsPendingLink);
    }

    [Fact]
    public void Without_an_external_id_the_account_waits_for_its_first_sign_in_to_link()
    {
        var user = UserAccount.Provision(Grace(externalId: null), "pending-1", Now);
        Assert.True(user.IsPendingLink);
        user.ClearPendingAuditAction();

        user.LinkSubject("oidc-sub");

        Assert.Equal("oidc-sub", user.Subject);
        Assert.Equal("User.Linked", user.PendingAuditAction);
        Assert.Throws<InvalidOperationException>(() => user.LinkSubject("another"));
    }

    [Fact]
    public void An_unchanged_profile_is_not_a_change_and_several_steps_of_one_change_are_one_revision()
    {
        var user = UserAccount.Provision(Grace(), "p", Now);
        user.ClearPendingAuditAction();

        user.ApplyProfile(Grace(), Now.AddHours(1));
        Assert.Null(user.PendingAuditAction);
        Assert.Equal(1, user.Revision);

        user.ApplyProfile(Grace() with { DisplayName = "Grace B. Hopper" }, Now.AddHours(1));
        user.Deactivate(null, Now.AddHours(1));
        Assert.Equal(2, user.Revision);
        Assert.Equal("User.Deactivated", user.PendingAuditAction);
    }

    [Fact]
    public void Deprovisioning_deactivates_with_a_reason_and_reactivating_brings_the_account_back()
    {
        var user = UserAccount.Provision(Grace(), "p", Now);
        user.ClearPendingAuditAction();

        user.Deprovision(Now);
        Assert.False(user.IsActive);
        Assert.Equal(Now, user.DeprovisionedAt);
        Assert.Equal("Deleted in the identity provider", user.DeactivationReason);
        user.ClearPendingAuditAction();

        user.Reactivate(Now);
        Assert.True(user.IsActive);
        Assert.Null(user.DeprovisionedAt);
    }

    [Theory]
    [InlineData("", "Grace", "userName")]
    [InlineData("grace", "", "displayName")]
    [InlineData("gr\nace", "Grace", "userName")]
    public void A_profile_needs_a_user_name_and_a_display_name_on_one_line(string userName, string displayName, string field)
    {
        var profile = new DirectoryProfile(userName, null, displayName, null, null, null);

        Assert.Contains(field, profile.Problems().Keys);
    }

    [Fact]
    public void The_pending_subject_prefix_is_reserved_and_an_email_needs_an_at()
    {
        var problems = new DirectoryProfile("g", "scim:x", "G", null, null, "not-an-address").Problems();

        Assert.Contains("externalId", problems.Keys);
        Assert.Contains("emails", problems.Keys);
    }
}

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

        user.Deactivate("  Left the company ", Now);
        Assert.False(user.IsActive);
        Assert.Equal("Left the company", user.DeactivationReason);
        Assert.Equal(Now, user.ChangedAt);
        Assert.Equal(2, user.Revision);
        Assert.Equal("User.Deactivated", user.PendingAuditAction);

        user.Reactivate(Now);
        Assert.True(user.IsActive);
        Assert.Null(user.DeactivationReason);
        Assert.Equal(3, user.Revision);
        Assert.Equal("User.Reactivated", user.PendingAuditAction);
    }
}

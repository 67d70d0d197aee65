using System.Reflection;
using Portal.Domain.Access;
using Portal.Domain.Audit;
using Portal.Domain.Tokens;

namespace Portal.Domain.Tests.Tokens;

public class ServiceTokenTests
{
    private static readonly DateTime IssuedAt = new(2025, 4, 1, 10, 0, 0, DateTimeKind.Utc);
    private static readonly DateTime ExpiresAt = IssuedAt.AddDays(30);

    private static ServiceToken Issued() => ServiceToken.Issue(
        "ci-pipeline", PortalRoles.Engineer, ["Credit Risk"], ServiceTokenSecret.Hash("mgp_secret"), "mgp_secret", "Admin Ada", IssuedAt, ExpiresAt);

    [Fact]
    public void Issuing_records_the_token_at_revision_one()
    {
        var token = Issued();

        Assert.Equal("ci-pipeline", token.Name);
        Assert.Equal(PortalRoles.Engineer, token.Role);
        Assert.Equal(ServiceTokenSecret.Hash("mgp_secret"), token.TokenHash);
        Assert.Equal("Admin Ada", token.CreatedBy);
        Assert.Equal(IssuedAt, token.CreatedAt);
        Assert.Equal(ExpiresAt, token.ExpiresAt);
        Assert.Null(token.RevokedAt);
        Assert.Equal(1, token.Revision);
        Assert.Equal("ServiceToken.Issued", token.PendingAuditAction);
        Assert.Equal("ServiceToken", token.AuditEntityType);
        Assert.Equal("ci-pipeline", token.AuditEntityId);
        Assert.Null(token.AuditModelKey);
    }

    [Fact]
    public void Token_hash_is_never_written_into_the_audit_trail()
    {
        var property = typeof(ServiceToken).GetProperty(nameof(ServiceToken.TokenHash))!;

        Assert.NotNull(property.GetCustomAttribute<AuditRedactedAttribute>());
    }

    [Fact]
    public void Token_is_valid_from_issue_until_just_before_expiry()
    {
        var token = Issued();

        Assert.True(token.IsValidAt(IssuedAt));
        Assert.True(token.IsValidAt(ExpiresAt.AddTicks(-1)));
    }

    [Fact]
    public void Token_is_not_valid_at_or_after_expiry()
    {
        var token = Issued();

        Assert.False(token.IsValidAt(ExpiresAt));
        Assert.False(token.IsValidAt(ExpiresAt.AddDays(1)));
    }

    [Fact]
    public void Revoked_token_is_not_valid_even_before_expiry()
    {
        var token = Issued();

        token.Revoke("Admin Ada", IssuedAt.AddDays(1));

        Assert.False(token.IsValidAt(IssuedAt.AddDays(2)));
    }

    [Fact]
    public void Revoking_records_who_and_when_and_raises_the_revision()
    {
        var token = Issued();
        var revokedAt = IssuedAt.AddDays(1);

        token.Revoke("Admin Bob", revokedAt);

        Assert.Equal(revokedAt, token.RevokedAt);
        Assert.Equal("Admin Bob", token.RevokedBy);
        Assert.Equal(2, token.Revision);
        Assert.Equal("ServiceToken.Revoked", token.PendingAuditAction);
    }

    [Fact]
    public void Revoking_twice_throws_and_keeps_the_first_revocation()
    {
        var token = Issued();
        var first = IssuedAt.AddDays(1);
        token.Revoke("Admin Bob", first);

        Assert.Throws<InvalidOperationException>(() => token.Revoke("Admin Carol", first.AddDays(1)));

        Assert.Equal(first, token.RevokedAt);
        Assert.Equal("Admin Bob", token.RevokedBy);
        Assert.Equal(2, token.Revision);
    }
}

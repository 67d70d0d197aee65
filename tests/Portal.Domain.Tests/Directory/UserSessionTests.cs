using Portal.Domain.Access;
using Portal.Domain.Directory;

namespace Portal.Domain.Tests.Directory;

public sealed class UserSessionTests
{
    private static readonly DateTime Now = new(2026, 3, 3, 9, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_session_is_valid_until_its_absolute_lifetime_ends()
    {
        var session = UserSession.Start("abc", "sub-1", Now, TimeSpan.FromHours(12));

        Assert.True(session.IsValidAt(Now.AddHours(11).AddMinutes(59)));
        Assert.False(session.IsValidAt(Now.AddHours(12)));
    }

    [Fact]
    public void A_revoked_session_is_invalid_and_keeps_the_first_reason()
    {
        var session = UserSession.Start("abc", "sub-1", Now, TimeSpan.FromHours(12));

        session.Revoke("signed out", Now.AddMinutes(5));
        session.Revoke("deactivated", Now.AddMinutes(9));

        Assert.False(session.IsValidAt(Now.AddMinutes(6)));
        Assert.Equal(("signed out", Now.AddMinutes(5)), (session.RevokedBecause, session.RevokedAt));
    }

    [Theory]
    [InlineData("service:ci", true)]
    [InlineData("SERVICE:ci", true)]
    [InlineData("scim:12", true)]
    [InlineData("system", true)]
    [InlineData("anonymous", true)]
    [InlineData("00u1ab2cd3", false)]
    [InlineData("services-team", false)]
    public void The_portals_own_subjects_are_reserved_and_are_not_people(string subject, bool reserved)
    {
        Assert.Equal(reserved, ReservedSubjects.IsReserved(subject));
        Assert.Equal(!reserved, ReservedSubjects.IsPerson(subject));
        Assert.Equal(reserved, new DirectoryProfile("u", subject, "U", null, null, null).Problems().ContainsKey("externalId"));
    }
}

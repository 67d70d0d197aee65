using Portal.Domain.Ownership;

namespace Portal.Domain.Tests.Ownership;

public sealed class OwnershipRulesTests
{
    private static readonly DateTime Now = new(2025, 3, 3, 9, 0, 0, DateTimeKind.Utc);
    private static readonly OwnerCandidate Ana = new("ana", "Ana", IsActive: true);
    private static readonly OwnerCandidate Ben = new("ben", "Ben", IsActive: true);
    private static readonly OwnerCandidate Cy = new("cy", "Cy", IsActive: true);

    private static OwnershipAssignment Holds(OwnerCandidate person, OwnerRole role) =>
        OwnershipAssignment.Assign(1, "churn", person.Subject, person.Name, role, "Mona", "set up", Now);

    [Fact]
    public void A_new_primary_ends_the_current_primary()
    {
        var primary = Holds(Ana, OwnerRole.Primary);
        var backup = Holds(Ben, OwnerRole.Backup);

        var plan = OwnershipRules.PlanAssignment([primary, backup], Cy, OwnerRole.Primary);

        Assert.Equal([primary], plan.Ends);
        Assert.Equal(OwnerRole.Primary, plan.Adds);
    }

    [Fact]
    public void A_backup_promoted_to_primary_loses_the_backup_role_so_they_hold_one_role()
    {
        var primary = Holds(Ana, OwnerRole.Primary);
        var backup = Holds(Ben, OwnerRole.Backup);

        var plan = OwnershipRules.PlanAssignment([primary, backup], Ben, OwnerRole.Primary);

        Assert.Equal([primary, backup], plan.Ends);
        Assert.Equal(OwnerRole.Primary, plan.Adds);
    }

    [Fact]
    public void The_first_primary_ends_nothing()
    {
        var plan = OwnershipRules.PlanAssignment([], Ana, OwnerRole.Primary);
        Assert.Empty(plan.Ends);
        Assert.Equal(OwnerRole.Primary, plan.Adds);
    }

    [Fact]
    public void The_current_primary_cannot_be_made_primary_again_or_backup()
    {
        var primary = Holds(Ana, OwnerRole.Primary);
        Assert.Contains("already the primary owner", Assert.Throws<InvalidOperationException>(() =>
            OwnershipRules.PlanAssignment([primary], Ana, OwnerRole.Primary)).Message, StringComparison.Ordinal);
        Assert.Contains("cannot also be a backup", Assert.Throws<InvalidOperationException>(() =>
            OwnershipRules.PlanAssignment([primary], Ana, OwnerRole.Backup)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backup_is_added_once_and_ends_nothing()
    {
        var primary = Holds(Ana, OwnerRole.Primary);
        var plan = OwnershipRules.PlanAssignment([primary], Ben, OwnerRole.Backup);
        Assert.Empty(plan.Ends);
        Assert.Equal(OwnerRole.Backup, plan.Adds);

        Assert.Throws<InvalidOperationException>(() => OwnershipRules.PlanAssignment([primary, Holds(Ben, OwnerRole.Backup)], Ben, OwnerRole.Backup));
    }

    [Fact]
    public void Ended_assignments_do_not_count()
    {
        var former = Holds(Ana, OwnerRole.Primary);
        former.End("Mona", "left", Now);
        var plan = OwnershipRules.PlanAssignment([former], Ana, OwnerRole.Primary);
        Assert.Empty(plan.Ends);
    }

    [Fact]
    public void A_backup_can_be_ended_but_the_primary_only_replaced()
    {
        var primary = Holds(Ana, OwnerRole.Primary);
        var backup = Holds(Ben, OwnerRole.Backup);

        Assert.Same(backup, OwnershipRules.PlanEnd([primary, backup], "ben"));
        Assert.Null(OwnershipRules.PlanEnd([primary, backup], "cy"));
        var refused = Assert.Throws<InvalidOperationException>(() => OwnershipRules.PlanEnd([primary, backup], "ana"));
        Assert.Contains("assign a new primary owner instead", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void A_reason_is_required(string? reason) =>
        Assert.True(OwnershipRules.ValidateAssignment("ana", Ana, reason).ContainsKey("reason"));

    [Fact]
    public void A_reason_is_at_most_1000_characters()
    {
        Assert.Empty(OwnershipRules.ValidateAssignment("ana", Ana, new string('r', 1000)));
        Assert.True(OwnershipRules.ValidateAssignment("ana", Ana, new string('r', 1001)).ContainsKey("reason"));
    }

    [Fact]
    public void Unknown_and_deactivated_people_cannot_become_owners()
    {
        var unknown = OwnershipRules.ValidateAssignment("ghost", null, "why");
        Assert.Equal("No one with the subject 'ghost' is in the user directory; a person appears there after signing in once.", unknown["ownerSubject"][0]);
        var gone = OwnershipRules.ValidateAssignment("ana", Ana with { IsActive = false }, "why");
        Assert.Equal("Ana is deactivated in the user directory and cannot become an owner; choose someone who is still here.", gone["ownerSubject"][0]);
        Assert.Equal("Choose a person.", OwnershipRules.ValidateAssignment(" ", null, "why")["ownerSubject"][0]);
    }

    [Fact]
    public void Reassigning_a_primary_hands_it_over_and_ends_the_targets_backup_role()
    {
        var primary = Holds(Ana, OwnerRole.Primary);
        var backup = Holds(Ben, OwnerRole.Backup);

        var plan = OwnershipRules.PlanReassignment([primary, backup], "ana", Ben)!;

        Assert.Equal(OwnerRole.Primary, plan.Role);
        Assert.Equal([primary, backup], plan.Ends);
        Assert.Equal(OwnerRole.Primary, plan.Adds);
    }

    [Fact]
    public void Reassigning_a_backup_to_someone_already_owning_only_ends_it()
    {
        var primary = Holds(Ana, OwnerRole.Primary);
        var backup = Holds(Ben, OwnerRole.Backup);

        var toPrimary = OwnershipRules.PlanReassignment([primary, backup], "ben", Ana)!;
        Assert.Equal([backup], toPrimary.Ends);
        Assert.Null(toPrimary.Adds);

        var toNewcomer = OwnershipRules.PlanReassignment([primary, backup], "ben", Cy)!;
        Assert.Equal(OwnerRole.Backup, toNewcomer.Adds);
        Assert.Null(OwnershipRules.PlanReassignment([primary], "cy", Ben));
    }
}

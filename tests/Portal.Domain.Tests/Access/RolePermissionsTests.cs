using Portal.Domain.Access;

namespace Portal.Domain.Tests.Access;

public class RolePermissionsTests
{
    /// <summary>The intended grants, written out independently of the code under test.</summary>
    private static readonly Dictionary<Permission, string[]> Intended = new()
    {
        [Permission.ReadModels] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.ComplianceReviewer, PortalRoles.Engineer, PortalRoles.Auditor],
        [Permission.RegisterModel] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.EditModel] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.RetireModel] = [PortalRoles.Admin, PortalRoles.Manager],
        [Permission.ReadAuditTrail] = [PortalRoles.Admin, PortalRoles.ComplianceReviewer, PortalRoles.Auditor],
        [Permission.VerifyAuditTrail] = [PortalRoles.Admin, PortalRoles.Auditor],
        [Permission.ManageServiceTokens] = [PortalRoles.Admin],
        [Permission.ManageUsers] = [PortalRoles.Admin],
        [Permission.RegisterVersion] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.SetVersionStage] = [PortalRoles.Admin],
        [Permission.ManageTeams] = [PortalRoles.Admin],
        [Permission.AssignOwners] = [PortalRoles.Admin, PortalRoles.Manager],
        [Permission.ReadOwnNotifications] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.ComplianceReviewer, PortalRoles.Engineer, PortalRoles.Auditor],
        [Permission.RequestRelease] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.SignRelease] = [PortalRoles.ComplianceReviewer],
        [Permission.RecordGateException] = [PortalRoles.ComplianceReviewer],
        [Permission.ManageApprovalPolicies] = [PortalRoles.Admin],
        [Permission.ActOnFlags] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.ComplianceReviewer, PortalRoles.Engineer],
        [Permission.ManageFlagRules] = [PortalRoles.Admin],
        [Permission.PostFairnessEvaluation] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.ManageFairnessPolicy] = [PortalRoles.Admin, PortalRoles.ComplianceReviewer],
        [Permission.AttestFairnessEvaluation] = [PortalRoles.ComplianceReviewer],
        [Permission.ClassifyModel] = [PortalRoles.Admin, PortalRoles.ComplianceReviewer],
        [Permission.ManageDocuments] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.EditModelCard] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.ReviewModelCard] = [PortalRoles.ComplianceReviewer],
        [Permission.ManageCardTemplates] = [PortalRoles.Admin, PortalRoles.ComplianceReviewer],
        [Permission.ReadOutputs] = [.. PortalRoles.All],
        [Permission.RegisterOutput] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.GrantOutputAccess] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.ComplianceReviewer, PortalRoles.Engineer],
        [Permission.ManageOutputPolicies] = [PortalRoles.Admin],
        [Permission.RaiseFinding] = [PortalRoles.Admin, PortalRoles.ComplianceReviewer],
        [Permission.RemediateFinding] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.CloseFinding] = [PortalRoles.ComplianceReviewer],
        [Permission.OpenAuditRequest] = [PortalRoles.ComplianceReviewer, PortalRoles.Auditor],
        [Permission.AnswerAuditItem] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.ReassignAuditItem] = [PortalRoles.Admin, PortalRoles.Manager],
        [Permission.ExportEvidencePackage] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.ComplianceReviewer, PortalRoles.Engineer, PortalRoles.Auditor],
        [Permission.ManageWebhooks] = [PortalRoles.Admin],
        [Permission.ReassignFinding] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.ComplianceReviewer],
    };

    public static TheoryData<Permission, string, bool> Matrix()
    {
        var data = new TheoryData<Permission, string, bool>();
        foreach (var permission in Enum.GetValues<Permission>())
        {
            foreach (var role in PortalRoles.All)
            {
                data.Add(permission, role, Intended[permission].Contains(role));
            }
        }
        return data;
    }

    [Fact]
    public void Intended_grants_cover_every_permission_and_the_five_portal_roles()
    {
        Assert.Equal(Enum.GetValues<Permission>().Order(), Intended.Keys.Order());
        Assert.Equal(
            new[] { PortalRoles.Admin, PortalRoles.Auditor, PortalRoles.ComplianceReviewer, PortalRoles.Engineer, PortalRoles.Manager },
            PortalRoles.All.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Role_holds_exactly_the_intended_permissions(Permission permission, string role, bool granted)
    {
        var actor = new Actor("someone", "Someone", new HashSet<string> { role });

        Assert.Equal(granted, actor.Can(permission));
        Assert.Equal(granted, RolePermissions.Allows([role], permission));
    }

    [Theory]
    [MemberData(nameof(Permissions))]
    public void Roles_for_a_permission_are_the_intended_ones(Permission permission)
    {
        Assert.Equal(Intended[permission].Order(StringComparer.Ordinal), RolePermissions.RolesFor(permission).Order(StringComparer.Ordinal));
    }

    public static TheoryData<Permission> Permissions() => new(Enum.GetValues<Permission>());

    [Theory]
    [MemberData(nameof(Permissions))]
    public void Actor_without_roles_can_do_nothing(Permission permission)
    {
        var actor = new Actor("nobody", "Nobody", new HashSet<string>());

        Assert.False(actor.Can(permission));
        Assert.False(actor.HasAnyRole);
    }

    [Theory]
    [MemberData(nameof(Permissions))]
    public void System_actor_holds_no_permission(Permission permission)
    {
        Assert.False(Actor.System.Can(permission));
    }

    [Theory]
    [InlineData("admin")]
    [InlineData("ADMIN")]
    [InlineData(" Admin")]
    [InlineData("Administrator")]
    [InlineData("Owner")]
    public void Role_names_that_are_not_exactly_portal_roles_grant_nothing(string role)
    {
        var actor = new Actor("someone", "Someone", new HashSet<string> { role });

        Assert.All(Enum.GetValues<Permission>(), permission => Assert.False(actor.Can(permission)));
    }

    [Fact]
    public void Actor_with_several_roles_holds_the_union_of_their_permissions()
    {
        var actor = new Actor("someone", "Someone", new HashSet<string> { PortalRoles.Engineer, PortalRoles.Auditor });

        Assert.True(actor.Can(Permission.RegisterModel));
        Assert.True(actor.Can(Permission.VerifyAuditTrail));
        Assert.False(actor.Can(Permission.RetireModel));
        Assert.False(actor.Can(Permission.ManageUsers));
    }

    [Fact]
    public void Permission_that_is_not_in_the_table_is_held_by_nobody()
    {
        const Permission unknown = (Permission)999;

        Assert.Empty(RolePermissions.RolesFor(unknown));
        Assert.False(RolePermissions.Allows(PortalRoles.All, unknown));
    }

    [Fact]
    public void Denial_explanation_names_the_roles_needed_and_the_roles_held()
    {
        var explanation = RolePermissions.ExplainDenial([PortalRoles.Engineer], Permission.RetireModel);

        Assert.Equal("Retiring a model needs the Admin or Manager role; you have the Engineer role.", explanation);
    }

    [Fact]
    public void Denial_explanation_lists_every_role_held()
    {
        var explanation = RolePermissions.ExplainDenial([PortalRoles.Engineer, PortalRoles.ComplianceReviewer], Permission.ManageUsers);

        Assert.Equal("Managing users needs the Admin role; you have the Engineer and Compliance reviewer roles.", explanation);
    }

    [Fact]
    public void Denial_explanation_says_when_no_portal_role_is_held()
    {
        var explanation = RolePermissions.ExplainDenial([], Permission.VerifyAuditTrail);

        Assert.Equal("Verifying the audit trail needs the Admin or Auditor role; you have no portal role.", explanation);
    }

    [Theory]
    [InlineData(Permission.ReadModels, "Reading models")]
    [InlineData(Permission.RegisterModel, "Registering a model")]
    [InlineData(Permission.EditModel, "Editing a model")]
    [InlineData(Permission.RetireModel, "Retiring a model")]
    [InlineData(Permission.ReadAuditTrail, "Reading the audit trail")]
    [InlineData(Permission.VerifyAuditTrail, "Verifying the audit trail")]
    [InlineData(Permission.ManageServiceTokens, "Managing service tokens")]
    [InlineData(Permission.ManageUsers, "Managing users")]
    [InlineData(Permission.RegisterVersion, "Registering a model version")]
    [InlineData(Permission.SetVersionStage, "Setting a version's stage")]
    [InlineData(Permission.ManageTeams, "Managing teams")]
    [InlineData(Permission.AssignOwners, "Assigning model owners")]
    [InlineData(Permission.PostFairnessEvaluation, "Posting a fairness evaluation")]
    [InlineData(Permission.ManageFairnessPolicy, "Changing a fairness policy")]
    [InlineData(Permission.ManageDocuments, "Attaching, editing or withdrawing a model's documents")]
    public void Denial_explanation_describes_the_permission_in_words(Permission permission, string words)
    {
        Assert.StartsWith(words + " needs the ", RolePermissions.ExplainDenial([], permission), StringComparison.Ordinal);
    }
}

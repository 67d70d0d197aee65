namespace Portal.Domain.Access;

/// <summary>Which roles hold which permission. Fail closed: a permission not listed here is held by nobody.</summary>
public static class RolePermissions
{
    private static readonly Dictionary<Permission, string[]> Grants = new()
    {
        [Permission.ReadModels] = [.. PortalRoles.All],
        [Permission.RegisterModel] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.EditModel] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.RetireModel] = [PortalRoles.Admin, PortalRoles.Manager],
        [Permission.ReadAuditTrail] = [PortalRoles.Admin, PortalRoles.Auditor, PortalRoles.ComplianceReviewer],
        [Permission.VerifyAuditTrail] = [PortalRoles.Admin, PortalRoles.Auditor],
        [Permission.ManageServiceTokens] = [PortalRoles.Admin],
        [Permission.ManageUsers] = [PortalRoles.Admin],
        [Permission.RegisterVersion] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        // Versions move through approved release requests; an Admin's direct move stays as an audited override.
        [Permission.SetVersionStage] = [PortalRoles.Admin],
        [Permission.ManageTeams] = [PortalRoles.Admin],
        // A Manager only for the models of teams they manage; the ownership service checks that scope.
        [Permission.AssignOwners] = [PortalRoles.Admin, PortalRoles.Manager],
        // Everyone reads their own notifications; the service never shows anyone else's.
        [Permission.ReadOwnNotifications] = [.. PortalRoles.All],
        // Only for models they own or whose team they are in; the release rules check that.
        [Permission.RequestRelease] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.SignRelease] = [PortalRoles.ComplianceReviewer],
        [Permission.RecordGateException] = [PortalRoles.ComplianceReviewer],
        [Permission.ManageApprovalPolicies] = [PortalRoles.Admin],
        // Acknowledging or snoozing a flag; the flag service also checks the person must act on it (FlagAccess).
        [Permission.ActOnFlags] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.ComplianceReviewer, PortalRoles.Engineer],
        // Turning rules on and off, their thresholds, and running a scan now.
        [Permission.ManageFlagRules] = [PortalRoles.Admin],
        [Permission.PostFairnessEvaluation] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        // The people who answer for the thresholds: reviewers, and Admins who keep the portal's policies.
        [Permission.ManageFairnessPolicy] = [PortalRoles.Admin, PortalRoles.ComplianceReviewer],
        // Vouching for figures computed outside the portal: a reviewer, as a person (the fairness service refuses tokens).
        [Permission.AttestFairnessEvaluation] = [PortalRoles.ComplianceReviewer],
        // Risk tier and team decide a model's release policy, so neither the model's people nor its managers change them.
        [Permission.ClassifyModel] = [PortalRoles.Admin, PortalRoles.ComplianceReviewer],
        // Attaching, describing and withdrawing a model's documents, for its owners, its team and Admins (ModelWriteScope).
        [Permission.ManageDocuments] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        // Only for models they own or whose team they are in; ModelWriteGuard checks that.
        [Permission.EditModelCard] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        // A reviewer, as a person and not an owner of the model (the card service checks both).
        [Permission.ReviewModelCard] = [PortalRoles.ComplianceReviewer],
        [Permission.ManageCardTemplates] = [PortalRoles.Admin, PortalRoles.ComplianceReviewer],
        // Every reader of models may ask; the output policy and grants decide each read (OutputAuthorizer).
        [Permission.ReadOutputs] = [.. PortalRoles.All],
        // Only for models they own or whose team they are in (ModelWriteGuard).
        [Permission.RegisterOutput] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        // The output service also requires the model's primary owner, a Compliance reviewer or an Admin, never for oneself.
        [Permission.GrantOutputAccess] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.ComplianceReviewer, PortalRoles.Engineer],
        [Permission.ManageOutputPolicies] = [PortalRoles.Admin],
        // Findings: raised by reviewers (or Admins), remediated only by their remediation owner, closed or reopened by a reviewer
        // who is neither that owner nor an owner of the model (FindingAccess checks all three).
        [Permission.RaiseFinding] = [PortalRoles.Admin, PortalRoles.ComplianceReviewer],
        [Permission.RemediateFinding] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        [Permission.CloseFinding] = [PortalRoles.ComplianceReviewer],
        // Asking, and accepting or returning the answers to one's own requests (the audit request service checks the requester).
        [Permission.OpenAuditRequest] = [PortalRoles.Auditor, PortalRoles.ComplianceReviewer],
        // Only the person an item is assigned to (the service checks it); Auditors never edit records, so never they.
        [Permission.AnswerAuditItem] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.Engineer],
        // A Manager only for the items on models of teams they manage (TeamScope).
        [Permission.ReassignAuditItem] = [PortalRoles.Admin, PortalRoles.Manager],
        // Every role; Engineers, Managers and service tokens only for their own or their teams' models (EvidenceAccess).
        [Permission.ExportEvidencePackage] = [.. PortalRoles.All],
        // Webhooks send the portal's events outside it, so only an Admin, as a person (the webhook service refuses tokens).
        [Permission.ManageWebhooks] = [PortalRoles.Admin],
        // Handing a finding to a new remediation owner: reviewers, the reviewer who raised it, or the primary owner's manager (FindingAccess).
        [Permission.ReassignFinding] = [PortalRoles.Admin, PortalRoles.Manager, PortalRoles.ComplianceReviewer],
    };

    public static IReadOnlyList<string> RolesFor(Permission permission) =>
        Grants.TryGetValue(permission, out var roles) ? roles : [];

    public static bool Allows(IEnumerable<string> roles, Permission permission) =>
        roles.Any(role => RolesFor(permission).Contains(role, StringComparer.Ordinal));

    /// <summary>Explains a denial in words a person can act on: which roles would have allowed it.</summary>
    public static string ExplainDenial(IReadOnlyCollection<string> roles, Permission permission)
    {
        var held = roles.Count switch
        {
            0 => "no portal role",
            1 => $"the {PortalRoles.Words(roles)} role",
            _ => $"the {PortalRoles.Words(roles, "and")} roles",
        };
        return $"{Describe(permission)} needs the {PortalRoles.Words(RolesFor(permission))} role; you have {held}.";
    }

    public static string Describe(Permission permission) => permission switch
    {
        Permission.ReadModels => "Reading models",
        Permission.RegisterModel => "Registering a model",
        Permission.EditModel => "Editing a model",
        Permission.RetireModel => "Retiring a model",
        Permission.ReadAuditTrail => "Reading the audit trail",
        Permission.VerifyAuditTrail => "Verifying the audit trail",
        Permission.ManageServiceTokens => "Managing service tokens",
        Permission.ManageUsers => "Managing users",
        Permission.RegisterVersion => "Registering a model version",
        Permission.SetVersionStage => "Setting a version's stage",
        Permission.ManageTeams => "Managing teams",
        Permission.AssignOwners => "Assigning model owners",
        Permission.ReadOwnNotifications => "Reading your notifications",
        Permission.RequestRelease => "Requesting or withdrawing a release",
        Permission.SignRelease => "Signing a release request",
        Permission.RecordGateException => "Recording a release gate exception",
        Permission.ManageApprovalPolicies => "Changing approval policies",
        Permission.ActOnFlags => "Acknowledging or snoozing a flag",
        Permission.ManageFlagRules => "Managing flag rules and scans",
        Permission.PostFairnessEvaluation => "Posting a fairness evaluation",
        Permission.ManageFairnessPolicy => "Changing a fairness policy",
        Permission.AttestFairnessEvaluation => "Attesting an imported fairness evaluation",
        Permission.ClassifyModel => "Changing a model's risk tier or team",
        Permission.ManageDocuments => "Attaching, editing or withdrawing a model's documents",
        Permission.EditModelCard => "Editing a model card",
        Permission.ReviewModelCard => "Reviewing a model card",
        Permission.ManageCardTemplates => "Changing model card templates",
        Permission.ReadOutputs => "Reading model outputs",
        Permission.RegisterOutput => "Registering a model output",
        Permission.GrantOutputAccess => "Granting or revoking access to an output",
        Permission.ManageOutputPolicies => "Changing output policies and tags",
        Permission.RaiseFinding => "Raising a finding",
        Permission.RemediateFinding => "Remediating a finding",
        Permission.CloseFinding => "Closing or reopening a finding",
        Permission.OpenAuditRequest => "Opening an audit request, or accepting or returning its answers",
        Permission.AnswerAuditItem => "Answering an audit request",
        Permission.ReassignAuditItem => "Reassigning an audit request's question",
        Permission.ExportEvidencePackage => "Building an evidence package",
        Permission.ManageWebhooks => "Managing webhooks",
        Permission.ReassignFinding => "Reassigning a finding's remediation",
        _ => permission.ToString(),
    };
}

namespace Portal.Domain.Access;

/// <summary>One permission per action; each is also an ASP.NET authorization policy of the same name.</summary>
public enum Permission
{
    ReadModels,
    RegisterModel,
    EditModel,
    RetireModel,
    ReadAuditTrail,
    VerifyAuditTrail,
    ManageServiceTokens,
    ManageUsers,
    RegisterVersion,
    SetVersionStage,
    ManageTeams,
    AssignOwners,
    ReadOwnNotifications,
    RequestRelease,
    SignRelease,
    RecordGateException,
    ManageApprovalPolicies,
    ActOnFlags,
    ManageFlagRules,
    PostFairnessEvaluation,
    ManageFairnessPolicy,
    AttestFairnessEvaluation,
    ClassifyModel,
    ReadOutputs,
    RegisterOutput,
    GrantOutputAccess,
    ManageOutputPolicies,
}

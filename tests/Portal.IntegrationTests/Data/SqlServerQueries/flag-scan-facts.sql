SELECT [m].[Id], [m].[Key], [m].[Team], [m].[RiskTier], [m].[Status], [m].[RegisteredAt]
FROM [Models] AS [m]
WHERE [m].[Status] <> N'Retired'

SELECT [a].[ModelId], [a].[RequestId], [a].[Number], [a1].[Title], [a1].[DueAt], [a].[AssigneeName]
FROM [AuditItems] AS [a]
INNER JOIN (
    SELECT [a0].[Id], [a0].[DueAt], [a0].[Title]
    FROM [AuditRequests] AS [a0]
    WHERE [a0].[Status] = N'Open'
) AS [a1] ON [a].[RequestId] = [a1].[Id]
WHERE [a].[Status] IN (N'Open', N'Returned')

SELECT [f].[ModelId], MAX([f].[EvaluatedAt]) AS [Newest]
FROM [FairnessEvaluations] AS [f]
GROUP BY [f].[ModelId]

SELECT [f].[ModelId], [f].[Id], [f].[Title], [f].[Severity], [f].[RemediationOwnerName], [f].[DueDate]
FROM [Findings] AS [f]
WHERE [f].[Status] <> N'Closed'

SELECT [g].[RequestId], [g].[RecordedBy]
FROM [GateExceptions] AS [g]
WHERE 0 = 1

SELECT [m].[Id], [m].[ModelId], [m].[Name], [m].[VersionLabel], [m].[ExpectedScoreRange], [m].[OutOfRangeCount], [m].[OutOfRangeExample], [m].[RegisteredAt]
FROM [ModelOutputs] AS [m]
WHERE [m].[OutOfRangeCount] > CAST(0 AS bigint) AND [m].[ExpectedScoreRange] IS NOT NULL

SELECT [m].[ModelId], MAX([m].[RegisteredAt]) AS [Last]
FROM [ModelVersions] AS [m]
GROUP BY [m].[ModelId]

SELECT [m].[ModelId], [m].[Id], [m].[StageChangedAt], [m].[RegisteredAt]
FROM [ModelVersions] AS [m]
WHERE [m].[Stage] = N'Production'

SELECT [m].[ModelId], [m].[ReviewedAt], [m].[ProductionVersionId]
FROM [ModelCardReviews] AS [m]
WHERE [m].[Id] = (
    SELECT TOP(1) [m0].[Id]
    FROM [ModelCardReviews] AS [m0]
    WHERE [m0].[ModelId] = [m].[ModelId]
    ORDER BY [m0].[ReviewedAt] DESC, [m0].[Id] DESC)

SELECT [o].[ModelId], MAX([o].[EndedAt]) AS [Last]
FROM [OwnershipAssignments] AS [o]
WHERE [o].[EndedAt] IS NOT NULL
GROUP BY [o].[ModelId]

SELECT [o].[ModelId], [o].[OwnerSubject], [o].[OwnerName], [o].[Role], [o].[AssignedAt], [o].[AcknowledgedAt], CASE
    WHEN [u].[Id] IS NULL OR [u].[IsActive] = CAST(1 AS bit) THEN CAST(1 AS bit)
    ELSE CAST(0 AS bit)
END AS [Active]
FROM [OwnershipAssignments] AS [o]
LEFT JOIN [Users] AS [u] ON [o].[OwnerSubject] = [u].[Subject]
WHERE [o].[EndedAt] IS NULL

SELECT [r].[Id], [r].[ApprovedAt], [r].[ClosedAt], [r].[ClosedBy], [r].[FairnessPolicyVersion], [r].[ModelId], [r].[ModelKey], [r].[PolicyRequireAllGates], [r].[PolicyRequireReviewerOutsideTeam], [r].[PolicyRequiredSignOffs], [r].[PolicyRevalidationMonths], [r].[PolicyRevision], [r].[RequestedAt], [r].[RequestedBy], [r].[RequestedByName], [r].[RevalidationDueAt], [r].[Revision], [r].[RiskTier], [r].[RolloutPlan], [r].[Status], [r].[Summary], [r].[TargetStage], [r].[VersionId], [r].[VersionLabel], [r].[WithdrawalReason], [m].[Id], [r1].[Id], [r1].[Approves], [r1].[AuthenticatedAt], [r1].[Evidence], [r1].[Meaning], [r1].[ModelKey], [r1].[Reason], [r1].[RequestId], [r1].[SignedAt], [r1].[SignerId], [r1].[SignerInModelTeam], [r1].[SignerName], [r1].[SnapshotSha256], [m].[ArtifactUri], [m].[CodeCommit], [m].[CodeRepository], [m].[Label], [m].[ModelId], [m].[ModelKey], [m].[Notes], [m].[RegisteredAt], [m].[RegisteredBy], [m].[Revision], [m].[Stage], [m].[StageChangedAt], [m].[StageChangedBy], [m].[EvaluationData], [m].[Hyperparameters], [m].[Metrics], [m].[TrainingData]
FROM [ReleaseRequests] AS [r]
INNER JOIN [ModelVersions] AS [m] ON [r].[VersionId] = [m].[Id]
LEFT JOIN [ReleaseSignatures] AS [r1] ON [r].[Id] = [r1].[RequestId]
WHERE [r].[TargetStage] = N'Production' AND [m].[Stage] = N'Production' AND ([r].[Status] = N'Approved' OR EXISTS (
    SELECT 1
    FROM [ReleaseSignatures] AS [r0]
    WHERE [r].[Id] = [r0].[RequestId] AND [r0].[Approves] = CAST(1 AS bit)))
ORDER BY [r].[Id], [m].[Id]

SELECT [r].[ModelId], MAX([r].[ApprovedAt]) AS [Last]
FROM [ReleaseRequests] AS [r]
WHERE [r].[Status] = N'Approved'
GROUP BY [r].[ModelId]

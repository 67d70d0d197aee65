SELECT [m].[Id], [m].[Key], [m].[Team], [m].[RiskTier], [m].[Status], [m].[RegisteredAt]
FROM [Models] AS [m]
WHERE [m].[Status] <> N'Retired'

SELECT [r].[ModelId], MAX([r].[ApprovedAt]) AS [Last]
FROM [ReleaseRequests] AS [r]
WHERE [r].[Status] = N'Approved'
GROUP BY [r].[ModelId]

SELECT [r].[ModelId], [r].[VersionId], [r].[Id], [r].[ApprovedAt], [r].[RevalidationDueAt]
FROM [ReleaseRequests] AS [r]
INNER JOIN [ModelVersions] AS [m] ON [r].[VersionId] = [m].[Id]
WHERE [r].[Status] = N'Approved' AND [r].[TargetStage] = N'Production' AND [m].[Stage] = N'Production'

SELECT [o].[ModelId], [o].[OwnerSubject], [o].[OwnerName], [o].[Role], [o].[AssignedAt], [o].[AcknowledgedAt], CASE
    WHEN [u].[Id] IS NULL OR [u].[IsActive] = CAST(1 AS bit) THEN CAST(1 AS bit)
    ELSE CAST(0 AS bit)
END AS [Active]
FROM [OwnershipAssignments] AS [o]
LEFT JOIN [Users] AS [u] ON [o].[OwnerSubject] = [u].[Subject]
WHERE [o].[EndedAt] IS NULL

SELECT [o].[ModelId], MAX([o].[EndedAt]) AS [Last]
FROM [OwnershipAssignments] AS [o]
WHERE [o].[EndedAt] IS NOT NULL
GROUP BY [o].[ModelId]

SELECT [m].[ModelId], MAX([m].[RegisteredAt]) AS [Last]
FROM [ModelVersions] AS [m]
GROUP BY [m].[ModelId]

SELECT [m].[ModelId], [m].[Id], [m].[StageChangedAt], [m].[RegisteredAt]
FROM [ModelVersions] AS [m]
WHERE [m].[Stage] = N'Production'

SELECT [f].[ModelId], MAX([f].[EvaluatedAt]) AS [Newest]
FROM [FairnessEvaluations] AS [f]
GROUP BY [f].[ModelId]

DECLARE @Value2 nvarchar(200) = N'reader-0450';
DECLARE @Value int = 7;
DECLARE @Value6 nvarchar(16) = N'Person';
DECLARE @Value71 nvarchar(200) = N'CREDIT RISK';

SELECT [m].[Id], [m].[Classification], [m].[Description], [m].[ExternalReference], [m].[Format], [m].[ModelId], [m].[ModelKey], [m].[Name], [m].[OutOfRangeCount], [m].[OutOfRangeExample], [m].[ProducedAt], [m].[RegisteredAt], [m].[RegisteredBy], [m].[Revision], [m].[RowCount], [m].[Sha256], [m].[SizeBytes], [m].[StorageKey], [m].[VersionId], [m].[VersionLabel], [m].[Columns], [m].[ExpectedScoreRange], (
    SELECT TOP(1) [m0].[Team]
    FROM [Models] AS [m0]
    WHERE [m0].[Id] = [m].[ModelId]), CASE
    WHEN EXISTS (
        SELECT 1
        FROM [OwnershipAssignments] AS [o]
        WHERE [o].[ModelId] = [m].[ModelId] AND [o].[EndedAt] IS NULL AND [o].[OwnerSubject] = @Value2) THEN CAST(1 AS bit)
    ELSE CAST(0 AS bit)
END, [o2].[Id], [o2].[Access], [o2].[ExpiresAt], [o2].[GrantedAt], [o2].[GrantedBy], [o2].[GrantedByName], [o2].[Grantee], [o2].[GranteeKind], [o2].[GranteeName], [o2].[ModelKey], [o2].[OutputId], [o2].[Purpose], [o2].[Revision], [o2].[RevokeReason], [o2].[RevokedAt], [o2].[RevokedBy], [o2].[UnmaskedTags], [o2].[c], COALESCE((
    SELECT MAX([o1].[Version])
    FROM [OutputPolicies] AS [o1]
    WHERE [m].[Id] = @Value), 0), (
    SELECT COUNT(*)
    FROM [Teams] AS [t]
    WHERE [m].[Id] = @Value), (
    SELECT COALESCE(SUM(CAST([t0].[Revision] AS bigint)), CAST(0 AS bigint))
    FROM [Teams] AS [t0]
    WHERE [m].[Id] = @Value)
FROM [ModelOutputs] AS [m]
LEFT JOIN (
    SELECT [o0].[Id], [o0].[Access], [o0].[ExpiresAt], [o0].[GrantedAt], [o0].[GrantedBy], [o0].[GrantedByName], [o0].[Grantee], [o0].[GranteeKind], [o0].[GranteeName], [o0].[ModelKey], [o0].[OutputId], [o0].[Purpose], [o0].[Revision], [o0].[RevokeReason], [o0].[RevokedAt], [o0].[RevokedBy], [o0].[UnmaskedTags], [o0].[RowFilter] AS [c]
    FROM [OutputGrants] AS [o0]
    WHERE ([o0].[Grantee] = @Value2 AND [o0].[GranteeKind] = @Value6) OR ([o0].[GranteeKind] = N'Team' AND [o0].[Grantee] = @Value71)
) AS [o2] ON [m].[Id] = [o2].[OutputId]
WHERE [m].[Id] = @Value
ORDER BY [m].[Id]

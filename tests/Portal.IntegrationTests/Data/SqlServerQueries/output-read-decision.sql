DECLARE @subject1 nvarchar(200) = N'reader-0450';
DECLARE @subject nvarchar(200) = N'reader-0450';
DECLARE @personal nvarchar(16) = N'Person';
DECLARE @subject0 nvarchar(4000) = N'reader-0450';
DECLARE @outputId int = 7;

SELECT [m].[Id], [m].[Classification], [m].[Description], [m].[ExternalReference], [m].[Format], [m].[ModelId], [m].[ModelKey], [m].[Name], [m].[OutOfRangeCount], [m].[OutOfRangeExample], [m].[ProducedAt], [m].[RegisteredAt], [m].[RegisteredBy], [m].[Revision], [m].[RowCount], [m].[Sha256], [m].[SizeBytes], [m].[StorageKey], [m].[VersionId], [m].[VersionLabel], [m].[Columns], [m].[ExpectedScoreRange], (
    SELECT TOP(1) [m0].[Team]
    FROM [Models] AS [m0]
    WHERE [m0].[Id] = [m].[ModelId]), CASE
    WHEN EXISTS (
        SELECT 1
        FROM [OwnershipAssignments] AS [o]
        WHERE [o].[ModelId] = [m].[ModelId] AND [o].[EndedAt] IS NULL AND [o].[OwnerSubject] = @subject1) THEN CAST(1 AS bit)
    ELSE CAST(0 AS bit)
END, [o1].[Id], [o1].[Access], [o1].[ExpiresAt], [o1].[GrantedAt], [o1].[GrantedBy], [o1].[GrantedByName], [o1].[Grantee], [o1].[GranteeKind], [o1].[GranteeName], [o1].[ModelKey], [o1].[OutputId], [o1].[Purpose], [o1].[Revision], [o1].[RevokeReason], [o1].[RevokedAt], [o1].[RevokedBy], [o1].[UnmaskedTags], [o1].[c]
FROM [ModelOutputs] AS [m]
LEFT JOIN (
    SELECT [o0].[Id], [o0].[Access], [o0].[ExpiresAt], [o0].[GrantedAt], [o0].[GrantedBy], [o0].[GrantedByName], [o0].[Grantee], [o0].[GranteeKind], [o0].[GranteeName], [o0].[ModelKey], [o0].[OutputId], [o0].[Purpose], [o0].[Revision], [o0].[RevokeReason], [o0].[RevokedAt], [o0].[RevokedBy], [o0].[UnmaskedTags], [o0].[RowFilter] AS [c]
    FROM [OutputGrants] AS [o0]
    WHERE ([o0].[Grantee] = @subject AND [o0].[GranteeKind] = @personal) OR ([o0].[GranteeKind] = N'Team' AND [o0].[Grantee] IN (
        SELECT [t].[NameNormalized]
        FROM [Teams] AS [t]
        WHERE EXISTS (
            SELECT 1
            FROM OPENJSON([t].[Members], '$') WITH (
                [IsManager] bit '$.IsManager',
                [Name] nvarchar(max) '$.Name',
                [Subject] nvarchar(max) '$.Subject'
            ) AS [m1]
            WHERE [m1].[Subject] = @subject0)
    ))
) AS [o1] ON [m].[Id] = [o1].[OutputId]
WHERE [m].[Id] = @outputId
ORDER BY [m].[Id]

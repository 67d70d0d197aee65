DECLARE @pattern nvarchar(64) = N'%credit sco%';
DECLARE @pattern0 nvarchar(200) = N'%credit sco%';
DECLARE @pattern1 nvarchar(4000) = N'%credit sco%';
DECLARE @pattern7 nvarchar(200) = N'%credit sco%';
DECLARE @pattern2 nvarchar(4000) = N'%credit sco%';
DECLARE @status nvarchar(16) = N'Production';
DECLARE @tag nvarchar(40) = N'cards';
DECLARE @p int = 50;
DECLARE @p13 int = 25;

SELECT [m].[Key], [m].[Name], [m].[Team], [m].[RiskTier], [m].[Status], [m].[Tags], [m].[UpdatedAt], (
    SELECT TOP(1) [o0].[OwnerName]
    FROM [OwnershipAssignments] AS [o0]
    WHERE [o0].[ModelId] = [m].[Id] AND [o0].[EndedAt] IS NULL AND [o0].[Role] = N'Primary'), (
    SELECT COUNT(*)
    FROM [Flags] AS [f]
    WHERE [f].[ModelId] = [m].[Id] AND [f].[ResolvedAt] IS NULL)
FROM [Models] AS [m]
WHERE ([m].[Key] LIKE @pattern ESCAPE N'\' OR [m].[Name] LIKE @pattern0 ESCAPE N'\' OR ([m].[Description] IS NOT NULL AND [m].[Description] LIKE @pattern1 ESCAPE N'\') OR EXISTS (
    SELECT 1
    FROM [OwnershipAssignments] AS [o]
    WHERE [o].[EndedAt] IS NULL AND [o].[OwnerSubject] IN (
        SELECT [u].[Subject]
        FROM [Users] AS [u]
        WHERE [u].[Name] LIKE @pattern7 ESCAPE N'\'
    ) AND [o].[ModelId] = [m].[Id]) OR EXISTS (
    SELECT 1
    FROM [ModelCardStates] AS [m0]
    WHERE [m0].[ModelId] = [m].[Id] AND [m0].[SearchText] LIKE @pattern2 ESCAPE N'\')) AND [m].[Status] = @status AND [m].[Id] IN (
    SELECT [m1].[ModelId]
    FROM [ModelTags] AS [m1]
    WHERE [m1].[Tag] = @tag
)
ORDER BY [m].[Name] DESC, [m].[Id] DESC
OFFSET @p ROWS FETCH NEXT @p13 ROWS ONLY

DECLARE @condition nvarchar(20) = N'"credit*" AND "sco*"';
DECLARE @first nvarchar(200) = N'credit sco%';
DECLARE @later nvarchar(200) = N'% credit sco%';
DECLARE @cardCondition nvarchar(20) = N'"credit*" AND "sco*"';
DECLARE @status nvarchar(16) = N'Production';
DECLARE @tag nvarchar(40) = N'cards';
DECLARE @p8 int = 50;
DECLARE @p9 int = 25;

SELECT [m].[Key], [m].[Name], [m].[Team], [m].[RiskTier], [m].[Status], [m].[Tags], [m].[UpdatedAt], (
    SELECT TOP(1) [o0].[OwnerName]
    FROM [OwnershipAssignments] AS [o0]
    WHERE [o0].[ModelId] = [m].[Id] AND [o0].[EndedAt] IS NULL AND [o0].[Role] = N'Primary'), (
    SELECT COUNT(*)
    FROM [Flags] AS [f]
    WHERE [f].[ModelId] = [m].[Id] AND [f].[ResolvedAt] IS NULL)
FROM [Models] AS [m]
WHERE ([m].[Id] IN (
    SELECT [s].[Value]
    FROM (
        SELECT Id AS Value FROM Models WHERE CONTAINS(([Key], Name, Description), @condition)
    ) AS [s]
) OR [m].[Id] IN (
    SELECT [o].[ModelId]
    FROM [OwnershipAssignments] AS [o]
    WHERE [o].[EndedAt] IS NULL AND [o].[OwnerSubject] IN (
        SELECT [u].[Subject]
        FROM [Users] AS [u]
        WHERE [u].[Name] LIKE @first ESCAPE N'\' OR [u].[Name] LIKE @later ESCAPE N'\'
    )
) OR [m].[Id] IN (
    SELECT [s0].[Value]
    FROM (
        SELECT ModelId AS Value FROM ModelCardStates WHERE CONTAINS(SearchText, @cardCondition)
    ) AS [s0]
)) AND [m].[Status] = @status AND EXISTS (
    SELECT 1
    FROM [ModelTags] AS [m0]
    WHERE [m0].[Tag] = @tag AND [m0].[ModelId] = [m].[Id])
ORDER BY [m].[Name] DESC, [m].[Id] DESC
OFFSET @p8 ROWS FETCH NEXT @p9 ROWS ONLY

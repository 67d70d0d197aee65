SELECT [a].[Sequence], [a].[Action], [a].[ActorId], [a].[ActorName], [a].[After], [a].[Before], [a].[EntityId], [a].[EntityType], [a].[Hash], [a].[ModelKey], [a].[OccurredAt], [a].[PreviousHash]
FROM [AuditEvents] AS [a]
ORDER BY [a].[Sequence]

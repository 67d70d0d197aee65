namespace Portal.Data;

/// <summary>
/// Every raw SQL Server statement the portal runs outside EF's generated SQL, in one place: a test parses each one with
/// Microsoft's T-SQL parser, so a new raw statement belongs here.
/// </summary>
public static class SqlServerStatements
{
    /// <summary>Serialises appends to the audit chain: held until the transaction ends; 0 or 1 means granted.</summary>
    public const string AuditChainLock =
        "EXEC @granted = sp_getapplock @Resource = N'portal-audit-chain', @LockMode = N'Exclusive', @LockOwner = N'Transaction', @LockTimeout = 30000;";

    public const string FullTextCatalog = "PortalCatalog";

    /// <summary>The catalog that holds the inventory's full-text index.</summary>
    public const string CreateFullTextCatalog = "CREATE FULLTEXT CATALOG " + FullTextCatalog + ";";

    /// <summary>
    /// Words of the key, name and description; no stoplist, so that every word (even "a" or "the") can start a search.
    /// Change tracking keeps it current in the background, seconds behind a write.
    /// </summary>
    public const string CreateFullTextIndex =
        "CREATE FULLTEXT INDEX ON dbo.Models ([Key], Name, Description) KEY INDEX PK_Models ON " + FullTextCatalog +
        " WITH CHANGE_TRACKING = AUTO, STOPLIST = OFF;";

    /// <summary>
    /// Words of each model's latest card text (ModelCardStates, keyed by the model's id), as the inventory search reads them
    /// beside the model's own: the twin of SQLite's ModelCardSearch and ModelCardWords indexes.
    /// </summary>
    public const string CreateCardFullTextIndex =
        "CREATE FULLTEXT INDEX ON dbo.ModelCardStates (SearchText) KEY INDEX PK_ModelCardStates ON " + FullTextCatalog +
        " WITH CHANGE_TRACKING = AUTO, STOPLIST = OFF;";

    /// <summary>
    /// Creates the catalog and the indexes where full text is installed and they are missing; does nothing otherwise. Must run
    /// outside a user transaction. EXEC lets the script compile on a server without full text.
    /// </summary>
    public const string EnsureFullTextIndex = $"""
        IF CAST(SERVERPROPERTY('IsFullTextInstalled') AS int) = 1
        BEGIN
            IF NOT EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'{FullTextCatalog}')
                EXEC(N'{CreateFullTextCatalog}');
            IF NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.Models'))
                EXEC(N'{CreateFullTextIndex}');
            IF NOT EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.ModelCardStates'))
                EXEC(N'{CreateCardFullTextIndex}');
        END;
        """;

    /// <summary>
    /// What start-up reads to choose between the full-text indexes and LIKE: IndexExists means both, the models' and the
    /// cards', so that a search never finds a model's words one way and its card's another.
    /// </summary>
    public const string FullTextProbe = $"""
        SELECT CAST(CASE WHEN CAST(SERVERPROPERTY('IsFullTextInstalled') AS int) = 1 THEN 1 ELSE 0 END AS bit) AS Installed,
            CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.fulltext_catalogs WHERE name = N'{FullTextCatalog}') THEN 1 ELSE 0 END AS bit) AS CatalogExists,
            CAST(CASE WHEN EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.Models'))
                AND EXISTS (SELECT 1 FROM sys.fulltext_indexes WHERE object_id = OBJECT_ID(N'dbo.ModelCardStates')) THEN 1 ELSE 0 END AS bit) AS IndexExists
        """;

    public const string SearchConditionParameter = "@condition";

    /// <summary>The ids of the models whose key, name or description has words as the full-text search condition says.</summary>
    public const string ModelIdsContaining = "SELECT Id AS Value FROM Models WHERE CONTAINS(([Key], Name, Description), " + SearchConditionParameter + ")";

    /// <summary>The card's own name for the condition: one query reads both indexes, and a name is declared once per query.</summary>
    public const string CardSearchConditionParameter = "@cardCondition";

    /// <summary>The ids of the models whose latest card text has words as the full-text search condition says.</summary>
    public const string ModelIdsWithCardContaining =
        "SELECT ModelId AS Value FROM ModelCardStates WHERE CONTAINS(SearchText, " + CardSearchConditionParameter + ")";

    /// <summary>Every statement, for the parse test.</summary>
    public static IReadOnlyList<string> All { get; } =
        [AuditChainLock, CreateFullTextCatalog, CreateFullTextIndex, CreateCardFullTextIndex, EnsureFullTextIndex, FullTextProbe, ModelIdsContaining,
            ModelIdsWithCardContaining];
}

using Microsoft.EntityFrameworkCore;
using Portal.Data;

namespace Portal.Web.Features.Inventory;

/// <summary>What the database says about SQL Server's full text: installed, and the portal's catalog and both indexes (models', cards') created.</summary>
public sealed record FullTextFacts(bool Installed, bool CatalogExists, bool IndexExists);

/// <summary>Reads <see cref="FullTextFacts"/>; null when the database is not SQL Server.</summary>
public interface IFullTextProbe
{
    Task<FullTextFacts?> ReadAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Whether the inventory's search on SQL Server uses its full-text index (CONTAINS, words that start with the text) or LIKE
/// (the text anywhere). Decided once at start-up and logged: full text is an optional SQL Server feature, and the migration
/// creates the index only where it is installed.
/// </summary>
public sealed class InventoryTextIndex
{
    public bool FullText { get; private set; }

    public async Task DetectAsync(IFullTextProbe probe, ILogger logger, CancellationToken cancellationToken)
    {
        if (await probe.ReadAsync(cancellationToken) is not { } facts)
        {
            return;
        }
        FullText = facts is { Installed: true, CatalogExists: true, IndexExists: true };
        if (FullText)
        {
            logger.LogInformation("SQL Server full-text indexes on Models and ModelCardStates found: the inventory search uses CONTAINS (words that start with the text).");
        }
        else if (facts.Installed)
        {
            logger.LogWarning("SQL Server full text is installed but the {Catalog} catalog or an index (on Models, on ModelCardStates) is missing (catalog {CatalogExists}, indexes {IndexExists}): " +
                "the inventory search uses LIKE. Apply the migrations to create them.", SqlServerStatements.FullTextCatalog, facts.CatalogExists, facts.IndexExists);
        }
        else
        {
            logger.LogInformation("SQL Server full text is not installed: the inventory search uses LIKE (the text anywhere, every row read).");
        }
    }
}

/// <summary>Asks SQL Server (SqlServerStatements.FullTextProbe); SQLite has its own FTS5 indexes and is not asked.</summary>
public sealed class SqlServerFullTextProbe(IDbContextFactory<PortalDbContext> dbFactory) : IFullTextProbe
{
    public async Task<FullTextFacts?> ReadAsync(CancellationToken cancellationToken)
    {
        await using var db = await dbFactory.CreateDbContextAsync(cancellationToken);
        if (!db.Database.IsSqlServer())
        {
            return null;
        }
        var rows = await db.Database.SqlQueryRaw<FullTextFacts>(SqlServerStatements.FullTextProbe).ToListAsync(cancellationToken);
        return rows.Single();
    }
}

using Microsoft.EntityFrameworkCore;
using Portal.Data.Configurations;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Versions;

/// <summary>
/// A promotion that lost a race the transaction did not stop: the database's unique index on the one Production version
/// of a model refused the second. Every path that promotes a version turns it into a conflict the user can act on.
/// </summary>
internal static class ProductionRace
{
    /// <summary>
    /// True when that index refused the save. SQL Server names the index; SQLite names the indexed column, and ModelId alone
    /// is unique only in that index (the label index names ModelId and Label).
    /// </summary>
    public static bool Lost(DbUpdateException failed)
    {
        var message = failed.InnerException?.Message ?? failed.Message;
        return message.Contains(ModelVersionConfiguration.OneProductionVersionPerModel, StringComparison.Ordinal)
            || message.Contains("UNIQUE constraint failed: ModelVersions.ModelId'", StringComparison.Ordinal);
    }

    public static ConflictException Conflict(string modelKey) =>
        new($"Another version of {modelKey} was promoted to Production at the same time; nothing was changed. Reload and try again.");
}

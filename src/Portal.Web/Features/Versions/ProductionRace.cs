using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Data;
using Portal.Data.Configurations;
using Portal.Web.Features.Shared;

namespace Portal.Web.Features.Versions;

/// <summary>
/// A promotion that lost a race the transaction did not stop: the database's unique index on the one Production version
/// of a model refused the second. Every path that promotes a version turns it into a conflict the user can act on.
/// </summary>
internal static class ProductionRace
{
    /// <summary>True when that index refused the save (<paramref name="model"/> names it from SQLite's column list).</summary>
    public static bool Lost(DbUpdateException failed, IModel model) =>
        DatabaseErrors.IsUniqueViolation(failed, ModelVersionConfiguration.OneProductionVersionPerModel, model);

    public static ConflictException Conflict(string modelKey) =>
        new($"Another version of {modelKey} was promoted to Production at the same time; nothing was changed. Reload and try again.");
}

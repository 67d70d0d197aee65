using Microsoft.EntityFrameworkCore.Update;

namespace Portal.Data;

/// <summary>
/// Sends the rows of one save to SQLite in commands of up to <see cref="MaxStatements"/> statements, where EF Core's SQLite
/// provider sends one command per row. SQLite has no network round trip to save, but EF Core's cost per command (building it,
/// logging, a reader) is several times SQLite's own cost for a row: a flag scan that raises thousands of flags, each with its
/// audit event, is bounded by it. Each statement still runs and is checked on its own (EF Core reads every result and moves to
/// the next, so an error in any statement fails the save). The batch stays small because Microsoft.Data.Sqlite binds each
/// statement by looking up every parameter of the command, which grows with the square of the statements.
/// </summary>
public sealed class SqliteCommandBatchFactory(ModificationCommandBatchFactoryDependencies dependencies) : IModificationCommandBatchFactory
{
    public const int MaxStatements = 16;

    public ModificationCommandBatch Create() => new SqliteCommandBatch(dependencies);

    private sealed class SqliteCommandBatch(ModificationCommandBatchFactoryDependencies dependencies)
        : AffectedCountModificationCommandBatch(dependencies, MaxStatements);
}

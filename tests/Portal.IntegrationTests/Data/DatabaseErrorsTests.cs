using System.Reflection;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Portal.Data;
using Portal.Data.Configurations;

namespace Portal.IntegrationTests.Data;

/// <summary>Provider errors classified by number (SQL Server) and extended result code (SQLite), with the index that refused.</summary>
public sealed class DatabaseErrorsTests
{
    private static readonly IModel SqliteModel = ModelOf(DatabaseProvider.Sqlite, "Data Source=unused.db");

    [Theory]
    [InlineData(2601, "Cannot insert duplicate key row in object 'dbo.ModelVersions' with unique index 'IX_ModelVersions_OneProductionPerModel'. The duplicate key value is (7).", DatabaseErrorKind.UniqueViolation, "IX_ModelVersions_OneProductionPerModel")]
    [InlineData(2627, "Violation of PRIMARY KEY constraint 'PK_AuditEvents'. Cannot insert duplicate key in object 'dbo.AuditEvents'. The duplicate key value is (12).", DatabaseErrorKind.UniqueViolation, "PK_AuditEvents")]
    [InlineData(1205, "Transaction (Process ID 53) was deadlocked on lock resources with another process and has been chosen as the deadlock victim. Rerun the transaction.", DatabaseErrorKind.Deadlock, null)]
    [InlineData(1222, "Lock request time out period exceeded.", DatabaseErrorKind.LockTimeout, null)]
    [InlineData(40613, "Database 'portal' on server 'x' is not currently available.", DatabaseErrorKind.Transient, null)]
    [InlineData(-2, "Execution Timeout Expired.", DatabaseErrorKind.Transient, null)]
    [InlineData(547, "The INSERT statement conflicted with the FOREIGN KEY constraint \"FK_x\".", DatabaseErrorKind.Other, null)]
    public void Sql_server_errors_are_classified_by_number(int number, string message, DatabaseErrorKind kind, string? index)
    {
        var failure = new DbUpdateException("An error occurred while saving the entity changes.", SqlServerError(number, message));

        Assert.Equal(new DatabaseError(kind, index), DatabaseErrors.Classify(failure));
    }

    [Fact]
    public void A_sql_server_unique_violation_is_recognised_by_its_number_whatever_the_wording()
    {
        var failure = SqlServerError(2601, "Doppelter Schlüssel: keine Angabe");

        Assert.Equal(new DatabaseError(DatabaseErrorKind.UniqueViolation), DatabaseErrors.Classify(failure));
        Assert.Equal(DatabaseError.Other, DatabaseErrors.Classify(new InvalidOperationException("Cannot insert duplicate key row with unique index 'IX_x'")));
    }

    [Theory]
    [InlineData("UNIQUE constraint failed: ModelVersions.ModelId", 2067, ModelVersionConfiguration.OneProductionVersionPerModel)]
    [InlineData("UNIQUE constraint failed: OwnershipAssignments.ModelId", 2067, OwnershipAssignmentConfiguration.OneActivePrimaryPerModel)]
    [InlineData("UNIQUE constraint failed: AuditEvents.Sequence", 1555, "PK_AuditEvents")]
    public void A_sqlite_unique_violation_names_the_index_of_the_model_on_exactly_those_columns(string text, int extendedCode, string index)
    {
        var failure = new DbUpdateException("An error occurred while saving the entity changes.", new SqliteException($"SQLite Error 19: '{text}'.", 19, extendedCode));

        Assert.Equal(new DatabaseError(DatabaseErrorKind.UniqueViolation, index), DatabaseErrors.Classify(failure, SqliteModel));
        Assert.True(DatabaseErrors.IsUniqueViolation(failure, index, SqliteModel));
    }

    [Fact]
    public void A_sqlite_unique_violation_whose_columns_no_single_index_matches_names_none()
    {
        var failure = new SqliteException("SQLite Error 19: 'UNIQUE constraint failed: Nowhere.Nothing'.", 19, 2067);

        Assert.Equal(new DatabaseError(DatabaseErrorKind.UniqueViolation), DatabaseErrors.Classify(failure, SqliteModel));
    }

    [Theory]
    [InlineData(5, 5, DatabaseErrorKind.Transient)]
    [InlineData(5, 517, DatabaseErrorKind.Transient)]
    [InlineData(6, 262, DatabaseErrorKind.Transient)]
    [InlineData(19, 787, DatabaseErrorKind.Other)]
    [InlineData(19, 1299, DatabaseErrorKind.Other)]
    public void Sqlite_errors_are_classified_by_result_code(int code, int extendedCode, DatabaseErrorKind kind)
    {
        var failure = new SqliteException("SQLite Error: something", code, extendedCode);

        Assert.Equal(kind, DatabaseErrors.Classify(failure, SqliteModel).Kind);
        Assert.Equal(kind == DatabaseErrorKind.Transient, DatabaseErrors.Classify(failure).IsRetryable);
    }

    [Theory]
    [InlineData(0, null)]
    [InlineData(1, null)]
    [InlineData(-1, DatabaseErrorKind.LockTimeout)]
    [InlineData(-2, DatabaseErrorKind.LockTimeout)]
    [InlineData(-3, DatabaseErrorKind.Deadlock)]
    [InlineData(-999, DatabaseErrorKind.LockTimeout)]
    public void An_audit_chain_lock_sql_server_did_not_grant_stops_the_write(int returnCode, DatabaseErrorKind? kind)
    {
        var refused = Record.Exception(() => AuditChainLockNotGrantedException.ThrowUnlessGranted(returnCode));

        if (kind is null)
        {
            Assert.Null(refused);
            return;
        }
        var notGranted = Assert.IsType<AuditChainLockNotGrantedException>(refused);
        Assert.Contains("nothing was saved", notGranted.Message, StringComparison.Ordinal);
        Assert.Equal(kind, DatabaseErrors.Classify(new DbUpdateException("saving", notGranted)).Kind);
    }

    private static IModel ModelOf(string provider, string connectionString)
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>();
        DatabaseProvider.Configure(options, provider, connectionString);
        using var db = new PortalDbContext(options.Options);
        return db.Model;
    }

    /// <summary>A SqlException as the client raises it; SqlClient builds them only internally, hence reflection.</summary>
    private static SqlException SqlServerError(int number, string message)
    {
        const BindingFlags Internal = BindingFlags.NonPublic | BindingFlags.Instance;
        var errorConstructor = typeof(SqlError).GetConstructors(Internal).OrderByDescending(c => c.GetParameters().Length).First();
        var error = (SqlError)errorConstructor.Invoke([.. errorConstructor.GetParameters().Select(p => p.Name switch
        {
            "infoNumber" => number,
            "errorClass" => (byte)16,
            "errorMessage" => message,
            _ when p.ParameterType == typeof(string) => "",
            _ when p.ParameterType.IsValueType => Activator.CreateInstance(p.ParameterType),
            _ => null,
        })]);
        var errors = (SqlErrorCollection)typeof(SqlErrorCollection).GetConstructors(Internal).Single(c => c.GetParameters().Length == 0).Invoke(null);
        typeof(SqlErrorCollection).GetMethod("Add", Internal)!.Invoke(errors, [error]);
        var create = typeof(SqlException).GetMethods(BindingFlags.NonPublic | BindingFlags.Static)
            .Where(m => m.Name == "CreateException")
            .Single(m => m.GetParameters().Select(p => p.ParameterType).SequenceEqual([typeof(SqlErrorCollection), typeof(string)]));
        return (SqlException)create.Invoke(null, [errors, "16.0"])!;
    }
}

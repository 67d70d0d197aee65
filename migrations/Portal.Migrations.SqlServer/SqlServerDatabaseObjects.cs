using Microsoft.EntityFrameworkCore.Migrations;
using Portal.Data;

namespace Portal.Migrations.SqlServer;

/// <summary>
/// What the SQL Server schema holds beyond the EF model: the append-only audit triggers, the trigger that keeps the tag
/// table in step with Models.Tags, and the full-text index where full text is installed. Called once from the baseline's
/// Up, after the generated operations.
/// </summary>
public static class SqlServerDatabaseObjects
{
    /// <summary>The audit trail is append-only: the database itself refuses to change or remove an event.</summary>
    public const string AuditEventsNoUpdate = """
        CREATE TRIGGER TR_AuditEvents_NoUpdate ON AuditEvents INSTEAD OF UPDATE AS
        BEGIN THROW 51000, 'The audit trail is append-only: audit events cannot be updated.', 1; END;
        """;

    public const string AuditEventsNoDelete = """
        CREATE TRIGGER TR_AuditEvents_NoDelete ON AuditEvents INSTEAD OF DELETE AS
        BEGIN THROW 51000, 'The audit trail is append-only: audit events cannot be deleted.', 1; END;
        """;

    /// <summary>ModelTags follows Models.Tags (a JSON array): the tag filter then seeks (Tag, ModelId) instead of reading each model's JSON.</summary>
    public const string ModelsTags = """
        CREATE TRIGGER TR_Models_Tags ON Models AFTER INSERT, UPDATE AS
        BEGIN
            SET NOCOUNT ON;
            IF UPDATE(Tags)
            BEGIN
                DELETE t FROM ModelTags t WHERE t.ModelId IN (SELECT Id FROM inserted);
                INSERT INTO ModelTags (Tag, ModelId)
                    SELECT DISTINCT CAST(j.value AS nvarchar(40)), i.Id FROM inserted i CROSS APPLY OPENJSON(i.Tags) j;
            END
        END;
        """;

    /// <summary>The triggers, each a batch of its own (CREATE TRIGGER must start its batch).</summary>
    public static IReadOnlyList<string> Triggers { get; } = [AuditEventsNoUpdate, AuditEventsNoDelete, ModelsTags];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        foreach (var trigger in Triggers)
        {
            migrationBuilder.Sql(Exec(trigger));
        }
        // CREATE FULLTEXT refuses to run inside a user transaction.
        migrationBuilder.Sql(SqlServerStatements.EnsureFullTextIndex, suppressTransaction: true);
    }

    /// <summary>EXEC keeps a statement first in its batch even inside the idempotent script's IF blocks.</summary>
    public static string Exec(string batch) => $"EXEC(N'{batch.Replace("'", "''", StringComparison.Ordinal)}');";
}

using Microsoft.EntityFrameworkCore.Migrations;

namespace Portal.Migrations.Sqlite;

/// <summary>
/// What the SQLite schema holds beyond the EF model: the append-only audit triggers, the tag table's triggers and the two
/// FTS5 text indexes over models and the two over the models' latest card text (<see cref="Statements"/>, called once from the
/// baseline's Up, after the generated operations).
/// </summary>
public static class SqliteDatabaseObjects
{
    /// <summary>Every statement, in order; tests run them and the baseline applies them.</summary>
    public static IReadOnlyList<string> Statements { get; } =
    [
        // The audit trail is append-only: the database itself refuses to change or remove an event.
        """
        CREATE TRIGGER TR_AuditEvents_NoUpdate BEFORE UPDATE ON AuditEvents
        BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: audit events cannot be updated.'); END;
        """,
        """
        CREATE TRIGGER TR_AuditEvents_NoDelete BEFORE DELETE ON AuditEvents
        BEGIN SELECT RAISE(ABORT, 'The audit trail is append-only: audit events cannot be deleted.'); END;
        """,

        // ModelTags follows Models.Tags (a JSON array): the tag filter then seeks (Tag, ModelId) instead of reading each model's JSON.
        """
        CREATE TRIGGER Models_Tags_Insert AFTER INSERT ON Models BEGIN
            INSERT OR IGNORE INTO ModelTags(Tag, ModelId) SELECT value, new.Id FROM json_each(new.Tags);
        END;
        """,
        """
        CREATE TRIGGER Models_Tags_Update AFTER UPDATE OF Tags ON Models BEGIN
            DELETE FROM ModelTags WHERE ModelId = new.Id;
            INSERT OR IGNORE INTO ModelTags(Tag, ModelId) SELECT value, new.Id FROM json_each(new.Tags);
        END;
        """,

        // Substring search of three or more characters from a trigram index instead of scanning every row.
        .. TextIndex("ModelSearch", "tokenize='trigram'"),
        // Searches shorter than a trigram find words that begin with them: prefix indexes of one and two characters.
        .. TextIndex("ModelWords", "tokenize='unicode61', prefix='1 2'"),

        // The inventory search matches a model by its card too: the same two indexes over ModelCardStates (the latest revision's text).
        .. CardTextIndex("ModelCardSearch", "tokenize='trigram'"),
        .. CardTextIndex("ModelCardWords", "tokenize='unicode61', prefix='1 2'"),
    ];

    public static void Create(MigrationBuilder migrationBuilder)
    {
        foreach (var statement in Statements)
        {
            migrationBuilder.Sql(statement);
        }
    }

    /// <summary>An external-content FTS5 table over ModelCardStates' text, its rowid the model's id, kept current by triggers.</summary>
    private static string[] CardTextIndex(string table, string options) =>
    [
        $"CREATE VIRTUAL TABLE {table} USING fts5(SearchText, content='ModelCardStates', content_rowid='ModelId', {options});",
        $"""
        CREATE TRIGGER ModelCardStates_{table}_Insert AFTER INSERT ON ModelCardStates BEGIN
            INSERT INTO {table}(rowid, SearchText) VALUES (new.ModelId, new.SearchText);
        END;
        """,
        $"""
        CREATE TRIGGER ModelCardStates_{table}_Update AFTER UPDATE OF SearchText ON ModelCardStates BEGIN
            INSERT INTO {table}({table}, rowid, SearchText) VALUES ('delete', old.ModelId, old.SearchText);
            INSERT INTO {table}(rowid, SearchText) VALUES (new.ModelId, new.SearchText);
        END;
        """,
        $"""
        CREATE TRIGGER ModelCardStates_{table}_Delete AFTER DELETE ON ModelCardStates BEGIN
            INSERT INTO {table}({table}, rowid, SearchText) VALUES ('delete', old.ModelId, old.SearchText);
        END;
        """,
    ];

    /// <summary>An external-content FTS5 table over Models' key, name and description, kept current by triggers.</summary>
    private static string[] TextIndex(string table, string options) =>
    [
        $"CREATE VIRTUAL TABLE {table} USING fts5(Key, Name, Description, content='Models', content_rowid='Id', {options});",
        $"""
        CREATE TRIGGER Models_{table}_Insert AFTER INSERT ON Models BEGIN
            INSERT INTO {table}(rowid, Key, Name, Description) VALUES (new.Id, new.Key, new.Name, new.Description);
        END;
        """,
        $"""
        CREATE TRIGGER Models_{table}_Update AFTER UPDATE OF Key, Name, Description ON Models BEGIN
            INSERT INTO {table}({table}, rowid, Key, Name, Description) VALUES ('delete', old.Id, old.Key, old.Name, old.Description);
            INSERT INTO {table}(rowid, Key, Name, Description) VALUES (new.Id, new.Key, new.Name, new.Description);
        END;
        """,
    ];
}

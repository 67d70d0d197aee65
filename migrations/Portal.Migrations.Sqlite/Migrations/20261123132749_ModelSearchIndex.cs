using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <summary>
    /// The inventory's free-text search over key, name and description, and its tag filter, as an FTS5 trigram index
    /// (substring matches of three or more characters from an index instead of scanning every row), kept current by
    /// triggers. Tags are indexed as their stored JSON text: a match narrows the candidates, the exact tag is still checked.
    /// SQLite only: it is not part of the EF model, so the SQL Server migrations have no counterpart.
    /// </summary>
    public partial class ModelSearchIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE ModelSearch USING fts5(Key, Name, Description, Tags, content='Models', content_rowid='Id', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Models_Search_Insert AFTER INSERT ON Models BEGIN
                    INSERT INTO ModelSearch(rowid, Key, Name, Description, Tags) VALUES (new.Id, new.Key, new.Name, new.Description, new.Tags);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Models_Search_Update AFTER UPDATE OF Key, Name, Description, Tags ON Models BEGIN
                    INSERT INTO ModelSearch(ModelSearch, rowid, Key, Name, Description, Tags) VALUES ('delete', old.Id, old.Key, old.Name, old.Description, old.Tags);
                    INSERT INTO ModelSearch(rowid, Key, Name, Description, Tags) VALUES (new.Id, new.Key, new.Name, new.Description, new.Tags);
                END;
                """);
            migrationBuilder.Sql("INSERT INTO ModelSearch(ModelSearch) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Models_Search_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Models_Search_Insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ModelSearch;");
        }
    }
}

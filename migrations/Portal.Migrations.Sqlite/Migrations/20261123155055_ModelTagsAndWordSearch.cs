using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ModelTagsAndWordSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelTags",
                columns: table => new
                {
                    Tag = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelTags", x => new { x.Tag, x.ModelId });
                    table.ForeignKey(
                        name: "FK_ModelTags_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelTags_ModelId",
                table: "ModelTags",
                column: "ModelId");

            // ModelTags follows Models.Tags: the tag filter then seeks (Tag, ModelId) instead of reading each model's JSON.
            migrationBuilder.Sql("""
                CREATE TRIGGER Models_Tags_Insert AFTER INSERT ON Models BEGIN
                    INSERT OR IGNORE INTO ModelTags(Tag, ModelId) SELECT value, new.Id FROM json_each(new.Tags);
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER Models_Tags_Update AFTER UPDATE OF Tags ON Models BEGIN
                    DELETE FROM ModelTags WHERE ModelId = new.Id;
                    INSERT OR IGNORE INTO ModelTags(Tag, ModelId) SELECT value, new.Id FROM json_each(new.Tags);
                END;
                """);
            migrationBuilder.Sql("INSERT OR IGNORE INTO ModelTags(Tag, ModelId) SELECT j.value, m.Id FROM Models m, json_each(m.Tags) j;");

            // The trigram index no longer needs the tags; it is rebuilt over key, name and description only.
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Models_Search_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Models_Search_Insert;");
            migrationBuilder.Sql("DROP TABLE IF EXISTS ModelSearch;");
            CreateTextIndex(migrationBuilder, "ModelSearch", "tokenize='trigram'");

            // Searches shorter than a trigram find words that begin with them: prefix indexes of one and two characters.
            CreateTextIndex(migrationBuilder, "ModelWords", "tokenize='unicode61', prefix='1 2'");
        }

        /// <summary>An external-content FTS5 table over Models' key, name and description, kept current by triggers.</summary>
        private static void CreateTextIndex(MigrationBuilder migrationBuilder, string table, string options)
        {
            migrationBuilder.Sql($"CREATE VIRTUAL TABLE {table} USING fts5(Key, Name, Description, content='Models', content_rowid='Id', {options});");
            migrationBuilder.Sql($"""
                CREATE TRIGGER Models_{table}_Insert AFTER INSERT ON Models BEGIN
                    INSERT INTO {table}(rowid, Key, Name, Description) VALUES (new.Id, new.Key, new.Name, new.Description);
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER Models_{table}_Update AFTER UPDATE OF Key, Name, Description ON Models BEGIN
                    INSERT INTO {table}({table}, rowid, Key, Name, Description) VALUES ('delete', old.Id, old.Key, old.Name, old.Description);
                    INSERT INTO {table}(rowid, Key, Name, Description) VALUES (new.Id, new.Key, new.Name, new.Description);
                END;
                """);
            migrationBuilder.Sql($"INSERT INTO {table}({table}) VALUES ('rebuild');");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var table in new[] { "ModelWords", "ModelSearch" })
            {
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS Models_{table}_Update;");
                migrationBuilder.Sql($"DROP TRIGGER IF EXISTS Models_{table}_Insert;");
                migrationBuilder.Sql($"DROP TABLE IF EXISTS {table};");
            }
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Models_Tags_Update;");
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS Models_Tags_Insert;");
            migrationBuilder.DropTable(
                name: "ModelTags");

            // Back to the trigram index of ModelSearchIndex, with the tags.
            migrationBuilder.Sql("CREATE VIRTUAL TABLE ModelSearch USING fts5(Key, Name, Description, Tags, content='Models', content_rowid='Id', tokenize='trigram');");
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
    }
}

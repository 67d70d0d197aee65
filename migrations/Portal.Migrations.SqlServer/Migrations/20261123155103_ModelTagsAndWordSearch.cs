using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.SqlServer.Migrations
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
                    Tag = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    ModelId = table.Column<int>(type: "int", nullable: false)
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

            // ModelTags follows Models.Tags (a JSON array): the tag filter then seeks (Tag, ModelId) instead of reading each
            // model's JSON. EXEC keeps CREATE TRIGGER first in its batch even inside the idempotent script's IF blocks.
            migrationBuilder.Sql(@"EXEC(N'CREATE TRIGGER TR_Models_Tags ON Models AFTER INSERT, UPDATE AS
BEGIN
    SET NOCOUNT ON;
    IF UPDATE(Tags)
    BEGIN
        DELETE t FROM ModelTags t WHERE t.ModelId IN (SELECT Id FROM inserted);
        INSERT INTO ModelTags (Tag, ModelId)
            SELECT DISTINCT CAST(j.value AS nvarchar(40)), i.Id FROM inserted i CROSS APPLY OPENJSON(i.Tags) j;
    END
END;')");
            migrationBuilder.Sql(@"INSERT INTO ModelTags (Tag, ModelId)
    SELECT DISTINCT CAST(j.value AS nvarchar(40)), m.Id FROM Models m CROSS APPLY OPENJSON(m.Tags) j;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS TR_Models_Tags;");
            migrationBuilder.DropTable(
                name: "ModelTags");
        }
    }
}

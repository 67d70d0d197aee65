using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class OneProductionVersionPerModel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Should an old bug have left a model with two Production versions, the newest promotion stays and the others
            // are archived, so that the unique index can be created.
            migrationBuilder.Sql("""
                UPDATE ModelVersions
                SET Stage = 'Archived', StageChangedAt = strftime('%Y-%m-%d %H:%M:%f', 'now'),
                    StageChangedBy = 'Migration OneProductionVersionPerModel', Revision = Revision + 1
                WHERE Id IN (
                    SELECT Id FROM (
                        SELECT Id, ROW_NUMBER() OVER (PARTITION BY ModelId ORDER BY StageChangedAt DESC, Id DESC) AS Newest
                        FROM ModelVersions WHERE Stage = 'Production')
                    WHERE Newest > 1);
                """);
            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_OneProductionPerModel",
                table: "ModelVersions",
                column: "ModelId",
                unique: true,
                filter: "\"Stage\" = 'Production'");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ModelVersions_OneProductionPerModel",
                table: "ModelVersions");
        }
    }
}

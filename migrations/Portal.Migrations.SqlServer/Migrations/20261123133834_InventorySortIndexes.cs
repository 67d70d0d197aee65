using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class InventorySortIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "RiskTierRank",
                table: "Models",
                type: "int",
                nullable: false,
                computedColumnSql: "CASE \"RiskTier\" WHEN 'High' THEN 2 WHEN 'Medium' THEN 1 ELSE 0 END",
                stored: false);

            migrationBuilder.AddColumn<int>(
                name: "StatusRank",
                table: "Models",
                type: "int",
                nullable: false,
                computedColumnSql: "CASE \"Status\" WHEN 'Retired' THEN 3 WHEN 'Production' THEN 2 WHEN 'Validation' THEN 1 ELSE 0 END",
                stored: false);

            migrationBuilder.CreateIndex(
                name: "IX_Models_RiskTierRank",
                table: "Models",
                column: "RiskTierRank");

            migrationBuilder.CreateIndex(
                name: "IX_Models_StatusRank",
                table: "Models",
                column: "StatusRank");

            migrationBuilder.CreateIndex(
                name: "IX_Models_UpdatedAt",
                table: "Models",
                column: "UpdatedAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Models_RiskTierRank",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Models_StatusRank",
                table: "Models");

            migrationBuilder.DropIndex(
                name: "IX_Models_UpdatedAt",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "RiskTierRank",
                table: "Models");

            migrationBuilder.DropColumn(
                name: "StatusRank",
                table: "Models");
        }
    }
}

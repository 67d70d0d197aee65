using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class CoveringFlagIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Flags_ResolvedAt_Rule",
                table: "Flags");

            migrationBuilder.CreateIndex(
                name: "IX_Flags_ModelId_ResolvedAt_Rule",
                table: "Flags",
                columns: new[] { "ModelId", "ResolvedAt", "Rule" });

            migrationBuilder.CreateIndex(
                name: "IX_Flags_ResolvedAt_Rule_ModelId",
                table: "Flags",
                columns: new[] { "ResolvedAt", "Rule", "ModelId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Flags_ModelId_ResolvedAt_Rule",
                table: "Flags");

            migrationBuilder.DropIndex(
                name: "IX_Flags_ResolvedAt_Rule_ModelId",
                table: "Flags");

            migrationBuilder.CreateIndex(
                name: "IX_Flags_ResolvedAt_Rule",
                table: "Flags",
                columns: new[] { "ResolvedAt", "Rule" });
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Fairness : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "FairnessEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ModelId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    VersionId = table.Column<int>(type: "INTEGER", nullable: false),
                    VersionLabel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    SensitiveFeatures = table.Column<string>(type: "TEXT", nullable: false),
                    RowCount = table.Column<long>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: true),
                    Mapping = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    ResultsJson = table.Column<string>(type: "TEXT", nullable: false),
                    ResultsSha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    EvaluatedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EvaluatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RiskTier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    PolicyVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Passed = table.Column<bool>(type: "INTEGER", nullable: false),
                    FailuresJson = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FairnessEvaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_FairnessEvaluations_ModelVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_FairnessEvaluations_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FairnessPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RiskTier = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    MinDemographicParityRatio = table.Column<double>(type: "REAL", nullable: false),
                    MaxDemographicParityDifference = table.Column<double>(type: "REAL", nullable: false),
                    MaxEqualizedOddsDifference = table.Column<double>(type: "REAL", nullable: false),
                    RequiredSensitiveFeatures = table.Column<string>(type: "TEXT", nullable: false),
                    MaximumAgeDays = table.Column<int>(type: "INTEGER", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FairnessPolicies", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_FairnessEvaluations_ModelId_EvaluatedAt",
                table: "FairnessEvaluations",
                columns: new[] { "ModelId", "EvaluatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FairnessEvaluations_VersionId_EvaluatedAt",
                table: "FairnessEvaluations",
                columns: new[] { "VersionId", "EvaluatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_FairnessPolicies_RiskTier_Version",
                table: "FairnessPolicies",
                columns: new[] { "RiskTier", "Version" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "FairnessEvaluations");

            migrationBuilder.DropTable(
                name: "FairnessPolicies");
        }
    }
}

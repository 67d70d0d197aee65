using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class ReleaseRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ApprovalPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RiskTier = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RequiredSignOffs = table.Column<int>(type: "int", nullable: false),
                    RequireAllGates = table.Column<bool>(type: "bit", nullable: false),
                    RequireReviewerOutsideTeam = table.Column<bool>(type: "bit", nullable: false),
                    RevalidationMonths = table.Column<int>(type: "int", nullable: false),
                    ChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApprovalPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ReleaseRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VersionId = table.Column<int>(type: "int", nullable: false),
                    VersionLabel = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    TargetStage = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Summary = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RolloutPlan = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RequestedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevalidationDueAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleaseRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReleaseRequests_ModelVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ReleaseRequests_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "GateExceptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RequestId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Gate = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Justification = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    RecordedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RecordedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_GateExceptions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_GateExceptions_ReleaseRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ReleaseRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ReleaseSignatures",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RequestId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    SignerId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SignerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SignedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AuthenticatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Meaning = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    SignerInModelTeam = table.Column<bool>(type: "bit", nullable: false),
                    Evidence = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    SnapshotSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReleaseSignatures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReleaseSignatures_ReleaseRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "ReleaseRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalPolicies_RiskTier",
                table: "ApprovalPolicies",
                column: "RiskTier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_GateExceptions_RequestId",
                table: "GateExceptions",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseRequests_ModelId_Status",
                table: "ReleaseRequests",
                columns: new[] { "ModelId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseRequests_VersionId_TargetStage_Status",
                table: "ReleaseRequests",
                columns: new[] { "VersionId", "TargetStage", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseSignatures_RequestId_SignerId",
                table: "ReleaseSignatures",
                columns: new[] { "RequestId", "SignerId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApprovalPolicies");

            migrationBuilder.DropTable(
                name: "GateExceptions");

            migrationBuilder.DropTable(
                name: "ReleaseSignatures");

            migrationBuilder.DropTable(
                name: "ReleaseRequests");
        }
    }
}

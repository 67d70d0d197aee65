using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Outputs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ModelOutputs",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VersionId = table.Column<int>(type: "int", nullable: false),
                    VersionLabel = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ProducedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Classification = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RowCount = table.Column<long>(type: "bigint", nullable: false),
                    Format = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    StorageKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: true),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ExternalReference = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    RegisteredBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    Columns = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    ExpectedScoreRange = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelOutputs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelOutputs_ModelVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ModelOutputs_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutputPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Version = table.Column<int>(type: "int", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Masks = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Readers = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutputPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutputTags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DefinedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DefinedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutputTags", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "OutputAccesses",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OutputId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    At = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ActorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Channel = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Format = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    Allowed = table.Column<bool>(type: "bit", nullable: false),
                    Masked = table.Column<bool>(type: "bit", nullable: false),
                    MaskedColumns = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    RowFilter = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    RowsReturned = table.Column<long>(type: "bigint", nullable: false),
                    Completed = table.Column<bool>(type: "bit", nullable: false),
                    GrantId = table.Column<int>(type: "int", nullable: true),
                    Purpose = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Refusal = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    PolicyVersion = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutputAccesses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutputAccesses_ModelOutputs_OutputId",
                        column: x => x.OutputId,
                        principalTable: "ModelOutputs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OutputGrants",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OutputId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    GranteeKind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Grantee = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    GranteeName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Access = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    UnmaskedTags = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    GrantedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    GrantedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    GrantedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RevokeReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    RowFilter = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OutputGrants", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OutputGrants_ModelOutputs_OutputId",
                        column: x => x.OutputId,
                        principalTable: "ModelOutputs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ModelOutputs_ModelId_ProducedAt",
                table: "ModelOutputs",
                columns: new[] { "ModelId", "ProducedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelOutputs_VersionId_Name",
                table: "ModelOutputs",
                columns: new[] { "VersionId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_OutputAccesses_ActorId_At",
                table: "OutputAccesses",
                columns: new[] { "ActorId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OutputAccesses_OutputId_At",
                table: "OutputAccesses",
                columns: new[] { "OutputId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_OutputGrants_Grantee_GranteeKind",
                table: "OutputGrants",
                columns: new[] { "Grantee", "GranteeKind" });

            migrationBuilder.CreateIndex(
                name: "IX_OutputGrants_OutputId_Grantee",
                table: "OutputGrants",
                columns: new[] { "OutputId", "Grantee" });

            migrationBuilder.CreateIndex(
                name: "IX_OutputPolicies_Version",
                table: "OutputPolicies",
                column: "Version",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OutputTags_Name",
                table: "OutputTags",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "OutputAccesses");

            migrationBuilder.DropTable(
                name: "OutputGrants");

            migrationBuilder.DropTable(
                name: "OutputPolicies");

            migrationBuilder.DropTable(
                name: "OutputTags");

            migrationBuilder.DropTable(
                name: "ModelOutputs");
        }
    }
}

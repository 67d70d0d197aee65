using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Access : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "OutOfRangeCount",
                table: "ModelOutputs",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OutOfRangeExample",
                table: "ModelOutputs",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AccessRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OutputId = table.Column<int>(type: "INTEGER", nullable: false),
                    ModelKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OutputName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RequestedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    WantedDays = table.Column<int>(type: "INTEGER", nullable: false),
                    WantsUnmasked = table.Column<bool>(type: "INTEGER", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    GrantId = table.Column<int>(type: "INTEGER", nullable: true),
                    GrantedUntil = table.Column<DateTime>(type: "TEXT", nullable: true),
                    GrantedUnmasked = table.Column<bool>(type: "INTEGER", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AccessRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AccessRequests_ModelOutputs_OutputId",
                        column: x => x.OutputId,
                        principalTable: "ModelOutputs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AccessRequests_OutputGrants_GrantId",
                        column: x => x.GrantId,
                        principalTable: "OutputGrants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AccessRequests_GrantId",
                table: "AccessRequests",
                column: "GrantId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessRequests_OutputId",
                table: "AccessRequests",
                column: "OutputId");

            migrationBuilder.CreateIndex(
                name: "IX_AccessRequests_RequestedBy_OutputId_Status",
                table: "AccessRequests",
                columns: new[] { "RequestedBy", "OutputId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AccessRequests_Status_ModelKey",
                table: "AccessRequests",
                columns: new[] { "Status", "ModelKey" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessRequests");

            migrationBuilder.DropColumn(
                name: "OutOfRangeCount",
                table: "ModelOutputs");

            migrationBuilder.DropColumn(
                name: "OutOfRangeExample",
                table: "ModelOutputs");
        }
    }
}

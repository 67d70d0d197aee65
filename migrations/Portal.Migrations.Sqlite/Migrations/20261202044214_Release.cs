using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Release : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Approves",
                table: "ReleaseSignatures",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "FairnessPolicyVersion",
                table: "ReleaseRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "PolicyRequireAllGates",
                table: "ReleaseRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "PolicyRequireReviewerOutsideTeam",
                table: "ReleaseRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "PolicyRequiredSignOffs",
                table: "ReleaseRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyRevalidationMonths",
                table: "ReleaseRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "PolicyRevision",
                table: "ReleaseRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "RiskTier",
                table: "ReleaseRequests",
                type: "TEXT",
                maxLength: 16,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<string>(
                name: "AttestationReason",
                table: "FairnessEvaluations",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AttestedAt",
                table: "FairnessEvaluations",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttestedBy",
                table: "FairnessEvaluations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttestedByName",
                table: "FairnessEvaluations",
                type: "TEXT",
                maxLength: 200,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Approves",
                table: "ReleaseSignatures");

            migrationBuilder.DropColumn(
                name: "FairnessPolicyVersion",
                table: "ReleaseRequests");

            migrationBuilder.DropColumn(
                name: "PolicyRequireAllGates",
                table: "ReleaseRequests");

            migrationBuilder.DropColumn(
                name: "PolicyRequireReviewerOutsideTeam",
                table: "ReleaseRequests");

            migrationBuilder.DropColumn(
                name: "PolicyRequiredSignOffs",
                table: "ReleaseRequests");

            migrationBuilder.DropColumn(
                name: "PolicyRevalidationMonths",
                table: "ReleaseRequests");

            migrationBuilder.DropColumn(
                name: "PolicyRevision",
                table: "ReleaseRequests");

            migrationBuilder.DropColumn(
                name: "RiskTier",
                table: "ReleaseRequests");

            migrationBuilder.DropColumn(
                name: "AttestationReason",
                table: "FairnessEvaluations");

            migrationBuilder.DropColumn(
                name: "AttestedAt",
                table: "FairnessEvaluations");

            migrationBuilder.DropColumn(
                name: "AttestedBy",
                table: "FairnessEvaluations");

            migrationBuilder.DropColumn(
                name: "AttestedByName",
                table: "FairnessEvaluations");
        }
    }
}

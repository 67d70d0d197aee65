using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Portal.Migrations.SqlServer.Migrations
{
    /// <inheritdoc />
    public partial class Baseline : Migration
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
                name: "AuditEvents",
                columns: table => new
                {
                    Sequence = table.Column<long>(type: "bigint", nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ActorId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ActorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Action = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    EntityType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Before = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    After = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    PreviousHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Hash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditEvents", x => x.Sequence);
                });

            migrationBuilder.CreateTable(
                name: "AuditRequests",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Priority = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DueAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ModelKeys = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ScopeFrom = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ScopeTo = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RequestedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RequestedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditRequests", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "CardTemplates",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RiskTier = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    RequirementsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CardTemplates", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DataProtectionKeys",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    FriendlyName = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Xml = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DataProtectionKeys", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FairnessPolicies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RiskTier = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Version = table.Column<int>(type: "int", nullable: false),
                    MinDemographicParityRatio = table.Column<double>(type: "float", nullable: false),
                    MaxDemographicParityDifference = table.Column<double>(type: "float", nullable: false),
                    MaxEqualizedOddsDifference = table.Column<double>(type: "float", nullable: false),
                    RequiredSensitiveFeatures = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    MaximumAgeDays = table.Column<int>(type: "int", nullable: false),
                    EffectiveFrom = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FairnessPolicies", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "FlagRuleSettings",
                columns: table => new
                {
                    Rule = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    Severity = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    BlocksReleases = table.Column<bool>(type: "bit", nullable: false),
                    Thresholds = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlagRuleSettings", x => x.Rule);
                });

            migrationBuilder.CreateTable(
                name: "FlagScans",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Instance = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Trigger = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StartedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FinishedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ModelsScanned = table.Column<int>(type: "int", nullable: false),
                    Raised = table.Column<int>(type: "int", nullable: false),
                    Resolved = table.Column<int>(type: "int", nullable: false),
                    OpenByRule = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_FlagScans", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IdempotencyRecords",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Caller = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Key = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    RequestHash = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "int", nullable: true),
                    ContentType = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Location = table.Column<string>(type: "nvarchar(2048)", maxLength: 2048, nullable: true),
                    Body = table.Column<byte[]>(type: "varbinary(max)", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IdempotencyRecords", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Models",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Key = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    KeyNormalized = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Team = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    RiskTier = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Tags = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RegisteredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RegisteredBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RetiredAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RetirementReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ClassificationReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    RiskTierRank = table.Column<int>(type: "int", nullable: false, computedColumnSql: "CASE \"RiskTier\" WHEN 'High' THEN 2 WHEN 'Medium' THEN 1 ELSE 0 END", stored: false),
                    StatusRank = table.Column<int>(type: "int", nullable: false, computedColumnSql: "CASE \"Status\" WHEN 'Retired' THEN 3 WHEN 'Production' THEN 2 WHEN 'Validation' THEN 1 ELSE 0 END", stored: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Models", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    RecipientSubject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Category = table.Column<string>(type: "nvarchar(50)", maxLength: 50, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Link = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ReadAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EmailedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DigestClaim = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notifications", x => x.Id);
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
                name: "ScanLeases",
                columns: table => new
                {
                    Name = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Holder = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScanLeases", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "ServiceTokens",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Role = table.Column<string>(type: "nvarchar(32)", maxLength: 32, nullable: false),
                    Teams = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TokenHash = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Prefix = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ServiceTokens", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Teams",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Name = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    NameNormalized = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    Members = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Teams", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Users",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Subject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Name = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Email = table.Column<string>(type: "nvarchar(320)", maxLength: 320, nullable: true),
                    LastSignInAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    IsActive = table.Column<bool>(type: "bit", nullable: false),
                    Roles = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    UserName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    UserNameKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ExternalId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    GivenName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    FamilyName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ChangedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeactivationReason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    DeprovisionedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EmailDigestOptOut = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Users", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "UserSessions",
                columns: table => new
                {
                    Id = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Subject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ExpiresAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RevokedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevokedBecause = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserSessions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    MessageId = table.Column<string>(type: "varchar(40)", unicode: false, maxLength: 40, nullable: false),
                    Type = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    AuditSequence = table.Column<long>(type: "bigint", nullable: false),
                    EntityType = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    EntityId = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ActorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OccurredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    DispatchedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DispatchClaim = table.Column<Guid>(type: "uniqueidentifier", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "WebhookSubscriptions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Url = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    EventTypes = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    TeamFilter = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RiskTierFilter = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: true),
                    ProtectedSecret = table.Column<string>(type: "varchar(1000)", unicode: false, maxLength: 1000, nullable: false),
                    SecretRotatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Enabled = table.Column<bool>(type: "bit", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    CreatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookSubscriptions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "AuditItems",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Question = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: false),
                    AssigneeSubject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AssigneeName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    ReturnComment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditItems", x => new { x.RequestId, x.Number });
                    table.ForeignKey(
                        name: "FK_AuditItems_AuditRequests_RequestId",
                        column: x => x.RequestId,
                        principalTable: "AuditRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AuditItems_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Findings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Severity = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    RemediationOwner = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RemediationOwnerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    RaisedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RaisedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RemediationNote = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Evidence = table.Column<string>(type: "nvarchar(max)", maxLength: 16000, nullable: false),
                    RemediatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RemediatedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    RemediatedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ClosedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ClosedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ClosingNote = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    ReopenedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    ReopenedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    ReopenReason = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Findings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Findings_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Flags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    Rule = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Team = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    Severity = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    WhoActs = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Detail = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    Since = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RaisedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    ResolvedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AcknowledgedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AcknowledgedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SnoozedUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    SnoozeReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    SnoozedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Flags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Flags_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ModelCardReviews",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    RevisionNumber = table.Column<int>(type: "int", nullable: false),
                    ReviewerSubject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ReviewerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    ReviewedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Note = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ProductionVersionId = table.Column<int>(type: "int", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelCardReviews", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelCardReviews_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ModelCardRevisions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    SectionsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ChangedSections = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    ChangeSummary = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    AuthorSubject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AuthorName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    VersionLabel = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    License = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: true),
                    SearchText = table.Column<string>(type: "nvarchar(max)", maxLength: 50000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelCardRevisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelCardRevisions_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ModelCardStates",
                columns: table => new
                {
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    RevisionNumber = table.Column<int>(type: "int", nullable: false),
                    SearchText = table.Column<string>(type: "nvarchar(max)", maxLength: 50000, nullable: false),
                    Complete = table.Column<bool>(type: "bit", nullable: false),
                    Reviewed = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelCardStates", x => x.ModelId);
                    table.ForeignKey(
                        name: "FK_ModelCardStates_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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

            migrationBuilder.CreateTable(
                name: "ModelVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Label = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CodeRepository = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    CodeCommit = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    ArtifactUri = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Notes = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: true),
                    RegisteredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    RegisteredBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Stage = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    StageChangedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    StageChangedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false),
                    EvaluationData = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Hyperparameters = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    Metrics = table.Column<string>(type: "nvarchar(max)", nullable: true),
                    TrainingData = table.Column<string>(type: "nvarchar(max)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelVersions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelVersions_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OwnershipAssignments",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OwnerSubject = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    OwnerName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Role = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    AssignedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    AssignedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Reason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: false),
                    AcknowledgedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    EndedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    EndReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OwnershipAssignments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OwnershipAssignments_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "WebhookDeliveries",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    SubscriptionId = table.Column<int>(type: "int", nullable: false),
                    EventId = table.Column<long>(type: "bigint", nullable: false),
                    MessageId = table.Column<string>(type: "varchar(40)", unicode: false, maxLength: 40, nullable: false),
                    EventType = table.Column<string>(type: "varchar(64)", unicode: false, maxLength: 64, nullable: false),
                    Body = table.Column<string>(type: "nvarchar(4000)", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Attempts = table.Column<int>(type: "int", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    FirstAttemptAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DeliveredAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    LastStatusCode = table.Column<int>(type: "int", nullable: true),
                    LastError = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    ClaimToken = table.Column<Guid>(type: "uniqueidentifier", nullable: true),
                    LeaseUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RedeliveryOf = table.Column<long>(type: "bigint", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookDeliveries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveries_WebhookOutbox_EventId",
                        column: x => x.EventId,
                        principalTable: "WebhookOutbox",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_WebhookDeliveries_WebhookSubscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "WebhookSubscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AuditAnswers",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ItemNumber = table.Column<int>(type: "int", nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Text = table.Column<string>(type: "nvarchar(max)", maxLength: 10000, nullable: false),
                    AnsweredBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AnsweredByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    AnsweredAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Decision = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DecidedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    DecisionComment = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditAnswers", x => new { x.RequestId, x.ItemNumber, x.Round });
                    table.ForeignKey(
                        name: "FK_AuditAnswers_AuditItems_RequestId_ItemNumber",
                        columns: x => new { x.RequestId, x.ItemNumber },
                        principalTable: "AuditItems",
                        principalColumns: new[] { "RequestId", "Number" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "FairnessEvaluations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VersionId = table.Column<int>(type: "int", nullable: false),
                    VersionLabel = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Source = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SensitiveFeatures = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    RowCount = table.Column<long>(type: "bigint", nullable: false),
                    FileName = table.Column<string>(type: "nvarchar(260)", maxLength: 260, nullable: true),
                    Mapping = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    ResultsJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    ResultsSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    EvaluatedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    EvaluatedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RiskTier = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    PolicyVersion = table.Column<int>(type: "int", nullable: false),
                    Passed = table.Column<bool>(type: "bit", nullable: false),
                    FailuresJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    AttestedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AttestedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    AttestedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    AttestationReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
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
                name: "ModelDocuments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ModelId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    VersionId = table.Column<int>(type: "int", nullable: true),
                    VersionLabel = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: true),
                    Kind = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Description = table.Column<string>(type: "nvarchar(2000)", maxLength: 2000, nullable: true),
                    FileName = table.Column<string>(type: "nvarchar(255)", maxLength: 255, nullable: false),
                    FileType = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    StorageKey = table.Column<string>(type: "nvarchar(100)", maxLength: 100, nullable: false),
                    UploadedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UploadedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    UploadedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    UpdatedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    WithdrawnAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    WithdrawnByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    WithdrawalReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    Revision = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ModelDocuments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ModelDocuments_ModelVersions_VersionId",
                        column: x => x.VersionId,
                        principalTable: "ModelVersions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ModelDocuments_Models_ModelId",
                        column: x => x.ModelId,
                        principalTable: "Models",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

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
                    OutOfRangeCount = table.Column<long>(type: "bigint", nullable: true),
                    OutOfRangeExample = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
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
                    WithdrawalReason = table.Column<string>(type: "nvarchar(1000)", maxLength: 1000, nullable: true),
                    ApprovedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RevalidationDueAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    RiskTier = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    PolicyRevision = table.Column<int>(type: "int", nullable: false),
                    PolicyRequiredSignOffs = table.Column<int>(type: "int", nullable: false),
                    PolicyRequireAllGates = table.Column<bool>(type: "bit", nullable: false),
                    PolicyRequireReviewerOutsideTeam = table.Column<bool>(type: "bit", nullable: false),
                    PolicyRevalidationMonths = table.Column<int>(type: "int", nullable: false),
                    FairnessPolicyVersion = table.Column<int>(type: "int", nullable: false),
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
                name: "WebhookAttempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    DeliveryId = table.Column<long>(type: "bigint", nullable: false),
                    SubscriptionId = table.Column<int>(type: "int", nullable: false),
                    Number = table.Column<int>(type: "int", nullable: false),
                    AttemptedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    StatusCode = table.Column<int>(type: "int", nullable: true),
                    LatencyMilliseconds = table.Column<int>(type: "int", nullable: false),
                    ResponseExcerpt = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Error = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    Succeeded = table.Column<bool>(type: "bit", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_WebhookAttempts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_WebhookAttempts_WebhookDeliveries_DeliveryId",
                        column: x => x.DeliveryId,
                        principalTable: "WebhookDeliveries",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvidenceLinks",
                columns: table => new
                {
                    RequestId = table.Column<Guid>(type: "uniqueidentifier", nullable: false),
                    ItemNumber = table.Column<int>(type: "int", nullable: false),
                    Round = table.Column<int>(type: "int", nullable: false),
                    Position = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Kind = table.Column<string>(type: "nvarchar(40)", maxLength: 40, nullable: false),
                    Reference = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "nvarchar(300)", maxLength: 300, nullable: false),
                    Link = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    ContentJson = table.Column<string>(type: "nvarchar(max)", nullable: false),
                    CapturedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    CapturedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvidenceLinks", x => new { x.RequestId, x.ItemNumber, x.Round, x.Position });
                    table.ForeignKey(
                        name: "FK_EvidenceLinks_AuditAnswers_RequestId_ItemNumber_Round",
                        columns: x => new { x.RequestId, x.ItemNumber, x.Round },
                        principalTable: "AuditAnswers",
                        principalColumns: new[] { "RequestId", "ItemNumber", "Round" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MaskedOutputCopies",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OutputId = table.Column<int>(type: "int", nullable: false),
                    Fingerprint = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Format = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    HashKeyId = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Filtered = table.Column<bool>(type: "bit", nullable: false),
                    StorageKey = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    SizeBytes = table.Column<long>(type: "bigint", nullable: false),
                    Sha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Rows = table.Column<long>(type: "bigint", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "datetime2", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MaskedOutputCopies", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MaskedOutputCopies_ModelOutputs_OutputId",
                        column: x => x.OutputId,
                        principalTable: "ModelOutputs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
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
                    SnapshotSha256 = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    Approves = table.Column<bool>(type: "bit", nullable: false)
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

            migrationBuilder.CreateTable(
                name: "AccessRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OutputId = table.Column<int>(type: "int", nullable: false),
                    ModelKey = table.Column<string>(type: "nvarchar(64)", maxLength: 64, nullable: false),
                    OutputName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RequestedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    RequestedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: false),
                    Purpose = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: false),
                    WantedDays = table.Column<int>(type: "int", nullable: false),
                    WantsUnmasked = table.Column<bool>(type: "bit", nullable: false),
                    RequestedAt = table.Column<DateTime>(type: "datetime2", nullable: false),
                    Status = table.Column<string>(type: "nvarchar(16)", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecidedByName = table.Column<string>(type: "nvarchar(200)", maxLength: 200, nullable: true),
                    DecidedAt = table.Column<DateTime>(type: "datetime2", nullable: true),
                    Reason = table.Column<string>(type: "nvarchar(500)", maxLength: 500, nullable: true),
                    GrantId = table.Column<int>(type: "int", nullable: true),
                    GrantedUntil = table.Column<DateTime>(type: "datetime2", nullable: true),
                    GrantedUnmasked = table.Column<bool>(type: "bit", nullable: false),
                    Revision = table.Column<int>(type: "int", nullable: false)
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

            migrationBuilder.InsertData(
                table: "ScanLeases",
                columns: new[] { "Name", "ExpiresAt", "Holder" },
                values: new object[] { "flag-scan", new DateTime(1970, 1, 1, 0, 0, 0, 0, DateTimeKind.Utc), null });

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

            migrationBuilder.CreateIndex(
                name: "IX_ApprovalPolicies_RiskTier",
                table: "ApprovalPolicies",
                column: "RiskTier",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Action_Sequence",
                table: "AuditEvents",
                columns: new[] { "Action", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ActorId_Sequence",
                table: "AuditEvents",
                columns: new[] { "ActorId", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_ModelKey_Sequence",
                table: "AuditEvents",
                columns: new[] { "ModelKey", "Sequence" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_OccurredAt",
                table: "AuditEvents",
                column: "OccurredAt");

            migrationBuilder.CreateIndex(
                name: "IX_AuditItems_AssigneeSubject_Status",
                table: "AuditItems",
                columns: new[] { "AssigneeSubject", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditItems_ModelId_Status",
                table: "AuditItems",
                columns: new[] { "ModelId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditItems_ModelKey",
                table: "AuditItems",
                column: "ModelKey");

            migrationBuilder.CreateIndex(
                name: "IX_AuditRequests_RequestedBy_RequestedAt",
                table: "AuditRequests",
                columns: new[] { "RequestedBy", "RequestedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_AuditRequests_Status_DueAt",
                table: "AuditRequests",
                columns: new[] { "Status", "DueAt" });

            migrationBuilder.CreateIndex(
                name: "IX_CardTemplates_RiskTier_Version",
                table: "CardTemplates",
                columns: new[] { "RiskTier", "Version" },
                unique: true);

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

            migrationBuilder.CreateIndex(
                name: "IX_Findings_ModelId_Status",
                table: "Findings",
                columns: new[] { "ModelId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_RemediationOwner_Status",
                table: "Findings",
                columns: new[] { "RemediationOwner", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Findings_Status_DueDate",
                table: "Findings",
                columns: new[] { "Status", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Flags_ModelId_ResolvedAt_Rule",
                table: "Flags",
                columns: new[] { "ModelId", "ResolvedAt", "Rule" });

            migrationBuilder.CreateIndex(
                name: "IX_Flags_OpenPerRule",
                table: "Flags",
                columns: new[] { "ModelId", "Rule" },
                unique: true,
                filter: "\"ResolvedAt\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Flags_RaisedAt_ResolvedAt",
                table: "Flags",
                columns: new[] { "RaisedAt", "ResolvedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Flags_ResolvedAt_Rule_ModelId",
                table: "Flags",
                columns: new[] { "ResolvedAt", "Rule", "ModelId" });

            migrationBuilder.CreateIndex(
                name: "IX_FlagScans_StartedAt",
                table: "FlagScans",
                column: "StartedAt");

            migrationBuilder.CreateIndex(
                name: "IX_GateExceptions_RequestId",
                table: "GateExceptions",
                column: "RequestId");

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_Caller_Key",
                table: "IdempotencyRecords",
                columns: new[] { "Caller", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_IdempotencyRecords_ExpiresAt",
                table: "IdempotencyRecords",
                column: "ExpiresAt");

            migrationBuilder.CreateIndex(
                name: "IX_MaskedOutputCopies_OutputId_Fingerprint",
                table: "MaskedOutputCopies",
                columns: new[] { "OutputId", "Fingerprint" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelCardReviews_ModelId_RevisionNumber",
                table: "ModelCardReviews",
                columns: new[] { "ModelId", "RevisionNumber" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelCardReviews_ReviewedAt",
                table: "ModelCardReviews",
                column: "ReviewedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ModelCardRevisions_ModelId_CreatedAt_Number",
                table: "ModelCardRevisions",
                columns: new[] { "ModelId", "CreatedAt", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelCardRevisions_ModelId_Number",
                table: "ModelCardRevisions",
                columns: new[] { "ModelId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelDocuments_ModelId_UploadedAt",
                table: "ModelDocuments",
                columns: new[] { "ModelId", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelDocuments_VersionId_UploadedAt",
                table: "ModelDocuments",
                columns: new[] { "VersionId", "UploadedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelOutputs_ModelId_ProducedAt",
                table: "ModelOutputs",
                columns: new[] { "ModelId", "ProducedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelOutputs_VersionId_Name",
                table: "ModelOutputs",
                columns: new[] { "VersionId", "Name" });

            migrationBuilder.CreateIndex(
                name: "IX_Models_KeyNormalized",
                table: "Models",
                column: "KeyNormalized",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Models_Name",
                table: "Models",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_Models_RiskTierRank",
                table: "Models",
                column: "RiskTierRank");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Status_RiskTier",
                table: "Models",
                columns: new[] { "Status", "RiskTier" });

            migrationBuilder.CreateIndex(
                name: "IX_Models_StatusRank",
                table: "Models",
                column: "StatusRank");

            migrationBuilder.CreateIndex(
                name: "IX_Models_Team",
                table: "Models",
                column: "Team");

            migrationBuilder.CreateIndex(
                name: "IX_Models_UpdatedAt",
                table: "Models",
                column: "UpdatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_ModelTags_ModelId",
                table: "ModelTags",
                column: "ModelId");

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_ModelId_Label",
                table: "ModelVersions",
                columns: new[] { "ModelId", "Label" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_ModelId_Stage",
                table: "ModelVersions",
                columns: new[] { "ModelId", "Stage" });

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_OneProductionPerModel",
                table: "ModelVersions",
                column: "ModelId",
                unique: true,
                filter: "\"Stage\" = 'Production'");

            migrationBuilder.CreateIndex(
                name: "IX_ModelVersions_Stage_ModelId_Label",
                table: "ModelVersions",
                columns: new[] { "Stage", "ModelId", "Label" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_DigestClaim",
                table: "Notifications",
                column: "DigestClaim");

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_EmailedAt_ReadAt",
                table: "Notifications",
                columns: new[] { "EmailedAt", "ReadAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Notifications_RecipientSubject_CreatedAt",
                table: "Notifications",
                columns: new[] { "RecipientSubject", "CreatedAt" });

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

            migrationBuilder.CreateIndex(
                name: "IX_OwnershipAssignments_ActivePrimary",
                table: "OwnershipAssignments",
                column: "ModelId",
                unique: true,
                filter: "\"EndedAt\" IS NULL AND \"Role\" = 'Primary'");

            migrationBuilder.CreateIndex(
                name: "IX_OwnershipAssignments_AssignedAt_EndedAt",
                table: "OwnershipAssignments",
                columns: new[] { "AssignedAt", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OwnershipAssignments_ModelId_EndedAt",
                table: "OwnershipAssignments",
                columns: new[] { "ModelId", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_OwnershipAssignments_OwnerSubject_EndedAt",
                table: "OwnershipAssignments",
                columns: new[] { "OwnerSubject", "EndedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_ReleaseRequests_ApprovedAt",
                table: "ReleaseRequests",
                column: "ApprovedAt");

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

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTokens_Name",
                table: "ServiceTokens",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ServiceTokens_TokenHash",
                table: "ServiceTokens",
                column: "TokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Teams_NameNormalized",
                table: "Teams",
                column: "NameNormalized",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_ExternalId",
                table: "Users",
                column: "ExternalId");

            migrationBuilder.CreateIndex(
                name: "IX_Users_Subject",
                table: "Users",
                column: "Subject",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Users_UserNameKey",
                table: "Users",
                column: "UserNameKey",
                unique: true,
                filter: "\"UserNameKey\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_UserSessions_Subject_RevokedAt",
                table: "UserSessions",
                columns: new[] { "Subject", "RevokedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookAttempts_DeliveryId_Number",
                table: "WebhookAttempts",
                columns: new[] { "DeliveryId", "Number" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_ClaimToken",
                table: "WebhookDeliveries",
                column: "ClaimToken");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_EventId",
                table: "WebhookDeliveries",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_Status_NextAttemptAt",
                table: "WebhookDeliveries",
                columns: new[] { "Status", "NextAttemptAt" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookDeliveries_SubscriptionId_Id",
                table: "WebhookDeliveries",
                columns: new[] { "SubscriptionId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookOutbox_DispatchClaim",
                table: "WebhookOutbox",
                column: "DispatchClaim");

            migrationBuilder.CreateIndex(
                name: "IX_WebhookOutbox_DispatchedAt_Id",
                table: "WebhookOutbox",
                columns: new[] { "DispatchedAt", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_WebhookOutbox_MessageId",
                table: "WebhookOutbox",
                column: "MessageId",
                unique: true);
            SqlServerDatabaseObjects.Create(migrationBuilder);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AccessRequests");

            migrationBuilder.DropTable(
                name: "ApprovalPolicies");

            migrationBuilder.DropTable(
                name: "AuditEvents");

            migrationBuilder.DropTable(
                name: "CardTemplates");

            migrationBuilder.DropTable(
                name: "DataProtectionKeys");

            migrationBuilder.DropTable(
                name: "EvidenceLinks");

            migrationBuilder.DropTable(
                name: "FairnessEvaluations");

            migrationBuilder.DropTable(
                name: "FairnessPolicies");

            migrationBuilder.DropTable(
                name: "Findings");

            migrationBuilder.DropTable(
                name: "FlagRuleSettings");

            migrationBuilder.DropTable(
                name: "Flags");

            migrationBuilder.DropTable(
                name: "FlagScans");

            migrationBuilder.DropTable(
                name: "GateExceptions");

            migrationBuilder.DropTable(
                name: "IdempotencyRecords");

            migrationBuilder.DropTable(
                name: "MaskedOutputCopies");

            migrationBuilder.DropTable(
                name: "ModelCardReviews");

            migrationBuilder.DropTable(
                name: "ModelCardRevisions");

            migrationBuilder.DropTable(
                name: "ModelCardStates");

            migrationBuilder.DropTable(
                name: "ModelDocuments");

            migrationBuilder.DropTable(
                name: "ModelTags");

            migrationBuilder.DropTable(
                name: "Notifications");

            migrationBuilder.DropTable(
                name: "OutputAccesses");

            migrationBuilder.DropTable(
                name: "OutputPolicies");

            migrationBuilder.DropTable(
                name: "OutputTags");

            migrationBuilder.DropTable(
                name: "OwnershipAssignments");

            migrationBuilder.DropTable(
                name: "ReleaseSignatures");

            migrationBuilder.DropTable(
                name: "ScanLeases");

            migrationBuilder.DropTable(
                name: "ServiceTokens");

            migrationBuilder.DropTable(
                name: "Teams");

            migrationBuilder.DropTable(
                name: "Users");

            migrationBuilder.DropTable(
                name: "UserSessions");

            migrationBuilder.DropTable(
                name: "WebhookAttempts");

            migrationBuilder.DropTable(
                name: "OutputGrants");

            migrationBuilder.DropTable(
                name: "AuditAnswers");

            migrationBuilder.DropTable(
                name: "ReleaseRequests");

            migrationBuilder.DropTable(
                name: "WebhookDeliveries");

            migrationBuilder.DropTable(
                name: "ModelOutputs");

            migrationBuilder.DropTable(
                name: "AuditItems");

            migrationBuilder.DropTable(
                name: "WebhookOutbox");

            migrationBuilder.DropTable(
                name: "WebhookSubscriptions");

            migrationBuilder.DropTable(
                name: "ModelVersions");

            migrationBuilder.DropTable(
                name: "AuditRequests");

            migrationBuilder.DropTable(
                name: "Models");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkflowRuntime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "ManagerUserId",
                table: "Organisation_Units",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Workflows_Firings",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 210, nullable: false),
                    OccurredUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_Firings", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_NotificationPreferences",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AlsoByMail = table.Column<bool>(type: "INTEGER", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_NotificationPreferences", x => x.UserId);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_Notifications",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Message = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    Url = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReadUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_Notifications", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_Outbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Payload = table.Column<string>(type: "TEXT", nullable: false),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LockedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    SentUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_Outbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_Stopped",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 210, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Firings = table.Column<int>(type: "INTEGER", nullable: false),
                    StoppedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    HandledUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    HandledBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_Stopped", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_Timers",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    State = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    InstanceRevision = table.Column<int>(type: "INTEGER", nullable: false),
                    ActivityKey = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DueUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    LockedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LockedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Firings = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastFiredUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_Timers", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Firings_ContentItemId_Key_OccurredUtc",
                table: "Workflows_Firings",
                columns: new[] { "ContentItemId", "Key", "OccurredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Firings_OccurredUtc",
                table: "Workflows_Firings",
                column: "OccurredUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Notifications_UserId_CreatedUtc",
                table: "Workflows_Notifications",
                columns: new[] { "UserId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Notifications_UserId_ReadUtc",
                table: "Workflows_Notifications",
                columns: new[] { "UserId", "ReadUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Outbox_ContentItemId",
                table: "Workflows_Outbox",
                column: "ContentItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Outbox_LockedBy",
                table: "Workflows_Outbox",
                column: "LockedBy");

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Outbox_Status_NextAttemptUtc",
                table: "Workflows_Outbox",
                columns: new[] { "Status", "NextAttemptUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Stopped_ContentItemId_Key",
                table: "Workflows_Stopped",
                columns: new[] { "ContentItemId", "Key" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Stopped_HandledUtc_StoppedUtc",
                table: "Workflows_Stopped",
                columns: new[] { "HandledUtc", "StoppedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Timers_ContentItemId_Status",
                table: "Workflows_Timers",
                columns: new[] { "ContentItemId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Timers_LockedBy",
                table: "Workflows_Timers",
                column: "LockedBy");

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Timers_Status_DueUtc",
                table: "Workflows_Timers",
                columns: new[] { "Status", "DueUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Workflows_Firings");

            migrationBuilder.DropTable(
                name: "Workflows_NotificationPreferences");

            migrationBuilder.DropTable(
                name: "Workflows_Notifications");

            migrationBuilder.DropTable(
                name: "Workflows_Outbox");

            migrationBuilder.DropTable(
                name: "Workflows_Stopped");

            migrationBuilder.DropTable(
                name: "Workflows_Timers");

            migrationBuilder.DropColumn(
                name: "ManagerUserId",
                table: "Organisation_Units");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecurringWork : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Recurring_Schedules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Period = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    DayOfPeriod = table.Column<int>(type: "INTEGER", nullable: false),
                    TitleTemplate = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    InitialValues = table.Column<string>(type: "TEXT", nullable: false),
                    SourceType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    SourceState = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LinkField = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    OwnerUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    CatchUp = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Paused = table.Column<bool>(type: "INTEGER", nullable: false),
                    StartsUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DoneThroughUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recurring_Schedules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Recurring_Runs",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ScheduleId = table.Column<int>(type: "INTEGER", nullable: false),
                    PeriodKey = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    SourceItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    CreatedItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Title = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    RunUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Recurring_Runs", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Recurring_Runs_Recurring_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Recurring_Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Recurring_Runs_ScheduleId_PeriodKey_SourceItemId",
                table: "Recurring_Runs",
                columns: new[] { "ScheduleId", "PeriodKey", "SourceItemId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Recurring_Runs_ScheduleId_RunUtc",
                table: "Recurring_Runs",
                columns: new[] { "ScheduleId", "RunUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Recurring_Schedules_Name",
                table: "Recurring_Schedules",
                column: "Name",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Recurring_Runs");

            migrationBuilder.DropTable(
                name: "Recurring_Schedules");
        }
    }
}

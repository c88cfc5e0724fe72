using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class WorkflowDecisions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Workflows_DecisionOutcomes",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_DecisionOutcomes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_Decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    HistoryEntryId = table.Column<long>(type: "INTEGER", nullable: false),
                    TransitionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DeciderKind = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    DecisionDate = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Paragraph = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Conditions = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Attachments = table.Column<string>(type: "TEXT", nullable: false),
                    RecordedById = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_Decisions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Workflows_Decisions_Workflows_History_HistoryEntryId",
                        column: x => x.HistoryEntryId,
                        principalTable: "Workflows_History",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_DecisionOutcomes_Name",
                table: "Workflows_DecisionOutcomes",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Decisions_ContentItemId_DecisionDate",
                table: "Workflows_Decisions",
                columns: new[] { "ContentItemId", "DecisionDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Decisions_HistoryEntryId",
                table: "Workflows_Decisions",
                column: "HistoryEntryId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Workflows_DecisionOutcomes");

            migrationBuilder.DropTable(
                name: "Workflows_Decisions");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_DecisionOutcomes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_Decisions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContentItemId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    HistoryEntryId = table.Column<long>(type: "bigint", nullable: false),
                    TransitionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DeciderKind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    DecidedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DecisionDate = table.Column<DateOnly>(type: "date", nullable: false),
                    Paragraph = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Outcome = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Conditions = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Attachments = table.Column<string>(type: "text", nullable: false),
                    RecordedById = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    RecordedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IdeaAssessmentsAndActionPlans : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "Assessments",
                table: "Idesluss_Ideas",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "FinalPick",
                table: "Idesluss_Ideas",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FinalPickBy",
                table: "Idesluss_Ideas",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FinalPickMotivation",
                table: "Idesluss_Ideas",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "FinalPickUtc",
                table: "Idesluss_Ideas",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Idesluss_ActionPlanRows",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IdeaId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Opportunity = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Action = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Assessment = table.Column<int>(type: "integer", nullable: false),
                    ResponsibleId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DueDate = table.Column<DateOnly>(type: "date", nullable: false),
                    FollowUpDate = table.Column<DateOnly>(type: "date", nullable: true),
                    FollowUp = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Done = table.Column<bool>(type: "boolean", nullable: false),
                    RemindedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ModifiedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Idesluss_ActionPlanRows", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Idesluss_Assessments",
                columns: table => new
                {
                    AssessmentId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    IdeaId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    AssessorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Pick = table.Column<int>(type: "integer", nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Idesluss_Assessments", x => x.AssessmentId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_ActionPlanRows_Done_DueDate",
                table: "Idesluss_ActionPlanRows",
                columns: new[] { "Done", "DueDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_ActionPlanRows_IdeaId",
                table: "Idesluss_ActionPlanRows",
                column: "IdeaId");

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_ActionPlanRows_ResponsibleId",
                table: "Idesluss_ActionPlanRows",
                column: "ResponsibleId");

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_Assessments_IdeaId",
                table: "Idesluss_Assessments",
                column: "IdeaId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Idesluss_ActionPlanRows");

            migrationBuilder.DropTable(
                name: "Idesluss_Assessments");

            migrationBuilder.DropColumn(
                name: "Assessments",
                table: "Idesluss_Ideas");

            migrationBuilder.DropColumn(
                name: "FinalPick",
                table: "Idesluss_Ideas");

            migrationBuilder.DropColumn(
                name: "FinalPickBy",
                table: "Idesluss_Ideas");

            migrationBuilder.DropColumn(
                name: "FinalPickMotivation",
                table: "Idesluss_Ideas");

            migrationBuilder.DropColumn(
                name: "FinalPickUtc",
                table: "Idesluss_Ideas");
        }
    }
}

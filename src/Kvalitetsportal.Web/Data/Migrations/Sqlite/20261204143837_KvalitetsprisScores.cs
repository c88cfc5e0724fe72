using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KvalitetsprisScores : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Kvalitetspris_Scores",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ApplicationId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    RoundId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    JurorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Kvalitetspris_Scores", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Kvalitetspris_Scores_ApplicationId_JurorId_Area",
                table: "Kvalitetspris_Scores",
                columns: new[] { "ApplicationId", "JurorId", "Area" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Kvalitetspris_Scores_RoundId_JurorId",
                table: "Kvalitetspris_Scores",
                columns: new[] { "RoundId", "JurorId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Kvalitetspris_Scores");
        }
    }
}

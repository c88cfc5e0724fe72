using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ApplicationId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    RoundId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    JurorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Area = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Score = table.Column<int>(type: "integer", nullable: false),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SubmittedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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

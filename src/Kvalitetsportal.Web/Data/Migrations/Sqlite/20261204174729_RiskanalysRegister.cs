using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RiskanalysRegister : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Riskanalys_Matrix",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Json = table.Column<string>(type: "TEXT", nullable: false),
                    ModifiedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Riskanalys_Matrix", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Riskanalys_Risks",
                columns: table => new
                {
                    RiskId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Category = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Goal = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    GrossProbability = table.Column<int>(type: "INTEGER", nullable: true),
                    GrossConsequence = table.Column<int>(type: "INTEGER", nullable: true),
                    ResidualProbability = table.Column<int>(type: "INTEGER", nullable: true),
                    ResidualConsequence = table.Column<int>(type: "INTEGER", nullable: true),
                    ModifiedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Riskanalys_Risks", x => x.RiskId);
                });

            migrationBuilder.CreateTable(
                name: "Riskanalys_ValuationHistory",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    RiskId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FromProbability = table.Column<int>(type: "INTEGER", nullable: true),
                    FromConsequence = table.Column<int>(type: "INTEGER", nullable: true),
                    ToProbability = table.Column<int>(type: "INTEGER", nullable: false),
                    ToConsequence = table.Column<int>(type: "INTEGER", nullable: false),
                    ByUserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Riskanalys_ValuationHistory", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Riskanalys_Risks_Category",
                table: "Riskanalys_Risks",
                column: "Category");

            migrationBuilder.CreateIndex(
                name: "IX_Riskanalys_Risks_Goal",
                table: "Riskanalys_Risks",
                column: "Goal");

            migrationBuilder.CreateIndex(
                name: "IX_Riskanalys_Risks_ItemId",
                table: "Riskanalys_Risks",
                column: "ItemId");

            migrationBuilder.CreateIndex(
                name: "IX_Riskanalys_ValuationHistory_RiskId_AtUtc",
                table: "Riskanalys_ValuationHistory",
                columns: new[] { "RiskId", "AtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Riskanalys_Matrix");

            migrationBuilder.DropTable(
                name: "Riskanalys_Risks");

            migrationBuilder.DropTable(
                name: "Riskanalys_ValuationHistory");
        }
    }
}

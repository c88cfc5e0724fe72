using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Diarium : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Diarium_Counters",
                columns: table => new
                {
                    ContentType = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Last = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Diarium_Counters", x => new { x.ContentType, x.Year });
                });

            migrationBuilder.CreateTable(
                name: "Diarium_Numbers",
                columns: table => new
                {
                    ContentItemId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Number = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    AssignedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Diarium_Numbers", x => x.ContentItemId);
                });

            migrationBuilder.CreateTable(
                name: "Diarium_Series",
                columns: table => new
                {
                    ContentType = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Prefix = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    IncludeYear = table.Column<bool>(type: "boolean", nullable: false),
                    Digits = table.Column<int>(type: "integer", nullable: false),
                    AssignOn = table.Column<int>(type: "integer", nullable: false),
                    StateName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    UpdatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Diarium_Series", x => x.ContentType);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Diarium_Numbers_ContentType_Year_Number",
                table: "Diarium_Numbers",
                columns: new[] { "ContentType", "Year", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Diarium_Numbers_Text",
                table: "Diarium_Numbers",
                column: "Text");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Diarium_Counters");

            migrationBuilder.DropTable(
                name: "Diarium_Numbers");

            migrationBuilder.DropTable(
                name: "Diarium_Series");
        }
    }
}

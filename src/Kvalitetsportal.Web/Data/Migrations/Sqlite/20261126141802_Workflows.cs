using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Workflows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Workflows_Definitions",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Definition = table.Column<string>(type: "TEXT", nullable: false),
                    Enabled = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CreatedBy = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_Definitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_History",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    TransitionId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    TransitionLabel = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    FromState = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ToState = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    ActorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    OccurredUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_History", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_Instances",
                columns: table => new
                {
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EnteredStateUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_Instances", x => x.ContentItemId);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Definitions_ContentType_Version",
                table: "Workflows_Definitions",
                columns: new[] { "ContentType", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_History_ContentItemId_OccurredUtc",
                table: "Workflows_History",
                columns: new[] { "ContentItemId", "OccurredUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Workflows_Instances_ContentType_DefinitionVersion",
                table: "Workflows_Instances",
                columns: new[] { "ContentType", "DefinitionVersion" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Workflows_Definitions");

            migrationBuilder.DropTable(
                name: "Workflows_History");

            migrationBuilder.DropTable(
                name: "Workflows_Instances");
        }
    }
}

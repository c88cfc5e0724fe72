using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Definition = table.Column<string>(type: "jsonb", nullable: false),
                    Enabled = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_Definitions", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_History",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ContentItemId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    TransitionId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    TransitionLabel = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FromState = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ToState = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    ActorId = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Comment = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    OccurredUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Workflows_History", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Workflows_Instances",
                columns: table => new
                {
                    ContentItemId = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    DefinitionVersion = table.Column<int>(type: "integer", nullable: false),
                    StartedUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EnteredStateUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false)
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

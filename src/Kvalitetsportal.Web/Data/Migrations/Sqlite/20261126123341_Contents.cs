using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Contents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Contents_Items",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Latest = table.Column<bool>(type: "INTEGER", nullable: false),
                    Published = table.Column<bool>(type: "INTEGER", nullable: false),
                    DisplayText = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    NormalizedTitle = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OrganisationUnitId = table.Column<int>(type: "INTEGER", nullable: true),
                    WorkflowState = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ModifiedUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contents_Items", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Contents_Types",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    DisplayName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Definition = table.Column<string>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    UpdatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Contents_Types", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_ContentItemId_Latest",
                table: "Contents_Items",
                columns: new[] { "ContentItemId", "Latest" });

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_ContentItemId_Version",
                table: "Contents_Items",
                columns: new[] { "ContentItemId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_ContentType_Latest_ModifiedUtc",
                table: "Contents_Items",
                columns: new[] { "ContentType", "Latest", "ModifiedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_ContentType_Latest_OrganisationUnitId",
                table: "Contents_Items",
                columns: new[] { "ContentType", "Latest", "OrganisationUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_ContentType_Latest_WorkflowState",
                table: "Contents_Items",
                columns: new[] { "ContentType", "Latest", "WorkflowState" });

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_OwnerId_Latest_ModifiedUtc",
                table: "Contents_Items",
                columns: new[] { "OwnerId", "Latest", "ModifiedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Contents_Items");

            migrationBuilder.DropTable(
                name: "Contents_Types");
        }
    }
}

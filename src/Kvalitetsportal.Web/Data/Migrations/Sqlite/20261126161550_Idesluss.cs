using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Idesluss : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Core_FeatureRecipes",
                columns: table => new
                {
                    FeatureId = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    RecipeName = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    AppliedAt = table.Column<DateTimeOffset>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Core_FeatureRecipes", x => x.FeatureId);
                });

            migrationBuilder.CreateTable(
                name: "Idesluss_Comments",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    AuthorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Idesluss_Comments", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Idesluss_Ideas",
                columns: table => new
                {
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Area = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    CampaignId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    NamePublic = table.Column<bool>(type: "INTEGER", nullable: false),
                    GoodExample = table.Column<bool>(type: "INTEGER", nullable: false),
                    IdentityRevealed = table.Column<bool>(type: "INTEGER", nullable: false),
                    MergedInto = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    AssessorId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Pick = table.Column<int>(type: "INTEGER", nullable: true),
                    Supporters = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Idesluss_Ideas", x => x.ContentItemId);
                });

            migrationBuilder.CreateTable(
                name: "Idesluss_Reactions",
                columns: table => new
                {
                    ContentItemId = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    UserId = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Idesluss_Reactions", x => new { x.ContentItemId, x.UserId, x.Kind });
                });

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_Comments_ContentItemId_CreatedUtc",
                table: "Idesluss_Comments",
                columns: new[] { "ContentItemId", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_Ideas_Area",
                table: "Idesluss_Ideas",
                column: "Area");

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_Ideas_AssessorId",
                table: "Idesluss_Ideas",
                column: "AssessorId");

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_Ideas_CampaignId",
                table: "Idesluss_Ideas",
                column: "CampaignId");

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_Ideas_GoodExample",
                table: "Idesluss_Ideas",
                column: "GoodExample");

            migrationBuilder.CreateIndex(
                name: "IX_Idesluss_Reactions_UserId_Kind",
                table: "Idesluss_Reactions",
                columns: new[] { "UserId", "Kind" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Core_FeatureRecipes");

            migrationBuilder.DropTable(
                name: "Idesluss_Comments");

            migrationBuilder.DropTable(
                name: "Idesluss_Ideas");

            migrationBuilder.DropTable(
                name: "Idesluss_Reactions");
        }
    }
}

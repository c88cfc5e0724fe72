using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ContentListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_ContentType_Latest_OrganisationUnitId",
                table: "Contents_Items");

            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_ContentType_Latest_WorkflowState",
                table: "Contents_Items");

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_ContentType_Latest_OrganisationUnitId_ModifiedUtc",
                table: "Contents_Items",
                columns: new[] { "ContentType", "Latest", "OrganisationUnitId", "ModifiedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_ContentType_Latest_WorkflowState_ModifiedUtc",
                table: "Contents_Items",
                columns: new[] { "ContentType", "Latest", "WorkflowState", "ModifiedUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_ContentType_Latest_OrganisationUnitId_ModifiedUtc",
                table: "Contents_Items");

            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_ContentType_Latest_WorkflowState_ModifiedUtc",
                table: "Contents_Items");

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_ContentType_Latest_OrganisationUnitId",
                table: "Contents_Items",
                columns: new[] { "ContentType", "Latest", "OrganisationUnitId" });

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_ContentType_Latest_WorkflowState",
                table: "Contents_Items",
                columns: new[] { "ContentType", "Latest", "WorkflowState" });
        }
    }
}

using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ContentListIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_ContentType_Latest_ModifiedUtc",
                table: "Contents_Items");

            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_ContentType_Latest_OrganisationUnitId",
                table: "Contents_Items");

            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_ContentType_Latest_WorkflowState",
                table: "Contents_Items");

            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_OwnerId_Latest_ModifiedUtc",
                table: "Contents_Items");

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_Owner_Modified",
                table: "Contents_Items",
                columns: new[] { "OwnerId", "ModifiedUtc" },
                filter: "\"Latest\"");

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_Type_Modified",
                table: "Contents_Items",
                columns: new[] { "ContentType", "ModifiedUtc" },
                filter: "\"Latest\"");

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_Type_State_Modified",
                table: "Contents_Items",
                columns: new[] { "ContentType", "WorkflowState", "ModifiedUtc" },
                filter: "\"Latest\"");

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_Type_Unit_Modified",
                table: "Contents_Items",
                columns: new[] { "ContentType", "OrganisationUnitId", "ModifiedUtc" },
                filter: "\"Latest\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_Owner_Modified",
                table: "Contents_Items");

            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_Type_Modified",
                table: "Contents_Items");

            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_Type_State_Modified",
                table: "Contents_Items");

            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_Type_Unit_Modified",
                table: "Contents_Items");

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
    }
}

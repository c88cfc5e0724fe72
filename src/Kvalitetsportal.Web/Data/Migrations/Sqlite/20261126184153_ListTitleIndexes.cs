using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ListTitleIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_Type_Title",
                table: "Contents_Items",
                columns: new[] { "ContentType", "DisplayText", "Id" },
                filter: "\"Latest\"");

            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_Type_Unit_Title",
                table: "Contents_Items",
                columns: new[] { "ContentType", "OrganisationUnitId", "DisplayText", "Id" },
                filter: "\"Latest\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_Type_Title",
                table: "Contents_Items");

            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_Type_Unit_Title",
                table: "Contents_Items");
        }
    }
}

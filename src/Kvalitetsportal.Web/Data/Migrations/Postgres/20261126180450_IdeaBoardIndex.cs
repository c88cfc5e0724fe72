using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Kvalitetsportal.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IdeaBoardIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Contents_Items_Type_State_Created",
                table: "Contents_Items",
                columns: new[] { "ContentType", "WorkflowState", "CreatedUtc" },
                filter: "\"Latest\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Contents_Items_Type_State_Created",
                table: "Contents_Items");
        }
    }
}

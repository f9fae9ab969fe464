using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PbgdplPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PendingRestoredDrafts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Pending",
                table: "Revisions",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Pending",
                table: "Revisions");
        }
    }
}

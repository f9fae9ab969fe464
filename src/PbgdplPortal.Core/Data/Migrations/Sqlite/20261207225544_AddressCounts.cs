using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PbgdplPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AddressCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "AddressCounts",
                columns: table => new
                {
                    Limit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    WindowStart = table.Column<long>(type: "INTEGER", nullable: false),
                    AddressKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AddressCounts", x => new { x.Limit, x.WindowStart, x.AddressKey });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AddressCounts");
        }
    }
}

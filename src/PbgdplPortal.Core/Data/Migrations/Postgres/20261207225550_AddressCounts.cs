using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PbgdplPortal.Data.Migrations.Postgres
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
                    Limit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    WindowStart = table.Column<long>(type: "bigint", nullable: false),
                    AddressKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
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

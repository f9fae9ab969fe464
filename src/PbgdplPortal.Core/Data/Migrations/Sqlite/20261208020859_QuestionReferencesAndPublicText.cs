using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PbgdplPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuestionReferencesAndPublicText : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "AskerPhoneKey",
                table: "Questions",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicText",
                table: "Questions",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            // Answers released before: their public text is what was public until now, the asker's text.
            migrationBuilder.Sql("UPDATE \"Questions\" SET \"PublicText\" = \"Text\" WHERE \"PublishedAt\" IS NOT NULL;");

            migrationBuilder.CreateTable(
                name: "QuestionSlugAliases",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Slug = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_QuestionSlugAliases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_QuestionSlugAliases_Questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_QuestionSlugAliases_QuestionId",
                table: "QuestionSlugAliases",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_QuestionSlugAliases_Slug",
                table: "QuestionSlugAliases",
                column: "Slug",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "QuestionSlugAliases");

            migrationBuilder.DropColumn(
                name: "AskerPhoneKey",
                table: "Questions");

            migrationBuilder.DropColumn(
                name: "PublicText",
                table: "Questions");
        }
    }
}

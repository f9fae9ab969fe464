using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace PbgdplPortal.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QuizEditing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "CreatedById",
                table: "Quizzes",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReviewComment",
                table: "Quizzes",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "UpdatedById",
                table: "Quizzes",
                type: "TEXT",
                maxLength: 450,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CreatedById",
                table: "Quizzes");

            migrationBuilder.DropColumn(
                name: "ReviewComment",
                table: "Quizzes");

            migrationBuilder.DropColumn(
                name: "UpdatedById",
                table: "Quizzes");
        }
    }
}

using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PbgdplPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LegalBasisWatch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SourceUrl",
                table: "LegalDocuments",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Provisions",
                table: "DocumentRelations",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RecordedAt",
                table: "DocumentRelations",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ReviewFlags",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    ItemType = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ItemId = table.Column<int>(type: "integer", nullable: false),
                    AgencyId = table.Column<int>(type: "integer", nullable: true),
                    ChangeKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CitedDocumentId = table.Column<int>(type: "integer", nullable: false),
                    CitedProvision = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ChangingDocumentId = table.Column<int>(type: "integer", nullable: true),
                    ChangedProvisions = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EffectiveOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Reason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    FlaggedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClearedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Resolution = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ClearedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ClearedByName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ClearNote = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ReviewFlags", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ReviewFlags_LegalDocuments_ChangingDocumentId",
                        column: x => x.ChangingDocumentId,
                        principalTable: "LegalDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "FK_ReviewFlags_LegalDocuments_CitedDocumentId",
                        column: x => x.CitedDocumentId,
                        principalTable: "LegalDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewFlags_ChangingDocumentId",
                table: "ReviewFlags",
                column: "ChangingDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewFlags_CitedDocumentId",
                table: "ReviewFlags",
                column: "CitedDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_ReviewFlags_ClearedAt_AgencyId",
                table: "ReviewFlags",
                columns: new[] { "ClearedAt", "AgencyId" });

            migrationBuilder.CreateIndex(
                name: "IX_ReviewFlags_ItemType_ItemId_ChangeKey",
                table: "ReviewFlags",
                columns: new[] { "ItemType", "ItemId", "ChangeKey" },
                unique: true);

            // Articles marked for review before the watch keep their mark, as open flags on their first cited document.
            migrationBuilder.Sql(
                """
                INSERT INTO "ReviewFlags" ("ItemType", "ItemId", "AgencyId", "ChangeKey", "CitedDocumentId", "EffectiveOn", "Reason", "FlaggedAt")
                SELECT 'Article', a."Id", a."AgencyId", 'legacy', (SELECT MIN(c."LegalDocumentId") FROM "ArticleCitations" c WHERE c."ArticleId" = a."Id"),
                       CURRENT_DATE, COALESCE(a."NeedsReviewReason", 'Cần rà soát'), a."UpdatedAt"
                FROM "Articles" a
                WHERE a."NeedsReview" AND EXISTS (SELECT 1 FROM "ArticleCitations" c WHERE c."ArticleId" = a."Id")
                """);

            migrationBuilder.DropIndex(
                name: "IX_Articles_NeedsReview_AgencyId",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "NeedsReview",
                table: "Articles");

            migrationBuilder.DropColumn(
                name: "NeedsReviewReason",
                table: "Articles");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ReviewFlags");

            migrationBuilder.DropColumn(
                name: "SourceUrl",
                table: "LegalDocuments");

            migrationBuilder.DropColumn(
                name: "Provisions",
                table: "DocumentRelations");

            migrationBuilder.DropColumn(
                name: "RecordedAt",
                table: "DocumentRelations");

            migrationBuilder.AddColumn<bool>(
                name: "NeedsReview",
                table: "Articles",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "NeedsReviewReason",
                table: "Articles",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Articles_NeedsReview_AgencyId",
                table: "Articles",
                columns: new[] { "NeedsReview", "AgencyId" });
        }
    }
}

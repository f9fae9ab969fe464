using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace PbgdplPortal.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QuestionsAndDialogues : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "DialogueSessions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Description = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    AgencyId = table.Column<int>(type: "integer", nullable: false),
                    Guests = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    StartsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndsAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    VideoUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    State = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    TranscriptPublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DialogueSessions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DialogueSessions_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MailOutbox",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    To = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Subject = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    TextBody = table.Column<string>(type: "character varying(40000)", maxLength: 40000, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    NextAttemptAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    SentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    LastError = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailOutbox", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DialogueTopics",
                columns: table => new
                {
                    DialogueSessionId = table.Column<int>(type: "integer", nullable: false),
                    TopicsId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DialogueTopics", x => new { x.DialogueSessionId, x.TopicsId });
                    table.ForeignKey(
                        name: "FK_DialogueTopics_DialogueSessions_DialogueSessionId",
                        column: x => x.DialogueSessionId,
                        principalTable: "DialogueSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DialogueTopics_Topics_TopicsId",
                        column: x => x.TopicsId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Questions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Slug = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    Text = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    TopicId = table.Column<int>(type: "integer", nullable: false),
                    AudienceId = table.Column<int>(type: "integer", nullable: false),
                    AskerName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    AskerPlace = table.Column<string>(type: "character varying(150)", maxLength: 150, nullable: true),
                    AskerEmail = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EmailConsentAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    TrackingTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SenderKey = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Status = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    RejectionReason = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MergedIntoId = table.Column<int>(type: "integer", nullable: true),
                    AgencyId = table.Column<int>(type: "integer", nullable: true),
                    Answer = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: true),
                    AnswerIsPrivate = table.Column<bool>(type: "boolean", nullable: false),
                    AnsweredById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    AnsweredByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ReviewComment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    AskedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ScreenedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AssignedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    AnsweredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PublishedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DialogueSessionId = table.Column<int>(type: "integer", nullable: true),
                    SessionOrder = table.Column<int>(type: "integer", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Questions", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Questions_Agencies_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Agencies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Questions_AudienceGroups_AudienceId",
                        column: x => x.AudienceId,
                        principalTable: "AudienceGroups",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Questions_DialogueSessions_DialogueSessionId",
                        column: x => x.DialogueSessionId,
                        principalTable: "DialogueSessions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Questions_Questions_MergedIntoId",
                        column: x => x.MergedIntoId,
                        principalTable: "Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Questions_Topics_TopicId",
                        column: x => x.TopicId,
                        principalTable: "Topics",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AnswerCitations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    LegalDocumentId = table.Column<int>(type: "integer", nullable: false),
                    Provision = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Position = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AnswerCitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AnswerCitations_LegalDocuments_LegalDocumentId",
                        column: x => x.LegalDocumentId,
                        principalTable: "LegalDocuments",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AnswerCitations_Questions_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Questions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AnswerCitations_LegalDocumentId",
                table: "AnswerCitations",
                column: "LegalDocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_AnswerCitations_QuestionId",
                table: "AnswerCitations",
                column: "QuestionId");

            migrationBuilder.CreateIndex(
                name: "IX_DialogueSessions_AgencyId",
                table: "DialogueSessions",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_DialogueSessions_Slug",
                table: "DialogueSessions",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_DialogueSessions_State_StartsAt",
                table: "DialogueSessions",
                columns: new[] { "State", "StartsAt" });

            migrationBuilder.CreateIndex(
                name: "IX_DialogueTopics_TopicsId",
                table: "DialogueTopics",
                column: "TopicsId");

            migrationBuilder.CreateIndex(
                name: "IX_MailOutbox_NextAttemptAt",
                table: "MailOutbox",
                column: "NextAttemptAt");

            migrationBuilder.CreateIndex(
                name: "IX_Questions_AgencyId_Status_AskedAt",
                table: "Questions",
                columns: new[] { "AgencyId", "Status", "AskedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Questions_AudienceId",
                table: "Questions",
                column: "AudienceId");

            migrationBuilder.CreateIndex(
                name: "IX_Questions_DialogueSessionId_SessionOrder",
                table: "Questions",
                columns: new[] { "DialogueSessionId", "SessionOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_Questions_MergedIntoId",
                table: "Questions",
                column: "MergedIntoId");

            migrationBuilder.CreateIndex(
                name: "IX_Questions_SenderKey_AskedAt",
                table: "Questions",
                columns: new[] { "SenderKey", "AskedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Questions_Slug",
                table: "Questions",
                column: "Slug",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Questions_Status_AskedAt",
                table: "Questions",
                columns: new[] { "Status", "AskedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Questions_Status_PublishedAt",
                table: "Questions",
                columns: new[] { "Status", "PublishedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Questions_TopicId",
                table: "Questions",
                column: "TopicId");

            migrationBuilder.CreateIndex(
                name: "IX_Questions_TrackingTokenHash",
                table: "Questions",
                column: "TrackingTokenHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AnswerCitations");

            migrationBuilder.DropTable(
                name: "DialogueTopics");

            migrationBuilder.DropTable(
                name: "MailOutbox");

            migrationBuilder.DropTable(
                name: "Questions");

            migrationBuilder.DropTable(
                name: "DialogueSessions");
        }
    }
}

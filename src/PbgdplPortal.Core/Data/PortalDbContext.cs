using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Contests;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Mail;
using PbgdplPortal.Media;
using PbgdplPortal.Questions;
using PbgdplPortal.Quizzes;
using PbgdplPortal.Security;

namespace PbgdplPortal.Data;

/// <summary>
/// The portal's database. One model, two providers: <see cref="SqlitePortalDbContext"/> (the embedded
/// default) and <see cref="PostgresPortalDbContext"/>, each with its own migrations.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : IdentityDbContext<PortalUser, IdentityRole, string>(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<AudienceGroup> AudienceGroups => Set<AudienceGroup>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleCitation> ArticleCitations => Set<ArticleCitation>();
    public DbSet<LegalDocument> LegalDocuments => Set<LegalDocument>();
    public DbSet<DocumentRelation> DocumentRelations => Set<DocumentRelation>();
    public DbSet<ReviewFlag> ReviewFlags => Set<ReviewFlag>();
    public DbSet<ContentChange> ContentChanges => Set<ContentChange>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<MediaAsset> MediaAssets => Set<MediaAsset>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<Quiz> Quizzes => Set<Quiz>();
    public DbSet<QuizQuestion> QuizQuestions => Set<QuizQuestion>();
    public DbSet<QuizOption> QuizOptions => Set<QuizOption>();
    public DbSet<QuizQuestionCitation> QuizQuestionCitations => Set<QuizQuestionCitation>();
    public DbSet<Contest> Contests => Set<Contest>();
    public DbSet<ContestRound> ContestRounds => Set<ContestRound>();
    public DbSet<Entrant> Entrants => Set<Entrant>();
    public DbSet<Attempt> Attempts => Set<Attempt>();
    public DbSet<Question> Questions => Set<Question>();
    public DbSet<QuestionSlugAlias> QuestionSlugAliases => Set<QuestionSlugAlias>();
    public DbSet<AnswerCitation> AnswerCitations => Set<AnswerCitation>();
    public DbSet<DialogueSession> DialogueSessions => Set<DialogueSession>();
    public DbSet<OutgoingMail> OutgoingMails => Set<OutgoingMail>();
    public DbSet<PortalSecret> PortalSecrets => Set<PortalSecret>();
    public DbSet<AddressCount> AddressCounts => Set<AddressCount>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so that both databases read the same and survive reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        ConfigureTerm(builder.Entity<Agency>());
        builder.Entity<Agency>(e => e.HasOne(a => a.MergedInto).WithMany().HasForeignKey(a => a.MergedIntoId).OnDelete(DeleteBehavior.Restrict));
        ConfigureTerm(builder.Entity<Topic>());
        ConfigureTerm(builder.Entity<AudienceGroup>());
        builder.Entity<Article>(e =>
        {
            e.HasIndex(a => a.Slug).IsUnique();
            e.HasIndex(a => new { a.Status, a.PublishedAt });
            e.HasIndex(a => new { a.AgencyId, a.PublishedAt });
            e.HasIndex(a => a.UpdatedAt);
            e.HasIndex(a => new { a.AgencyId, a.Status, a.UpdatedAt });
            e.Property(a => a.Slug).HasMaxLength(200);
            e.Property(a => a.Title).HasMaxLength(500);
            e.Property(a => a.Summary).HasMaxLength(2000);
            e.Property(a => a.ReviewComment).HasMaxLength(2000);
            e.Property(a => a.CreatedById).HasMaxLength(450);
            e.Property(a => a.UpdatedById).HasMaxLength(450);
            e.Property(a => a.Version).IsConcurrencyToken();
            e.HasOne(a => a.FeaturedImage).WithMany().HasForeignKey(a => a.FeaturedImageId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(a => a.Agency).WithMany(g => g.Articles).HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Topics).WithMany(t => t.Articles).UsingEntity("ArticleTopics");
            e.HasMany(a => a.Audiences).WithMany(t => t.Articles).UsingEntity("ArticleAudiences");
            e.HasMany(a => a.Citations).WithOne(c => c.Article).HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ArticleCitation>(e =>
        {
            e.Property(c => c.Provision).HasMaxLength(300);
            e.HasOne(c => c.LegalDocument).WithMany(d => d.CitedBy).HasForeignKey(c => c.LegalDocumentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => c.LegalDocumentId);
        });
        builder.Entity<LegalDocument>(e =>
        {
            e.HasIndex(d => d.Slug).IsUnique();
            e.HasIndex(d => d.NumberKey).IsUnique();
            e.Property(d => d.Slug).HasMaxLength(200);
            e.Property(d => d.Number).HasMaxLength(100);
            e.Property(d => d.NumberKey).HasMaxLength(100);
            e.Property(d => d.Type).HasMaxLength(100);
            e.Property(d => d.Title).HasMaxLength(1000);
            e.Property(d => d.Issuer).HasMaxLength(300);
            e.Property(d => d.Signer).HasMaxLength(200);
            e.Property(d => d.SourceUrl).HasMaxLength(LegalDocumentLimits.MaxSourceUrlLength);
            e.Property(d => d.ReviewComment).HasMaxLength(2000);
            e.Property(d => d.CreatedById).HasMaxLength(450);
            e.Property(d => d.UpdatedById).HasMaxLength(450);
            e.Property(d => d.Version).IsConcurrencyToken();
            e.HasIndex(d => new { d.Publication, d.PublishedAt });
            e.HasIndex(d => d.UpdatedAt);
            e.HasOne(d => d.Agency).WithMany().HasForeignKey(d => d.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(d => d.Relations).WithOne(r => r.FromDocument).HasForeignKey(r => r.FromDocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<DocumentRelation>(e =>
        {
            e.Property(r => r.TargetNumber).HasMaxLength(100);
            e.Property(r => r.TargetNumberKey).HasMaxLength(100);
            e.HasIndex(r => r.TargetNumberKey);
            e.Property(r => r.Provisions).HasMaxLength(1000);
        });
        builder.Entity<ReviewFlag>(e =>
        {
            e.Property(f => f.ChangeKey).HasMaxLength(200);
            e.Property(f => f.CitedProvision).HasMaxLength(300);
            e.Property(f => f.ChangedProvisions).HasMaxLength(1000);
            e.Property(f => f.Reason).HasMaxLength(1000);
            e.Property(f => f.ClearedById).HasMaxLength(450);
            e.Property(f => f.ClearedByName).HasMaxLength(200);
            e.Property(f => f.ClearNote).HasMaxLength(LegalBasisWatch.MaxNoteLength);
            e.HasIndex(f => new { f.ItemType, f.ItemId, f.ChangeKey }).IsUnique();
            e.HasIndex(f => new { f.ClearedAt, f.AgencyId });
            e.HasOne(f => f.CitedDocument).WithMany().HasForeignKey(f => f.CitedDocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(f => f.ChangingDocument).WithMany().HasForeignKey(f => f.ChangingDocumentId).OnDelete(DeleteBehavior.SetNull);
        });
        builder.Entity<DataProtectionKey>(e => e.Property(k => k.FriendlyName).HasMaxLength(200));
        builder.Entity<PortalSecret>(e =>
        {
            e.HasKey(s => s.Name);
            e.Property(s => s.Name).HasMaxLength(64);
        });
        builder.Entity<AddressCount>(e =>
        {
            // Leading with the limit and the window lets one range delete clear a limit's old windows.
            e.HasKey(c => new { c.Limit, c.WindowStart, c.AddressKey });
            e.Property(c => c.Limit).HasMaxLength(40);
            e.Property(c => c.AddressKey).HasMaxLength(64);
        });
        ConfigureQuizzes(builder);
        ConfigureQuestions(builder);
        builder.Entity<PortalUser>(e =>
        {
            e.Property(u => u.FullName).HasMaxLength(200);
            e.HasOne(u => u.Agency).WithMany().HasForeignKey(u => u.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Revision>(e =>
        {
            e.HasIndex(r => new { r.ContentType, r.ContentId, r.Number }).IsUnique();
            e.Property(r => r.ContentType).HasMaxLength(20);
            e.Property(r => r.Title).HasMaxLength(1000);
            e.Property(r => r.Summary).HasMaxLength(2000);
            e.Property(r => r.Note).HasMaxLength(2100);
            e.Property(r => r.AuthorId).HasMaxLength(450);
            e.Property(r => r.AuthorName).HasMaxLength(256);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.HasIndex(a => a.At);
            e.HasIndex(a => new { a.UserId, a.At });
            e.HasIndex(a => new { a.Action, a.At });
            e.Property(a => a.UserId).HasMaxLength(450);
            e.Property(a => a.UserName).HasMaxLength(256);
            e.Property(a => a.Action).HasMaxLength(50);
            e.Property(a => a.Target).HasMaxLength(300);
            e.Property(a => a.Detail).HasMaxLength(2000);
            e.Property(a => a.Address).HasMaxLength(64);
        });
        builder.Entity<MediaAsset>(e =>
        {
            e.HasIndex(m => new { m.AgencyId, m.UploadedAt });
            e.HasIndex(m => m.UploadedAt);
            e.HasIndex(m => m.StorageKey);
            e.Property(m => m.StorageKey).HasMaxLength(MediaKey.MaxLength);
            e.Property(m => m.FileName).HasMaxLength(255);
            e.Property(m => m.ContentType).HasMaxLength(100);
            e.Property(m => m.AltText).HasMaxLength(ImageAltText.MaxLength);
            e.Property(m => m.Title).HasMaxLength(300);
            e.Property(m => m.UploadedById).HasMaxLength(450);
            e.HasOne(m => m.Agency).WithMany().HasForeignKey(m => m.AgencyId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Attachment>(e =>
        {
            e.HasOne(a => a.Article).WithMany(a => a.Attachments).HasForeignKey(a => a.ArticleId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(a => a.LegalDocument).WithMany(d => d.Attachments).HasForeignKey(a => a.LegalDocumentId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne(a => a.MediaAsset).WithMany().HasForeignKey(a => a.MediaAssetId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<ContentChange>(e =>
        {
            e.HasIndex(c => c.ChangedAt);
            e.Property(c => c.EntityType).HasMaxLength(50);
            e.Property(c => c.EntityKey).HasMaxLength(200);
        });
    }

    private static void ConfigureQuizzes(ModelBuilder builder)
    {
        builder.Entity<Quiz>(e =>
        {
            e.HasIndex(q => q.Slug).IsUnique();
            e.HasIndex(q => new { q.Status, q.PublishedAt });
            e.Property(q => q.Slug).HasMaxLength(200);
            e.Property(q => q.Title).HasMaxLength(500);
            e.Property(q => q.Description).HasMaxLength(4000);
            e.Property(q => q.Version).IsConcurrencyToken();
            e.Property(q => q.ReviewComment).HasMaxLength(2000);
            e.Property(q => q.CreatedById).HasMaxLength(450);
            e.Property(q => q.UpdatedById).HasMaxLength(450);
            e.HasOne(q => q.Agency).WithMany().HasForeignKey(q => q.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(q => q.Topics).WithMany().UsingEntity("QuizTopics");
            e.HasMany(q => q.Audiences).WithMany().UsingEntity("QuizAudiences");
            e.HasMany(q => q.Questions).WithOne(x => x.Quiz).HasForeignKey(x => x.QuizId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<QuizQuestion>(e =>
        {
            e.HasIndex(x => new { x.QuizId, x.Key }).IsUnique();
            e.Property(x => x.Key).HasMaxLength(100);
            e.Property(x => x.Text).HasMaxLength(4000);
            e.Property(x => x.Explanation).HasMaxLength(8000);
            e.HasMany(x => x.Options).WithOne(o => o.Question).HasForeignKey(o => o.QuestionId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(x => x.Citations).WithOne(c => c.Question).HasForeignKey(c => c.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<QuizOption>(e => e.Property(o => o.Text).HasMaxLength(1000));
        builder.Entity<QuizQuestionCitation>(e =>
        {
            e.ToTable("QuestionCitations");
            e.Property(c => c.Provision).HasMaxLength(300);
            e.HasOne(c => c.LegalDocument).WithMany().HasForeignKey(c => c.LegalDocumentId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Contest>(e =>
        {
            e.HasIndex(c => c.Slug).IsUnique();
            e.Property(c => c.Slug).HasMaxLength(200);
            e.Property(c => c.Title).HasMaxLength(500);
            e.Property(c => c.Description).HasMaxLength(20000);
            e.Property(c => c.RankingOrder).HasMaxLength(100);
            e.HasOne(c => c.Agency).WithMany().HasForeignKey(c => c.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Rounds).WithOne(r => r.Contest).HasForeignKey(r => r.ContestId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ContestRound>(e =>
        {
            e.HasIndex(r => new { r.ContestId, r.Number }).IsUnique();
            e.Property(r => r.Title).HasMaxLength(500);
            e.Property(r => r.Theme).HasMaxLength(2000);
            e.HasOne(r => r.Quiz).WithMany().HasForeignKey(r => r.QuizId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Entrant>(e =>
        {
            e.HasIndex(x => x.Phone).IsUnique();
            e.Property(x => x.Phone).HasMaxLength(20);
            e.Property(x => x.PasswordHash).HasMaxLength(200);
            e.Property(x => x.FullName).HasMaxLength(200);
            e.Property(x => x.IdNumber).HasMaxLength(20);
            e.Property(x => x.Email).HasMaxLength(256);
            e.Property(x => x.ConsentVersion).HasMaxLength(50);
            e.HasOne(x => x.Unit).WithMany().HasForeignKey(x => x.UnitId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<Attempt>(e =>
        {
            // The unique number per entrant and round makes the attempt limit hold under parallel starts.
            e.HasIndex(a => new { a.RoundId, a.EntrantId, a.Number }).IsUnique();
            e.HasIndex(a => new { a.RoundId, a.SubmittedAt });
            e.Property(a => a.Paper).HasMaxLength(8000);
            e.Property(a => a.Answers).HasMaxLength(8000);
            e.Property(a => a.DisqualifiedReason).HasMaxLength(1000);
            e.HasOne(a => a.Round).WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(a => a.Entrant).WithMany().HasForeignKey(a => a.EntrantId).OnDelete(DeleteBehavior.Cascade);
        });
    }

    private static void ConfigureQuestions(ModelBuilder builder)
    {
        builder.Entity<Question>(e =>
        {
            e.HasIndex(q => q.Slug).IsUnique();
            e.HasIndex(q => q.TrackingTokenHash).IsUnique();
            e.HasIndex(q => new { q.Status, q.AskedAt });
            e.HasIndex(q => new { q.AgencyId, q.Status, q.AskedAt });
            e.HasIndex(q => new { q.Status, q.PublishedAt });
            e.HasIndex(q => new { q.DialogueSessionId, q.SessionOrder });
            e.HasIndex(q => new { q.SenderKey, q.AskedAt });
            e.Property(q => q.SenderKey).HasMaxLength(64);
            e.Property(q => q.Slug).HasMaxLength(200);
            e.Property(q => q.Title).HasMaxLength(QuestionLimits.TitleLength);
            e.Property(q => q.Text).HasMaxLength(QuestionLimits.TextLength);
            e.Property(q => q.PublicText).HasMaxLength(QuestionLimits.TextLength);
            e.Property(q => q.AskerPhoneKey).HasMaxLength(64);
            e.Property(q => q.AskerName).HasMaxLength(QuestionLimits.NameLength);
            e.Property(q => q.AskerPlace).HasMaxLength(QuestionLimits.PlaceLength);
            e.Property(q => q.AskerEmail).HasMaxLength(QuestionLimits.EmailLength);
            e.Property(q => q.TrackingTokenHash).HasMaxLength(64);
            e.Property(q => q.RejectionReason).HasMaxLength(QuestionLimits.ReasonLength);
            e.Property(q => q.Answer).HasMaxLength(QuestionLimits.AnswerLength);
            e.Property(q => q.AnsweredById).HasMaxLength(450);
            e.Property(q => q.AnsweredByName).HasMaxLength(256);
            e.Property(q => q.ReviewedById).HasMaxLength(450);
            e.Property(q => q.ReviewComment).HasMaxLength(QuestionLimits.ReasonLength);
            e.Property(q => q.Version).IsConcurrencyToken();
            e.HasOne(q => q.Topic).WithMany().HasForeignKey(q => q.TopicId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(q => q.Audience).WithMany().HasForeignKey(q => q.AudienceId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(q => q.Agency).WithMany().HasForeignKey(q => q.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(q => q.MergedInto).WithMany().HasForeignKey(q => q.MergedIntoId).OnDelete(DeleteBehavior.Restrict);
            e.HasOne(q => q.DialogueSession).WithMany(s => s.Questions).HasForeignKey(q => q.DialogueSessionId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(q => q.Citations).WithOne(c => c.Question).HasForeignKey(c => c.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<QuestionSlugAlias>(e =>
        {
            e.Property(a => a.Slug).HasMaxLength(200);
            e.HasIndex(a => a.Slug).IsUnique();
            e.HasOne(a => a.Question).WithMany().HasForeignKey(a => a.QuestionId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<AnswerCitation>(e =>
        {
            e.Property(c => c.Provision).HasMaxLength(300);
            e.HasOne(c => c.LegalDocument).WithMany().HasForeignKey(c => c.LegalDocumentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => c.LegalDocumentId);
        });
        builder.Entity<DialogueSession>(e =>
        {
            e.HasIndex(s => s.Slug).IsUnique();
            e.HasIndex(s => new { s.State, s.StartsAt });
            e.Property(s => s.Slug).HasMaxLength(200);
            e.Property(s => s.Title).HasMaxLength(500);
            e.Property(s => s.Description).HasMaxLength(20000);
            e.Property(s => s.Guests).HasMaxLength(4000);
            e.Property(s => s.VideoUrl).HasMaxLength(1000);
            e.Property(s => s.Version).IsConcurrencyToken();
            e.HasOne(s => s.Agency).WithMany().HasForeignKey(s => s.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(s => s.Topics).WithMany().UsingEntity("DialogueTopics");
        });
        builder.Entity<OutgoingMail>(e =>
        {
            e.ToTable("MailOutbox");
            e.HasIndex(m => m.NextAttemptAt);
            e.Property(m => m.To).HasMaxLength(QuestionLimits.EmailLength);
            e.Property(m => m.Subject).HasMaxLength(500);
            e.Property(m => m.TextBody).HasMaxLength(40000);
            e.Property(m => m.LastError).HasMaxLength(2000);
        });
    }

    private static void ConfigureTerm<T>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<T> e) where T : class, ITaxonomyTerm
    {
        e.HasIndex(t => t.Slug).IsUnique();
        e.Property(t => t.Slug).HasMaxLength(200);
        e.Property(t => t.Name).HasMaxLength(300);
        e.Property(t => t.Description).HasMaxLength(2000);
    }

    /// <summary>Appends a row to the change journal; saved with the caller's other changes.</summary>
    public void RecordChange(string entityType, string entityKey, DateTime now) =>
        ContentChanges.Add(new ContentChange { EntityType = entityType, EntityKey = entityKey, ChangedAt = now });
}

public sealed class SqlitePortalDbContext(DbContextOptions<SqlitePortalDbContext> options) : PortalDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite keeps no time zone: every DateTime the portal writes is UTC, so read it back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : v,
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

public sealed class PostgresPortalDbContext(DbContextOptions<PostgresPortalDbContext> options) : PortalDbContext(options);

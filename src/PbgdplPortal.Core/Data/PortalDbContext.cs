using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using PbgdplPortal.Content;

namespace PbgdplPortal.Data;

/// <summary>
/// The portal's database. One model, two providers: <see cref="SqlitePortalDbContext"/> (the embedded
/// default) and <see cref="PostgresPortalDbContext"/>, each with its own migrations.
/// </summary>
public abstract class PortalDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<Agency> Agencies => Set<Agency>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<AudienceGroup> AudienceGroups => Set<AudienceGroup>();
    public DbSet<Article> Articles => Set<Article>();
    public DbSet<ArticleCitation> ArticleCitations => Set<ArticleCitation>();
    public DbSet<LegalDocument> LegalDocuments => Set<LegalDocument>();
    public DbSet<DocumentRelation> DocumentRelations => Set<DocumentRelation>();
    public DbSet<ContentChange> ContentChanges => Set<ContentChange>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name so that both databases read the same and survive reordering.
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ConfigureTerm(modelBuilder.Entity<Agency>());
        ConfigureTerm(modelBuilder.Entity<Topic>());
        ConfigureTerm(modelBuilder.Entity<AudienceGroup>());
        modelBuilder.Entity<Article>(e =>
        {
            e.HasIndex(a => a.Slug).IsUnique();
            e.HasIndex(a => new { a.Status, a.PublishedAt });
            e.HasIndex(a => new { a.AgencyId, a.PublishedAt });
            e.Property(a => a.Slug).HasMaxLength(200);
            e.Property(a => a.Title).HasMaxLength(500);
            e.Property(a => a.Summary).HasMaxLength(2000);
            e.HasOne(a => a.Agency).WithMany(g => g.Articles).HasForeignKey(a => a.AgencyId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(a => a.Topics).WithMany(t => t.Articles).UsingEntity("ArticleTopics");
            e.HasMany(a => a.Audiences).WithMany(t => t.Articles).UsingEntity("ArticleAudiences");
            e.HasMany(a => a.Citations).WithOne(c => c.Article).HasForeignKey(c => c.ArticleId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ArticleCitation>(e =>
        {
            e.Property(c => c.Provision).HasMaxLength(300);
            e.HasOne(c => c.LegalDocument).WithMany(d => d.CitedBy).HasForeignKey(c => c.LegalDocumentId).OnDelete(DeleteBehavior.Restrict);
            e.HasIndex(c => c.LegalDocumentId);
        });
        modelBuilder.Entity<LegalDocument>(e =>
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
            e.HasMany(d => d.Relations).WithOne(r => r.FromDocument).HasForeignKey(r => r.FromDocumentId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DocumentRelation>(e =>
        {
            e.Property(r => r.TargetNumber).HasMaxLength(100);
            e.Property(r => r.TargetNumberKey).HasMaxLength(100);
            e.HasIndex(r => r.TargetNumberKey);
        });
        modelBuilder.Entity<DataProtectionKey>(e => e.Property(k => k.FriendlyName).HasMaxLength(200));
        modelBuilder.Entity<ContentChange>(e =>
        {
            e.HasIndex(c => c.ChangedAt);
            e.Property(c => c.EntityType).HasMaxLength(50);
            e.Property(c => c.EntityKey).HasMaxLength(200);
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

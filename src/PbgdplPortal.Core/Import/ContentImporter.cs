using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Contests;
using PbgdplPortal.Data;
using PbgdplPortal.Quizzes;
using PbgdplPortal.Text;
using YamlDotNet.RepresentationModel;

namespace PbgdplPortal.Import;

/// <summary>The outcome of an import: either problems (and nothing written) or counts of what changed.</summary>
public sealed class ImportResult
{
    public List<ImportProblem> Problems { get; } = [];
    public bool Succeeded => Problems.Count == 0;
    public int Created { get; internal set; }
    public int Updated { get; internal set; }
    public int Unchanged { get; internal set; }
}

/// <summary>
/// Imports a content folder (taxonomy, documents, articles, quizzes, contests; see docs/content-format.md).
/// Validates everything first, then writes everything in one transaction, upserting by slug.
/// </summary>
public sealed partial class ContentImporter(PortalDbContext db, TimeProvider time)
{
    private sealed record TaxonomyEntry(string File, int Line, string Slug, string Name, string? Description, AgencyKind Kind);

    private sealed record RelationEntry(DocumentRelationKind Kind, string Target, string? Provisions);

    private sealed record DocumentEntry(string File, int Line, string Slug, string Number, string Type, string Title, string Issuer,
        string? Signer, DateOnly Issued, DateOnly? Effective, DateOnly? Expires, ValidityStatus Status, bool IsSample,
        List<RelationEntry> Relations, string Body)
    {
        public string? SourceUrl { get; init; }
    }

    private sealed record CitationEntry(string NumberKey, string? Provision);

    private sealed record Reference(string Slug, int Line);

    private sealed record ArticleEntry(string File, int Line, string Slug, string Title, string? Summary, List<Reference> Topics,
        List<Reference> Audiences, Reference Agency, DateTime Published, DateTime? Unpublish, PublicationStatus Status, bool IsSample,
        List<CitationEntry> Cites, string Body)
    {
        /// <summary>When the content was last checked against the law (its publication when not given).</summary>
        public DateTime? Reviewed { get; init; }
    }

    public async Task<ImportResult> ImportAsync(string directory, CancellationToken cancellationToken = default)
    {
        var result = new ImportResult();
        var problems = result.Problems;
        if (!Directory.Exists(directory))
        {
            problems.Add(new ImportProblem(directory, 0, "thư mục không tồn tại"));
            return result;
        }
        var root = Path.GetFullPath(directory);
        var topics = ReadTaxonomy(root, "taxonomy/topics.yml", withKind: false, problems);
        var audiences = ReadTaxonomy(root, "taxonomy/audiences.yml", withKind: false, problems);
        var agencies = ReadTaxonomy(root, "taxonomy/agencies.yml", withKind: true, problems);
        var documents = ReadFiles(root, "documents", problems, ReadDocument);
        RejectDuplicates(topics, t => t.Slug, t => (t.File, t.Line), "chủ đề", problems);
        RejectDuplicates(audiences, t => t.Slug, t => (t.File, t.Line), "đối tượng", problems);
        RejectDuplicates(agencies, t => t.Slug, t => (t.File, t.Line), "cơ quan", problems);
        RejectDuplicates(documents, d => d.Slug, d => (d.File, d.Line), "văn bản", problems);
        RejectDuplicates(documents, d => DocumentNumbers.Key(d.Number), d => (d.File, d.Line), "số hiệu văn bản", problems);

        // References may point into this import or at what the database already holds.
        var known = new KnownItems(
            await KnownSlugs(db.Topics.Select(t => t.Slug), topics.Select(t => t.Slug), cancellationToken),
            await KnownSlugs(db.AudienceGroups.Select(t => t.Slug), audiences.Select(t => t.Slug), cancellationToken),
            await KnownSlugs(db.Agencies.Select(t => t.Slug), agencies.Select(t => t.Slug), cancellationToken),
            await KnownSlugs(db.LegalDocuments.Select(d => d.NumberKey), documents.Select(d => DocumentNumbers.Key(d.Number)), cancellationToken));
        var existingDocuments = await db.LegalDocuments.Select(d => new { d.NumberKey, d.Slug }).ToListAsync(cancellationToken);
        foreach (var document in documents)
        {
            var key = DocumentNumbers.Key(document.Number);
            if (existingDocuments.FirstOrDefault(d => d.NumberKey == key && d.Slug != document.Slug) is { } other)
            {
                problems.Add(new ImportProblem(document.File, document.Line, $"số hiệu '{document.Number}' đã thuộc về văn bản '{other.Slug}' trong cơ sở dữ liệu"));
            }
        }
        var articles = ReadFiles(root, "articles", problems, (record, body) => ReadArticle(record, body, known));
        RejectDuplicates(articles, a => a.Slug, a => (a.File, a.Line), "bài viết", problems);
        var quizzes = ReadYamlFiles(root, "quizzes", problems, r => ReadQuiz(r, known));
        RejectDuplicates(quizzes, q => q.Slug, q => (q.File, q.Line), "bộ câu hỏi", problems);
        var quizSizes = await db.Quizzes.Select(q => new { q.Slug, Count = q.Questions.Count }).ToDictionaryAsync(q => q.Slug, q => q.Count, cancellationToken);
        foreach (var quiz in quizzes)
        {
            // Counted as written, so one broken question is reported once, not again by every round using the quiz.
            quizSizes[quiz.Slug] = quiz.DeclaredQuestions;
        }
        var contests = ReadYamlFiles(root, "contests", problems, r => ReadContest(r, known, quizSizes));
        RejectDuplicates(contests, c => c.Slug, c => (c.File, c.Line), "cuộc thi", problems);
        if (problems.Count > 0)
        {
            problems.Sort((a, b) => (a.File, a.Line).CompareTo((b.File, b.Line)));
            return result;
        }

        var strategy = db.Database.CreateExecutionStrategy();
        await strategy.ExecuteAsync(async () =>
        {
            result.Created = result.Updated = result.Unchanged = 0;
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var now = time.GetUtcNow().UtcDateTime;
            await UpsertTaxonomy(db.Topics, topics, e => new Topic { Slug = e.Slug, Name = e.Name }, null, result, now, cancellationToken);
            await UpsertTaxonomy(db.AudienceGroups, audiences, e => new AudienceGroup { Slug = e.Slug, Name = e.Name }, null, result, now, cancellationToken);
            await UpsertTaxonomy(db.Agencies, agencies, e => new Agency { Slug = e.Slug, Name = e.Name }, (agency, e) => agency.Kind = e.Kind, result, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await UpsertDocuments(documents, result, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            var revised = await UpsertArticles(articles, result, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            // An article the import rewrites is reviewed by it: the flags it had are cleared, as by an approved edit.
            await new LegalBasisWatch(db, time).ClearAfterApprovedEdit(ReviewItemType.Article, revised, AuditActor.System, "import", cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await UpsertQuizzes(quizzes, result, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await UpsertContests(contests, result, now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        });
        db.ChangeTracker.Clear();
        // A relation that arrived and is in force flags the items citing what it changed now, not at the watch's next round.
        await new LegalBasisWatch(db, time).RunAsync(cancellationToken);
        return result;
    }

    private static async Task<HashSet<string>> KnownSlugs(IQueryable<string> existing, IEnumerable<string> imported, CancellationToken cancellationToken) =>
        (await existing.ToListAsync(cancellationToken)).Concat(imported).ToHashSet();

    /// <summary>What references may point at: the slugs and document numbers of the import and the database.</summary>
    private sealed record KnownItems(HashSet<string> Topics, HashSet<string> Audiences, HashSet<string> Agencies, HashSet<string> DocumentKeys);

    private static void CheckReferences(YamlRecord record, IEnumerable<Reference> references, HashSet<string> known, string what)
    {
        foreach (var reference in references.Where(r => !known.Contains(r.Slug)))
        {
            record.Problem(reference.Line, $"{what} không tồn tại: '{reference.Slug}'");
        }
    }

    private static void RejectDuplicates<T>(List<T> items, Func<T, string> key, Func<T, (string File, int Line)> where, string what, List<ImportProblem> problems)
    {
        foreach (var group in items.GroupBy(key).Where(g => g.Count() > 1))
        {
            var first = where(group.First());
            foreach (var item in group.Skip(1))
            {
                var (file, line) = where(item);
                problems.Add(new ImportProblem(file, line, $"{what} trùng '{group.Key}' (đã có ở {first.File}:{first.Line})"));
            }
        }
    }

    private static string RelativeName(string root, string path) => Path.GetRelativePath(root, path).Replace('\\', '/');

    private static List<TaxonomyEntry> ReadTaxonomy(string root, string relative, bool withKind, List<ImportProblem> problems)
    {
        var path = Path.Combine(root, relative);
        var entries = new List<TaxonomyEntry>();
        if (!File.Exists(path))
        {
            return entries;
        }
        var node = YamlFiles.Parse(relative, File.ReadAllText(path), 0, problems);
        if (node is null || node is YamlScalarNode { Value: null or "" })
        {
            return entries;
        }
        if (node is not YamlSequenceNode sequence)
        {
            problems.Add(new ImportProblem(relative, (int)node.Start.Line, "tệp phải là một danh sách các mục"));
            return entries;
        }
        foreach (var item in sequence)
        {
            if (item is not YamlMappingNode map)
            {
                problems.Add(new ImportProblem(relative, (int)item.Start.Line, "mỗi mục phải có dạng 'khóa: giá trị'"));
                continue;
            }
            var record = new YamlRecord(relative, map, 0, problems);
            var name = record.Text("name", required: true, maxLength: 300);
            var slug = ReadSlug(record, name);
            var description = record.Text("description", maxLength: 2000);
            var kind = AgencyKind.Other;
            if (withKind)
            {
                var code = record.Text("kind", required: true);
                if (code is not null && !AgencyKinds.ByCode.TryGetValue(code, out kind))
                {
                    record.Problem(record.LineOfField("kind"), $"loại cơ quan không hợp lệ '{code}' (chọn một trong: {string.Join(", ", AgencyKinds.ByCode.Keys)})");
                }
            }
            record.RejectUnknownFields();
            if (name is not null && slug is not null)
            {
                entries.Add(new TaxonomyEntry(relative, record.Line, slug, name, description, kind));
            }
        }
        return entries;
    }

    private static string? ReadSlug(YamlRecord record, string? title)
    {
        var explicitSlug = record.Text("slug");
        if (explicitSlug is not null)
        {
            if (Slug.IsValid(explicitSlug))
            {
                return explicitSlug;
            }
            record.Problem(record.LineOfField("slug"), $"slug không hợp lệ '{explicitSlug}' (chỉ gồm chữ thường không dấu, chữ số và dấu '-', ví dụ '{Slug.From(explicitSlug)}')");
            return null;
        }
        if (title is null)
        {
            return null;
        }
        var derived = Slug.From(title);
        if (derived.Length == 0)
        {
            record.Problem(record.Line, "không tạo được slug từ tiêu đề; hãy ghi trường 'slug'");
            return null;
        }
        return derived;
    }

    private static List<T> ReadFiles<T>(string root, string folder, List<ImportProblem> problems, Func<YamlRecord, string, T?> read) where T : class
    {
        var path = Path.Combine(root, folder);
        var items = new List<T>();
        if (!Directory.Exists(path))
        {
            return items;
        }
        foreach (var file in Directory.EnumerateFiles(path, "*.md").Order(StringComparer.Ordinal))
        {
            var relative = RelativeName(root, file);
            var (header, body) = YamlFiles.ReadFrontMatter(relative, File.ReadAllText(file), problems);
            if (header is null)
            {
                continue;
            }
            var item = read(header, body);
            header.RejectUnknownFields();
            if (item is not null)
            {
                items.Add(item);
            }
        }
        return items;
    }

    private static DocumentEntry? ReadDocument(YamlRecord r, string body)
    {
        var number = r.Text("number", required: true, maxLength: 100);
        if (number is not null && !DocumentNumbers.IsNumber(number))
        {
            r.Problem(r.LineOfField("number"), $"số hiệu không hợp lệ '{number}' (ví dụ: 52/2014/QH13, 100/2019/NĐ-CP, 138/KH-UBND)");
            number = null;
        }
        var type = r.Text("type", required: true, maxLength: 100);
        var title = r.Text("title", required: true, maxLength: 1000);
        var issuer = r.Text("issuer", required: true, maxLength: 300);
        var signer = r.Text("signer", maxLength: 200);
        var sourceUrl = r.Text("source_url");
        if (sourceUrl is not null && LegalDocumentLimits.SourceUrlProblem(sourceUrl) is { } sourceProblem)
        {
            r.Problem(r.LineOfField("source_url"), sourceProblem);
            sourceUrl = null;
        }
        var issued = r.Date("issued", required: true);
        var effective = r.Date("effective");
        var expires = r.Date("expires");
        var statusLabel = r.Text("status", required: true);
        var status = ValidityStatus.InForce;
        if (statusLabel is not null && !LegalVocabulary.StatusByLabel.TryGetValue(statusLabel, out status))
        {
            r.Problem(r.LineOfField("status"), $"tình trạng hiệu lực không hợp lệ '{statusLabel}' (chọn một trong: {string.Join(", ", LegalVocabulary.StatusByLabel.Keys)})");
            statusLabel = null;
        }
        var slug = ReadSlug(r, title);
        var sample = r.Flag("sample") ?? false;
        var relations = new List<RelationEntry>();
        foreach (var relation in r.Records("relations"))
        {
            var kindCode = relation.Text("kind", required: true);
            var target = relation.Text("target", required: true, maxLength: 100);
            var provisions = RelationProvisions.Normalize(string.Join("; ", relation.List("provisions").Select(p => p.Value)));
            if (RelationProvisions.Problem(provisions) is { } provisionProblem)
            {
                relation.Problem(relation.LineOfField("provisions"), provisionProblem);
            }
            relation.RejectUnknownFields();
            if (kindCode is not null && !LegalVocabulary.RelationByCode.TryGetValue(kindCode, out var kind))
            {
                relation.Problem(relation.LineOfField("kind"), $"loại quan hệ không hợp lệ '{kindCode}' (chọn một trong: {string.Join(", ", LegalVocabulary.RelationByCode.Keys)})");
                continue;
            }
            if (target is not null && !DocumentNumbers.IsNumber(target))
            {
                relation.Problem(relation.LineOfField("target"), $"số hiệu không hợp lệ '{target}'");
                continue;
            }
            if (kindCode is not null && target is not null)
            {
                relations.Add(new RelationEntry(LegalVocabulary.RelationByCode[kindCode], target, provisions));
            }
        }
        if (effective < issued)
        {
            r.Problem(r.LineOfField("effective"), "ngày hiệu lực không thể trước ngày ban hành");
        }
        if (number is null || type is null || title is null || issuer is null || issued is null || statusLabel is null || slug is null)
        {
            return null;
        }
        return new DocumentEntry(r.File, r.Line, slug, number, type, title, issuer, signer, issued.Value, effective, expires, status, sample, relations, body)
        {
            SourceUrl = sourceUrl,
        };
    }

    private static ArticleEntry? ReadArticle(YamlRecord r, string body, KnownItems known)
    {
        var title = r.Text("title", required: true, maxLength: 500);
        var slug = ReadSlug(r, title);
        var summary = r.Text("summary", maxLength: 2000);
        var topics = r.List("topics", required: true).Select(t => new Reference(t.Value, t.Line)).ToList();
        var audiences = r.List("audiences").Select(t => new Reference(t.Value, t.Line)).ToList();
        var agencySlug = r.Text("agency", required: true);
        var agency = agencySlug is null ? null : new Reference(agencySlug, r.LineOfField("agency"));
        var published = r.Moment("published", required: true);
        var unpublish = r.Moment("unpublish");
        var reviewed = r.Moment("reviewed");
        var statusText = r.Text("status") ?? "published";
        PublicationStatus? status = statusText switch
        {
            "published" => PublicationStatus.Published,
            "draft" => PublicationStatus.Draft,
            _ => null,
        };
        if (status is null)
        {
            r.Problem(r.LineOfField("status"), $"trạng thái không hợp lệ '{statusText}' (published hoặc draft)");
        }
        var sample = r.Flag("sample") ?? false;
        var cites = ReadCitations(r, known);
        CheckReferences(r, topics, known.Topics, "chủ đề");
        CheckReferences(r, audiences, known.Audiences, "đối tượng");
        CheckReferences(r, agency is null ? [] : [agency], known.Agencies, "cơ quan");
        if (unpublish <= published)
        {
            r.Problem(r.LineOfField("unpublish"), "ngày gỡ bài phải sau ngày đăng");
        }
        if (body.Length == 0)
        {
            r.Problem(r.Line, "bài viết chưa có nội dung");
            return null;
        }
        if (title is null || slug is null || topics.Count == 0 || agency is null || published is null || status is null)
        {
            return null;
        }
        return new ArticleEntry(r.File, r.Line, slug, title, summary, topics.DistinctBy(t => t.Slug).ToList(), audiences.DistinctBy(t => t.Slug).ToList(), agency,
            published.Value, unpublish, status.Value, sample, cites, body)
        {
            Reviewed = reviewed,
        };
    }

    /// <summary>The "cites" list: "52/2014/QH13 Điều 8" (number, then an optional provision), each held by the portal.</summary>
    private static List<CitationEntry> ReadCitations(YamlRecord r, KnownItems known)
    {
        var cites = new List<CitationEntry>();
        foreach (var (value, line) in r.List("cites"))
        {
            var space = value.IndexOf(' ', StringComparison.Ordinal);
            var number = space < 0 ? value : value[..space];
            var provision = space < 0 ? null : value[(space + 1)..].Trim();
            if (!DocumentNumbers.IsNumber(number))
            {
                r.Problem(line, $"trích dẫn không hợp lệ '{value}' (cần số hiệu văn bản, có thể kèm điều khoản: '52/2014/QH13 Điều 8')");
                continue;
            }
            if (provision?.Length > 300)
            {
                r.Problem(line, "điều khoản được trích dẫn dài quá 300 ký tự");
                continue;
            }
            if (!known.DocumentKeys.Contains(DocumentNumbers.Key(number)))
            {
                r.Problem(line, $"trích dẫn văn bản không có trong cổng thông tin: '{number}'");
                continue;
            }
            cites.Add(new CitationEntry(DocumentNumbers.Key(number), provision));
        }
        return cites;
    }

    private async Task UpsertTaxonomy<TEntity>(DbSet<TEntity> set, List<TaxonomyEntry> entries, Func<TaxonomyEntry, TEntity> create,
        Action<TEntity, TaxonomyEntry>? applyMore, ImportResult result, DateTime now, CancellationToken cancellationToken) where TEntity : class, ITaxonomyTerm
    {
        if (entries.Count == 0)
        {
            return;
        }
        var slugs = entries.Select(e => e.Slug).ToList();
        var existing = await set.Where(e => slugs.Contains(e.Slug)).ToDictionaryAsync(e => e.Slug, cancellationToken);
        var type = typeof(TEntity).Name;
        foreach (var entry in entries)
        {
            if (!existing.TryGetValue(entry.Slug, out var entity))
            {
                entity = create(entry);
                entity.Description = entry.Description;
                applyMore?.Invoke(entity, entry);
                set.Add(entity);
                Count(entity, isNew: true, childrenChanged: false, type, entry.Slug, result, now);
                continue;
            }
            entity.Name = entry.Name;
            entity.Description = entry.Description;
            applyMore?.Invoke(entity, entry);
            Count(entity, isNew: false, childrenChanged: false, type, entry.Slug, result, now);
        }
    }

    private async Task UpsertDocuments(List<DocumentEntry> entries, ImportResult result, DateTime now, CancellationToken cancellationToken)
    {
        var slugs = entries.Select(e => e.Slug).ToList();
        var existing = await db.LegalDocuments.Include(d => d.Relations).Where(d => slugs.Contains(d.Slug)).ToDictionaryAsync(d => d.Slug, cancellationToken);
        foreach (var e in entries)
        {
            var isNew = !existing.TryGetValue(e.Slug, out var document);
            document ??= new LegalDocument { Slug = e.Slug, Number = e.Number, NumberKey = "", Type = e.Type, Title = e.Title, Issuer = e.Issuer, Body = e.Body, CreatedAt = now, UpdatedAt = now,
                // Imported records are the portal's reference library: public from the moment they arrive.
                Publication = PublicationStatus.Published, PublishedAt = now };
            document.Number = e.Number;
            document.NumberKey = DocumentNumbers.Key(e.Number);
            document.Type = e.Type;
            document.Title = e.Title;
            document.Issuer = e.Issuer;
            document.Signer = e.Signer;
            document.SourceUrl = e.SourceUrl;
            document.IssuedOn = e.Issued;
            document.EffectiveOn = e.Effective;
            document.ExpiresOn = e.Expires;
            document.Status = e.Status;
            document.IsSample = e.IsSample;
            document.Body = e.Body;
            var wanted = e.Relations.Select(r => (r.Kind, Key: DocumentNumbers.Key(r.Target), r.Target, r.Provisions)).ToList();
            var relationsChanged = !document.Relations.Select(r => (r.Kind, Key: r.TargetNumberKey, Target: r.TargetNumber, r.Provisions)).SequenceEqual(wanted);
            if (relationsChanged)
            {
                document.Relations.Clear();
                document.Relations.AddRange(wanted.Select(w => new DocumentRelation { Kind = w.Kind, TargetNumber = w.Target, TargetNumberKey = w.Key, Provisions = w.Provisions }));
            }
            if (isNew)
            {
                db.LegalDocuments.Add(document);
            }
            Count(document, isNew, relationsChanged, "LegalDocument", e.Slug, result, now);
        }
    }

    /// <summary>Writes the articles; returns the ids of existing articles whose content changed.</summary>
    private async Task<List<int>> UpsertArticles(List<ArticleEntry> entries, ImportResult result, DateTime now, CancellationToken cancellationToken)
    {
        var revised = new List<Article>();
        var topicIds = await db.Topics.ToDictionaryAsync(t => t.Slug, cancellationToken);
        var audienceIds = await db.AudienceGroups.ToDictionaryAsync(t => t.Slug, cancellationToken);
        var agencyIds = await db.Agencies.ToDictionaryAsync(t => t.Slug, t => t.Id, cancellationToken);
        var documentIds = await db.LegalDocuments.ToDictionaryAsync(d => d.NumberKey, d => d.Id, cancellationToken);
        var slugs = entries.Select(e => e.Slug).ToList();
        var existing = await db.Articles
            .Include(a => a.Topics).Include(a => a.Audiences).Include(a => a.Citations)
            .Where(a => slugs.Contains(a.Slug))
            .ToDictionaryAsync(a => a.Slug, cancellationToken);
        foreach (var e in entries)
        {
            var isNew = !existing.TryGetValue(e.Slug, out var article);
            // A new article's content dates from its review, or its publication: the legal-basis watch flags it for changes in force after that.
            article ??= new Article { Slug = e.Slug, Title = e.Title, Body = e.Body, CreatedAt = now, UpdatedAt = e.Reviewed ?? e.Published };
            article.Title = e.Title;
            article.Summary = e.Summary;
            article.Body = e.Body;
            article.Status = e.Status;
            article.PublishedAt = e.Published;
            article.UnpublishAt = e.Unpublish;
            article.IsSample = e.IsSample;
            article.AgencyId = agencyIds[e.Agency.Slug];
            var changed = SyncSet(article.Topics, e.Topics.Select(r => topicIds[r.Slug]).ToList(), t => t.Id);
            changed |= SyncSet(article.Audiences, e.Audiences.Select(r => audienceIds[r.Slug]).ToList(), t => t.Id);
            var wanted = e.Cites.Select(c => (DocumentId: documentIds[c.NumberKey], c.Provision)).ToList();
            if (!article.Citations.OrderBy(c => c.Position).Select(c => (DocumentId: c.LegalDocumentId, c.Provision)).SequenceEqual(wanted))
            {
                changed = true;
                article.Citations.Clear();
                article.Citations.AddRange(wanted.Select((w, i) => new ArticleCitation { LegalDocumentId = w.DocumentId, Provision = w.Provision, Position = i }));
            }
            if (isNew)
            {
                db.Articles.Add(article);
            }
            Count(article, isNew, changed, "Article", e.Slug, result, now);
            if (!isNew && article.UpdatedAt == now)
            {
                revised.Add(article);
            }
        }
        return [.. revised.Select(a => a.Id)];
    }

    /// <summary>Makes a many-to-many collection hold exactly the wanted entities; true when it changed.</summary>
    private static bool SyncSet<T>(List<T> current, List<T> wanted, Func<T, int> id)
    {
        var currentIds = current.Select(id).ToHashSet();
        var wantedIds = wanted.Select(id).ToHashSet();
        if (currentIds.SetEquals(wantedIds))
        {
            return false;
        }
        current.RemoveAll(t => !wantedIds.Contains(id(t)));
        current.AddRange(wanted.Where(t => !currentIds.Contains(id(t))));
        return true;
    }

    private void Count(object entity, bool isNew, bool childrenChanged, string type, string slug, ImportResult result, DateTime now)
    {
        if (isNew)
        {
            // A new item's content dates from its publication, not from the import.
            result.Created++;
            db.RecordChange(type, slug, now);
            return;
        }
        else if (childrenChanged || db.Entry(entity).Properties.Any(p => p.IsModified))
        {
            result.Updated++;
        }
        else
        {
            result.Unchanged++;
            return;
        }
        switch (entity)
        {
            case Article a:
                a.UpdatedAt = now;
                a.Version++;
                break;
            case LegalDocument d:
                d.UpdatedAt = now;
                d.Version++;
                break;
            case Quiz q:
                q.UpdatedAt = now;
                q.Version++;
                break;
            case Contest c:
                c.UpdatedAt = now;
                break;
        }
        db.RecordChange(type, slug, now);
    }
}

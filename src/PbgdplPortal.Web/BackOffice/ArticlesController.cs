using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Editing;
using PbgdplPortal.Media;
using PbgdplPortal.Site;

namespace PbgdplPortal.Web.BackOffice;

public sealed class ArticleForm : ContentForm
{
    /// <summary>Topic slugs.</summary>
    public List<string> Topics { get; set; } = [];

    /// <summary>Audience group slugs.</summary>
    public List<string> Audiences { get; set; } = [];

    /// <summary>"số hiệu | điều khoản" lines.</summary>
    public string? Citations { get; set; }

    public int? FeaturedImageId { get; set; }

    public List<int> AttachmentIds { get; set; } = [];
}

public sealed record ArticleChoices(IReadOnlyList<Choice> Topics, IReadOnlyList<Choice> Audiences, IReadOnlyList<Choice> Images, IReadOnlyList<Choice> Files);

/// <summary>Articles in the back office: list, editor, workflow, revisions.</summary>
[Route("quan-tri/bai-viet")]
public sealed class ArticlesController(PortalDbContext db, TimeProvider clock, DocumentNumberIndex directory)
    : ContentEditorController<Article, ArticleForm, ArticleChoices>(db, clock, directory)
{
    private const int ChoiceLimit = 300;

    protected override string BasePath => "/quan-tri/bai-viet";
    protected override string KindLabel => "Bài viết";
    protected override string RevisionType => RevisionContentTypes.Article;

    [HttpGet("")]
    public async Task<IActionResult> Index(ListFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var articles = Db.Articles.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(filter.Topic))
        {
            var topic = filter.Topic;
            articles = articles.Where(a => a.Topics.Any(t => t.Slug == topic));
        }
        var rows = articles.Select(a => new ContentRow
        {
            Id = a.Id,
            Title = a.Title,
            Slug = a.Slug,
            Status = a.Status,
            PublishedAt = a.PublishedAt,
            UnpublishAt = a.UnpublishAt,
            AgencyId = a.AgencyId,
            AgencyName = a.Agency.Name,
            UpdatedAt = a.UpdatedAt,
            NeedsReview = Db.ReviewFlags.Any(f => f.ItemType == ReviewItemType.Article && f.ItemId == a.Id && f.ClearedAt == null),
            NeedsReviewReason = Db.ReviewFlags.Where(f => f.ItemType == ReviewItemType.Article && f.ItemId == a.Id && f.ClearedAt == null)
                .OrderBy(f => f.Id).Select(f => f.Reason).FirstOrDefault(),
            HasPendingDraft = Db.Revisions.Any(r => r.ContentType == RevisionContentTypes.Article && r.ContentId == a.Id && r.Pending),
        });
        return await ListAsync(rows, filter, await TopicFilterAsync(filter.Topic, cancellationToken), cancellationToken);
    }

    protected override Task<Article?> LoadAsync(int id, CancellationToken cancellationToken) =>
        Db.Articles
            .Include(a => a.Topics)
            .Include(a => a.Audiences)
            .Include(a => a.Citations).ThenInclude(c => c.LegalDocument)
            .Include(a => a.Attachments)
            .SingleOrDefaultAsync(a => a.Id == id, cancellationToken);

    protected override EditableContent Wrap(Article entity) => EditableContent.Of(entity);

    protected override ReviewItemType? ReviewType => ReviewItemType.Article;

    protected override IReadOnlyCollection<int> ReviewItemIds(Article entity) => entity.Id == 0 ? [] : [entity.Id];

    protected override Article Create() => new() { Slug = "", Title = "", Body = "", Status = PublicationStatus.Draft };

    protected override string PublicUrl(string slug) => SiteUrls.Article(slug);

    protected override ArticleForm FormOf(Article entity)
    {
        ArgumentNullException.ThrowIfNull(entity);
        return new ArticleForm
        {
            Version = entity.Version,
            Title = entity.Title,
            Slug = entity.Slug,
            Summary = entity.Summary,
            Body = entity.Body,
            PublishAt = entity.Status == PublicationStatus.Published || entity.PublishedAt > Now ? LocalInput(entity.PublishedAt) : null,
            UnpublishAt = entity.UnpublishAt is { } until ? LocalInput(until) : null,
            AgencyId = entity.AgencyId,
            Topics = [.. entity.Topics.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            Audiences = [.. entity.Audiences.Select(t => t.Slug).Order(StringComparer.Ordinal)],
            Citations = CitationLines.Format(entity.Citations.OrderBy(c => c.Position).Select(c => (c.LegalDocument.Number, c.Provision))),
            FeaturedImageId = entity.FeaturedImageId,
            AttachmentIds = [.. entity.Attachments.OrderBy(a => a.Position).Select(a => a.MediaAssetId)],
        };
    }

    protected override async Task ApplyAsync(ArticleForm form, Article entity, int? agencyId, bool publishing, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(entity);
        if (form.Title.Length > 500)
        {
            ModelState.AddModelError(nameof(form.Title), "Tiêu đề quá dài (tối đa 500 ký tự).");
        }
        var (topics, audiences) = await TermsAsync(form.Topics, form.Audiences, cancellationToken);
        var (citations, citationProblems) = await CitationLines.ResolveAsync(Db, form.Citations, "Dòng", ['\n'], cancellationToken);
        foreach (var problem in citationProblems)
        {
            ModelState.AddModelError(nameof(form.Citations), problem);
        }
        if (form.FeaturedImageId is { } imageId)
        {
            var image = await Db.MediaAssets.AsNoTracking()
                .SingleOrDefaultAsync(m => m.Id == imageId && m.Kind == MediaKind.Image && m.AgencyId == agencyId, cancellationToken);
            if (image is null)
            {
                ModelState.AddModelError(nameof(form.FeaturedImageId), "Ảnh đại diện không có trong thư viện của cơ quan.");
            }
            else if (publishing && string.IsNullOrWhiteSpace(image.AltText))
            {
                ModelState.AddModelError(nameof(form.FeaturedImageId),
                    $"Ảnh đại diện cần có văn bản thay thế (mô tả ảnh cho người không nhìn thấy) trước khi đăng. Hãy bổ sung cho ảnh “{image.FileName}” trong Thư viện rồi đăng lại.");
            }
        }
        var attachmentIds = form.AttachmentIds.Distinct().ToList();
        var files = await Db.MediaAssets.AsNoTracking()
            .Where(m => attachmentIds.Contains(m.Id) && m.Kind == MediaKind.Document && m.AgencyId == agencyId)
            .Select(m => m.Id).ToListAsync(cancellationToken);
        if (files.Count != attachmentIds.Count)
        {
            ModelState.AddModelError(nameof(form.AttachmentIds), "Tệp đính kèm không có trong thư viện của cơ quan.");
        }
        if (!ModelState.IsValid)
        {
            return;
        }
        entity.Title = form.Title;
        entity.Slug = form.Slug!;
        entity.Summary = form.Summary;
        entity.Body = form.Body;
        entity.AgencyId = agencyId!.Value;
        entity.FeaturedImageId = form.FeaturedImageId;
        ReplaceSet(entity.Topics, topics);
        ReplaceSet(entity.Audiences, audiences);
        Db.ArticleCitations.RemoveRange(entity.Citations);
        entity.Citations.Clear();
        entity.Citations.AddRange(citations.Select((c, i) => new ArticleCitation { LegalDocumentId = c.DocumentId, Provision = c.Provision, Position = i }));
        Db.Attachments.RemoveRange(entity.Attachments);
        entity.Attachments.Clear();
        entity.Attachments.AddRange(attachmentIds.Select((id, i) => new Attachment { MediaAssetId = id, Position = i }));
    }

    protected override async Task<ArticleChoices> ChoicesAsync(ArticleForm form, int? agencyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(form);
        var (topics, audiences) = await TermChoicesAsync(form.Topics, form.Audiences, cancellationToken);
        var media = Db.MediaAssets.AsNoTracking().Where(m => m.AgencyId == agencyId);
        var selectedIds = form.AttachmentIds.Append(form.FeaturedImageId ?? 0).ToList();
        var recent = await media.OrderByDescending(m => m.UploadedAt).Take(ChoiceLimit)
            .Select(m => new { m.Id, m.Kind, m.FileName, m.AltText, m.Title, m.UploadedAt })
            .ToListAsync(cancellationToken);
        var selected = await media.Where(m => selectedIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Kind, m.FileName, m.AltText, m.Title, m.UploadedAt })
            .ToListAsync(cancellationToken);
        var distinct = recent.Concat(selected).DistinctBy(m => m.Id).OrderByDescending(m => m.UploadedAt).ToList();
        return new ArticleChoices(
            topics,
            audiences,
            [.. distinct.Where(m => m.Kind == MediaKind.Image).Select(m => new Choice(m.Id.ToString(CultureInfo.InvariantCulture),
                m.AltText is { Length: > 0 } alt ? $"{m.FileName} – {alt}" : $"{m.FileName} (chưa có văn bản thay thế)", m.Id == form.FeaturedImageId))],
            [.. distinct.Where(m => m.Kind == MediaKind.Document).Select(m => new Choice(m.Id.ToString(CultureInfo.InvariantCulture),
                m.Title ?? m.FileName, form.AttachmentIds.Contains(m.Id)))]);
    }
}

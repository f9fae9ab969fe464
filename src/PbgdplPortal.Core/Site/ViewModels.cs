using PbgdplPortal.Content;

namespace PbgdplPortal.Site;

// View models of the public site. They live beside the queries that fill them so that every theme
// (a Razor class library that references Core only) renders the same shapes.

public sealed record Crumb(string Title, string? Url);

public sealed record TermLink(string Slug, string Name, string Url);

public sealed record ArticleCard(string Slug, string Title, string? Summary, DateTime PublishedAt, string AgencyName, string AgencySlug,
    IReadOnlyList<TermLink> Topics, bool IsSample)
{
    public string Url => SiteUrls.Article(Slug);
}

public sealed record TermCount(string Slug, string Name, string? Description, int Count, string Url);

public sealed record HomePage(IReadOnlyList<ArticleCard> Latest, IReadOnlyList<TermCount> Audiences, IReadOnlyList<TermCount> Topics,
    IReadOnlyList<DocumentCard> FeaturedDocuments);

public sealed record Pager(int Page, int PageSize, int Total, string BaseUrl)
{
    public int PageCount => Math.Max(1, (Total + PageSize - 1) / PageSize);
    public bool HasPrevious => Page > 1;
    public bool HasNext => Page < PageCount;
    public string UrlFor(int page) => page <= 1 ? BaseUrl : $"{BaseUrl}?trang={page}";
}

public enum ListingKind
{
    Topic,
    Audience,
    Agency,
}

public sealed record ListingPage(ListingKind Kind, string Slug, string Title, string? Description, string? Subtitle,
    IReadOnlyList<ArticleCard> Articles, Pager Pager, string? FeedUrl, IReadOnlyList<Crumb> Crumbs);

public sealed record TermIndexPage(string Title, string Intro, IReadOnlyList<TermGroup> Groups, IReadOnlyList<Crumb> Crumbs);

public sealed record TermGroup(string? Heading, IReadOnlyList<TermCount> Terms);

public sealed record DocumentCard(string Slug, string Number, string Type, string Title, DateOnly IssuedOn, ValidityStatus Status)
{
    public string Url => SiteUrls.Document(Slug);
}

public sealed record CitationView(string Number, string Title, string? Url, string? Provision, ValidityStatus Status)
{
    /// <summary>What changed in the cited provisions since the item was last reviewed (<see cref="LegalBasisWatch.Notice"/>).</summary>
    public IReadOnlyList<string> Changes { get; init; } = [];
}

public sealed record ArticlePage(string Slug, string Title, string? Summary, string BodyHtml, DateTime PublishedAt, DateTime UpdatedAt,
    TermLink Agency, IReadOnlyList<TermLink> Topics, IReadOnlyList<TermLink> Audiences, IReadOnlyList<CitationView> LegalBasis,
    IReadOnlyList<ArticleCard> Related, bool IsSample, IReadOnlyList<Crumb> Crumbs)
{
    public string Url => SiteUrls.Article(Slug);
    public bool CitesDocumentNoLongerInForce => LegalBasis.Any(c => c.Status.NoLongerApplies());

    /// <summary>Shown above the body; null when none is set or it has no alternative text.</summary>
    public ResponsiveImage? FeaturedImage { get; init; }

    public IReadOnlyList<AttachmentLink> Attachments { get; init; } = [];
}

/// <summary>What changed one article of a document ("Điều 7"), or the whole document when <see cref="Article"/> is null.</summary>
public sealed record ArticleAmendments(string? Article, IReadOnlyList<AmendmentLine> Lines);

/// <summary>"khoản 5 Điều 7 — được sửa đổi, bổ sung bởi Luật 59/2024/QH15, có hiệu lực từ 01/01/2026".</summary>
public sealed record AmendmentLine(string? Provision, string Label, string Number, string? Title, string? Url, DateOnly? EffectiveOn);

/// <summary>An image with its resized copies, for an img element with srcset.</summary>
public sealed record ResponsiveImage(string Src, string SrcSet, int Width, int Height, string Alt);

/// <summary>A downloadable document attached to an article or a legal document record.</summary>
public sealed record AttachmentLink(string Title, string FileName, string TypeName, long Bytes, string Url);

public sealed record RelationView(string Label, string Number, string? Title, string? Url);

public sealed record DocumentPage(string Slug, string Number, string Type, string Title, string Issuer, string? Signer, DateOnly IssuedOn,
    DateOnly? EffectiveOn, DateOnly? ExpiresOn, ValidityStatus Status, string BodyHtml, bool IsSample,
    IReadOnlyList<RelationView> Relations, IReadOnlyList<ArticleCard> ExplainedBy, IReadOnlyList<Crumb> Crumbs)
{
    public string Url => SiteUrls.Document(Slug);

    public IReadOnlyList<AttachmentLink> Attachments { get; init; } = [];

    /// <summary>The official full text elsewhere ("Xem toàn văn"), if known.</summary>
    public string? SourceUrl { get; init; }

    /// <summary>Per article of this document (in article order, then the whole document), the documents that changed it.</summary>
    public IReadOnlyList<ArticleAmendments> Amendments { get; init; } = [];
}

public sealed record DocumentIndexPage(IReadOnlyList<DocumentCard> Documents, Pager Pager, IReadOnlyList<Crumb> Crumbs);

public sealed record ErrorPage(int StatusCode, string Title, string Message)
{
    /// <summary>What the public error page (and a problem the API answers without details of its own) says for a status code.</summary>
    public static ErrorPage For(int code) => code switch
    {
        404 => new ErrorPage(404, "Không tìm thấy trang", "Trang bạn tìm không tồn tại, đã được gỡ xuống hoặc chưa được đăng. Hãy quay về trang chủ hoặc xem các chủ đề pháp luật."),
        400 => new ErrorPage(400, "Yêu cầu không hợp lệ", "Địa chỉ hoặc dữ liệu gửi lên không hợp lệ."),
        401 => new ErrorPage(401, "Chưa đăng nhập", "Hãy đăng nhập để tiếp tục."),
        403 => new ErrorPage(403, "Không có quyền truy cập", "Bạn không có quyền xem trang này."),
        405 => new ErrorPage(405, "Phương thức không được hỗ trợ", "Địa chỉ này không nhận loại yêu cầu đã gửi."),
        413 => new ErrorPage(413, "Dữ liệu gửi lên quá lớn", "Dữ liệu hoặc tệp gửi lên vượt quá dung lượng cho phép. Hãy gửi ít tệp hơn hoặc tệp nhỏ hơn trong mỗi lần."),
        415 => new ErrorPage(415, "Kiểu dữ liệu không được hỗ trợ", "Dữ liệu gửi lên không đúng kiểu mà địa chỉ này nhận."),
        429 => new ErrorPage(429, "Quá nhiều yêu cầu", "Bạn đã gửi quá nhiều yêu cầu. Vui lòng thử lại sau ít phút."),
        >= 400 and < 500 => new ErrorPage(code, "Yêu cầu không thực hiện được", "Yêu cầu của bạn không thực hiện được."),
        _ => new ErrorPage(500, "Đã có lỗi xảy ra", "Hệ thống đang gặp sự cố. Vui lòng thử lại sau ít phút."),
    };
}

/// <summary>The public addresses, in one place.</summary>
public static class SiteUrls
{
    public const string Home = "/";
    public const string Topics = "/chu-de";
    public const string Audiences = "/doi-tuong";
    public const string Agencies = "/co-quan";
    public const string Documents = "/van-ban";
    public const string Feed = "/rss.xml";
    public const string Search = "/tim-kiem";

    public static string Article(string slug) => $"/bai-viet/{slug}";
    public static string Document(string slug) => $"/van-ban/{slug}";
    public static string Topic(string slug) => $"/chu-de/{slug}";
    public static string Audience(string slug) => $"/doi-tuong/{slug}";
    public static string Agency(string slug) => $"/co-quan/{slug}";
    public static string TopicFeed(string slug) => $"/chu-de/{slug}/rss.xml";
    public static string AudienceFeed(string slug) => $"/doi-tuong/{slug}/rss.xml";
}

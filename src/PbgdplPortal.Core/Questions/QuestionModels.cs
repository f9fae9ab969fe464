using PbgdplPortal.Site;

namespace PbgdplPortal.Questions;

public static class QuestionUrls
{
    public const string Index = "/hoi-dap";
    public const string Ask = "/hoi-dap/dat-cau-hoi";
    public const string Feed = "/hoi-dap/rss.xml";
    public const string Lookup = "/hoi-dap/tra-cuu";

    public static string Show(string slug) => $"/hoi-dap/{slug}";

    public static string Track(string token) => $"/hoi-dap/theo-doi/{token}";

    public static string List(string? topic, string? audience, int page = 1)
    {
        var query = new List<string>();
        if (topic is { Length: > 0 })
        {
            query.Add("chu-de=" + Uri.EscapeDataString(topic));
        }
        if (audience is { Length: > 0 })
        {
            query.Add("doi-tuong=" + Uri.EscapeDataString(audience));
        }
        if (page > 1)
        {
            query.Add("trang=" + page.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
        return query.Count == 0 ? Index : Index + "?" + string.Join("&", query);
    }
}

/// <summary>What an asker sends, from the form or the API.</summary>
public sealed record AskInput(string? Text, string? Topic, string? Audience, string? Name, string? Place, string? Email, bool Consent, string? Honeypot = null, string? Phone = null);

/// <summary>The outcome of asking: the question and its private token, or errors by field (Vietnamese), or the address's limit reached.</summary>
public sealed record AskResult(Question? Question, string? Token, IReadOnlyDictionary<string, string[]> Errors, bool RateLimited)
{
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? messages[0] : null;
}

public sealed record FilterChoice(string Value, string Label, bool Selected);

public sealed record AskPage(AskInput Input, IReadOnlyList<FilterChoice> Topics, IReadOnlyList<FilterChoice> Audiences, IReadOnlyDictionary<string, string[]> Errors, bool RateLimited)
{
    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? messages[0] : null;
}

/// <summary>A published question in lists.</summary>
public sealed record QuestionCard(string Slug, string Title, string Text, TermLink Topic, TermLink Audience, string AgencyName, DateTime PublishedAt)
{
    public string Url => QuestionUrls.Show(Slug);

    /// <summary>The question's first 300 characters, cut between words.</summary>
    public string Excerpt => Text.Length <= 300 ? Text : string.Concat(Text.AsSpan(0, Math.Max(Text.LastIndexOf(' ', 299), 200)), "…");
}

public sealed record QuestionListPage(IReadOnlyList<QuestionCard> Questions, IReadOnlyList<FilterChoice> Topics, IReadOnlyList<FilterChoice> Audiences,
    string? Topic, string? Audience, Pager Pager, IReadOnlyList<Crumb> Crumbs);

/// <summary>A published question and its answer, as the public sees it: the asker's name and place masked.</summary>
public sealed record QuestionPage(string Slug, string Title, string Text, string AskerName, string? AskerPlace, DateTime AskedAt, DateTime PublishedAt,
    string AnswerHtml, TermLink Agency, TermLink Topic, TermLink Audience, IReadOnlyList<CitationView> LegalBasis, IReadOnlyList<Crumb> Crumbs)
{
    public string Url => QuestionUrls.Show(Slug);
}

/// <summary>What the asker sees through the private link.</summary>
public sealed record TrackingPage(string Title, string Text, QuestionStatus Status, string StatusLabel, DateTime AskedAt, string? RejectionReason,
    string? AnswerHtml, bool AnswerIsPrivate, IReadOnlyList<CitationView> LegalBasis, string? PublicUrl, string? MergedIntoUrl, string? AgencyName, string Reference);

/// <summary>The public look-up form: the reference number and the phone number or e-mail, and what went wrong.</summary>
public sealed record LookupPage(string? Reference, string? Contact, string? Error);

public static class QuestionLabels
{
    /// <summary>The status as the asker reads it.</summary>
    public static string ForAsker(QuestionStatus status, bool isPrivate) => status switch
    {
        QuestionStatus.Received => "Đã tiếp nhận, đang chờ xem xét",
        QuestionStatus.Approved => "Đã được duyệt, đang chuyển cơ quan có thẩm quyền",
        QuestionStatus.Assigned or QuestionStatus.Answered => "Cơ quan có thẩm quyền đang trả lời",
        QuestionStatus.Published => isPrivate ? "Đã trả lời riêng cho bạn" : "Đã trả lời và đăng công khai",
        QuestionStatus.Rejected => "Không được tiếp nhận",
        QuestionStatus.Merged => "Đã gộp với một câu hỏi cùng nội dung",
        _ => status.ToString(),
    };

    /// <summary>The status as staff read it.</summary>
    public static string ForStaff(QuestionStatus status, bool isPrivate) => status switch
    {
        QuestionStatus.Received => "Chờ sàng lọc",
        QuestionStatus.Approved => "Đã duyệt, chưa giao",
        QuestionStatus.Assigned => "Chờ trả lời",
        QuestionStatus.Answered => "Chờ duyệt câu trả lời",
        QuestionStatus.Published => isPrivate ? "Đã trả lời riêng" : "Đã đăng",
        QuestionStatus.Rejected => "Đã từ chối",
        QuestionStatus.Merged => "Đã gộp",
        _ => status.ToString(),
    };
}

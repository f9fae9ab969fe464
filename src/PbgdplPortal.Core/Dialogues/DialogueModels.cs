using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using PbgdplPortal.Questions;
using PbgdplPortal.Site;
using PbgdplPortal.Text;

namespace PbgdplPortal.Dialogues;

public static class DialogueUrls
{
    public const string Index = "/doi-thoai";
    public const string Feed = "/doi-thoai/rss.xml";

    public static string Show(string slug) => $"/doi-thoai/{slug}";

    public static string Ask(string slug) => $"/doi-thoai/{slug}/dat-cau-hoi";

    /// <summary>The session page after asking during the session, with the question's reference number.</summary>
    public static string Sent(string slug, string reference) => $"/doi-thoai/{slug}/da-gui?ma={Uri.EscapeDataString(reference)}";

    /// <summary>The server-sent events stream of a live session.</summary>
    public static string Events(string slug) => $"/doi-thoai/{slug}/su-kien";
}

/// <summary>Audit codes of the dialogue steps (the question steps themselves use the Q&amp;A codes).</summary>
public static class DialogueAuditActions
{
    public const string SessionSaved = "dialogue-saved";
    public const string StateChanged = "dialogue-state-changed";
    public const string QuestionShown = "dialogue-question-shown";
}

public static class DialogueLabels
{
    public static string Of(DialogueState state) => state switch
    {
        DialogueState.Announced => "Sắp diễn ra",
        DialogueState.OpenForQuestions => "Đang nhận câu hỏi",
        DialogueState.Live => "Đang diễn ra trực tiếp",
        DialogueState.Ended => "Đã kết thúc",
        DialogueState.TranscriptPublished => "Đã đăng toàn văn",
        _ => state.ToString(),
    };

    /// <summary>The one state a session may move to next from <paramref name="state"/>, if any.</summary>
    public static DialogueState? Next(DialogueState state) => state switch
    {
        DialogueState.Announced => DialogueState.OpenForQuestions,
        DialogueState.OpenForQuestions => DialogueState.Live,
        DialogueState.Live => DialogueState.Ended,
        DialogueState.Ended => DialogueState.TranscriptPublished,
        _ => null,
    };

    /// <summary>The button that moves a session on.</summary>
    public static string Action(DialogueState target) => target switch
    {
        DialogueState.OpenForQuestions => "Mở nhận câu hỏi",
        DialogueState.Live => "Bắt đầu trực tiếp",
        DialogueState.Ended => "Kết thúc phiên",
        DialogueState.TranscriptPublished => "Đăng toàn văn",
        _ => target.ToString(),
    };

    public static bool TakesQuestions(DialogueState state) => state is DialogueState.OpenForQuestions or DialogueState.Live;

    /// <summary>
    /// The state a session's schedule gives it at <paramref name="now"/>: from its start time it is live, from its end time
    /// it has ended, with nobody clicking. The schedule only moves a session forward, so what staff did explicitly wins:
    /// a session started early stays live, one ended early stays ended, a published transcript stays published.
    /// </summary>
    public static DialogueState Scheduled(DialogueState state, DateTime startsAt, DateTime endsAt, DateTime now) => state switch
    {
        DialogueState.Announced or DialogueState.OpenForQuestions or DialogueState.Live when now >= endsAt => DialogueState.Ended,
        DialogueState.Announced or DialogueState.OpenForQuestions when now >= startsAt => DialogueState.Live,
        _ => state,
    };

    /// <summary>"dd/MM/yyyy HH:mm" in Vietnam time.</summary>
    public static string When(DateTime utc) => VietnameseText.FormatMinute(utc);
}

/// <summary>What a moderator writes about a session.</summary>
public sealed record DialogueInput(string? Title, string? Description, int? AgencyId, IReadOnlyList<int> TopicIds, string? Guests,
    string? StartsAt, string? EndsAt, string? VideoUrl);

public sealed record DialogueCard(string Slug, string Title, string AgencyName, DateTime StartsAt, DateTime EndsAt, DialogueState State)
{
    public string Url => DialogueUrls.Show(Slug);

    /// <summary>The card with the state its schedule gives it at <paramref name="now"/>.</summary>
    public DialogueCard At(DateTime now) => this with { State = DialogueLabels.Scheduled(State, StartsAt, EndsAt, now) };
}

public sealed record DialogueIndexPage(IReadOnlyList<DialogueCard> Live, IReadOnlyList<DialogueCard> Upcoming, IReadOnlyList<DialogueCard> Past, IReadOnlyList<Crumb> Crumbs);

/// <summary>A question answered in a session, as the public sees it: the asker masked.</summary>
public sealed record DialogueItem(int Order, string QuestionSlug, string Title, string Text, string AskerName, string? AskerPlace, string AnswerHtml,
    string? AnsweredBy, DateTime ShownAt, IReadOnlyList<CitationView> LegalBasis);

public sealed record DialoguePage(int Id, string Slug, string Title, string? DescriptionHtml, TermLink Agency, IReadOnlyList<TermLink> Topics,
    IReadOnlyList<string> Guests, DateTime StartsAt, DateTime EndsAt, string? VideoUrl, DialogueState State, DateTime? TranscriptPublishedAt,
    IReadOnlyList<DialogueItem> Items, IReadOnlyList<Crumb> Crumbs)
{
    public string Url => DialogueUrls.Show(Slug);

    public bool TakesQuestions => DialogueLabels.TakesQuestions(State);

    public bool IsTranscript => State == DialogueState.TranscriptPublished;
}

public sealed record DialogueAskPage(DialogueCard Session, AskPage Form);

/// <summary>
/// The HTML of one answered question, written on the server with every user string encoded, shared by the
/// session page and the live stream so both show the same markup. The answer is already sanitized HTML.
/// </summary>
public static class DialogueFragments
{
    // Vietnamese letters stay readable; markup characters are always encoded.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Item(DialogueItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        var e = Encoder;
        var order = item.Order.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(512 + item.AnswerHtml.Length);
        sb.Append("<article class=\"dialogue-item\" id=\"cau-").Append(order).Append("\" data-order=\"").Append(order).Append("\">");
        sb.Append("<h3>Câu hỏi ").Append(order).Append(": ").Append(e.Encode(item.Title)).Append("</h3>");
        sb.Append("<p class=\"meta\">").Append(e.Encode(item.AskerName));
        if (item.AskerPlace is not null)
        {
            sb.Append(", ").Append(e.Encode(item.AskerPlace));
        }
        sb.Append(" hỏi · trả lời lúc <time datetime=\"").Append(item.ShownAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)).Append("\">")
            .Append(DialogueLabels.When(item.ShownAt)).Append("</time></p>");
        sb.Append("<div class=\"qa-text\">").Append(e.Encode(item.Text)).Append("</div>");
        sb.Append("<h4>Trả lời").Append(item.AnsweredBy is null ? "" : " của " + e.Encode(item.AnsweredBy)).Append("</h4>");
        sb.Append("<div class=\"prose\">").Append(item.AnswerHtml).Append("</div>");
        if (item.LegalBasis.Count > 0)
        {
            sb.Append("<p class=\"legal-basis-inline\"><span class=\"label\">Căn cứ pháp lý:</span> ");
            var first = true;
            foreach (var c in item.LegalBasis)
            {
                if (!first)
                {
                    sb.Append("; ");
                }
                first = false;
                if (c.Provision is not null)
                {
                    sb.Append(e.Encode(c.Provision)).Append(", ");
                }
                var label = e.Encode($"{c.Title} số {c.Number}");
                if (c.Url is not null)
                {
                    sb.Append("<a href=\"").Append(e.Encode(c.Url)).Append("\">").Append(label).Append("</a>");
                }
                else
                {
                    sb.Append(label);
                }
            }
            sb.Append("</p>");
            foreach (var change in item.LegalBasis.SelectMany(c => c.Changes))
            {
                sb.Append("<p class=\"basis-change\" role=\"note\"><strong>Lưu ý:</strong> ").Append(e.Encode(change)).Append("</p>");
            }
        }
        sb.Append("</article>");
        return sb.ToString();
    }
}

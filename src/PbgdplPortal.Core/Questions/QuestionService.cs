using System.Net.Mail;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Markdown;
using PbgdplPortal.Security;
using PbgdplPortal.Site;
using PbgdplPortal.Text;

namespace PbgdplPortal.Questions;

/// <summary>
/// Citizens' legal questions: asking with protections against spam, the private tracking link, the
/// public pages, and the moderation (QuestionService.Moderation.cs) and answering (QuestionService.Answers.cs)
/// steps, each journaled and audited.
/// </summary>
public sealed partial class QuestionService(PortalDbContext db, TimeProvider time, DocumentNumberIndex directory, IOptions<QuestionOptions> options, PortalSecrets secrets)
{
    public const int PageSize = 20;
    private static readonly Crumb HomeCrumb = new("Trang chủ", SiteUrls.Home);
    private static readonly Crumb IndexCrumb = new("Hỏi đáp pháp luật", QuestionUrls.Index);

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    public QuestionOptions Options => options.Value;

    // ----- Asking -----

    public async Task<AskPage> AskPageAsync(AskInput input, IReadOnlyDictionary<string, string[]>? errors = null, bool rateLimited = false, CancellationToken cancellationToken = default)
    {
        var (topics, audiences) = await ChoicesAsync(input.Topic, input.Audience, cancellationToken);
        return new AskPage(input, topics, audiences, errors ?? new Dictionary<string, string[]>(), rateLimited);
    }

    /// <summary>
    /// Checks and stores a question. <paramref name="senderAddress"/> is the client's network address; only its keyed hash
    /// is kept, to count the address's questions in the last hour on every node, and cleared once the question is handled.
    /// </summary>
    public async Task<AskResult> AskAsync(AskInput input, string? senderAddress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var now = Now;
        var errors = new Dictionary<string, string[]>();
        void Error(string field, string message) => errors[field] = [message];
        if (!string.IsNullOrEmpty(input.Honeypot))
        {
            // The field is hidden from people; only programs fill it in.
            Error("website", "Không gửi được câu hỏi: biểu mẫu có ô ẩn dùng để chặn thư rác đã bị điền. Nếu bạn dùng công cụ tự điền, hãy tắt nó và gửi lại.");
            return new AskResult(null, null, errors, false);
        }
        // Keyed with the portal's own secret: an unkeyed hash of an IPv4 address is undone by trying all 2^32 of them.
        var senderKey = senderAddress is { Length: > 0 } ? await secrets.HashAsync(PortalSecrets.SenderKey, senderAddress, cancellationToken) : null;
        if (senderKey is not null)
        {
            var since = now.AddHours(-1);
            var recent = await db.Questions.CountAsync(q => q.SenderKey == senderKey && q.AskedAt > since, cancellationToken);
            if (recent >= options.Value.AskPermitsPerHour)
            {
                return new AskResult(null, null, errors, true);
            }
        }
        var text = Clean(input.Text, multiline: true);
        var name = Clean(input.Name);
        var place = Clean(input.Place);
        var email = Clean(input.Email);
        var phoneText = Clean(input.Phone);
        var phone = QuestionReference.NormalPhone(phoneText);
        if (phoneText is not null && (phone is null || phoneText.Length > QuestionLimits.PhoneLength))
        {
            Error("phone", "Số điện thoại không hợp lệ (ví dụ: 0912 345 678).");
        }
        if (text is null || text.Length < QuestionLimits.TextMinLength)
        {
            Error("text", $"Hãy viết câu hỏi, ít nhất {QuestionLimits.TextMinLength} ký tự, nêu rõ sự việc và điều bạn cần hỏi.");
        }
        else if (text.Length > QuestionLimits.TextLength)
        {
            Error("text", $"Câu hỏi dài {text.Length} ký tự, vượt quá {QuestionLimits.TextLength} ký tự cho phép. Hãy rút gọn.");
        }
        var topic = input.Topic is { Length: > 0 } t ? await db.Topics.AsNoTracking().FirstOrDefaultAsync(x => x.Slug == t, cancellationToken) : null;
        if (topic is null)
        {
            Error("topic", "Hãy chọn lĩnh vực pháp luật của câu hỏi.");
        }
        var audience = input.Audience is { Length: > 0 } a ? await db.AudienceGroups.AsNoTracking().FirstOrDefaultAsync(x => x.Slug == a, cancellationToken) : null;
        if (audience is null)
        {
            Error("audience", "Hãy chọn nhóm đối tượng của bạn.");
        }
        if (name is { Length: > QuestionLimits.NameLength })
        {
            Error("name", $"Họ tên dài tối đa {QuestionLimits.NameLength} ký tự.");
        }
        if (place is { Length: > QuestionLimits.PlaceLength })
        {
            Error("place", $"Địa chỉ dài tối đa {QuestionLimits.PlaceLength} ký tự.");
        }
        if (email is not null)
        {
            if (email.Length > QuestionLimits.EmailLength || !IsEmail(email))
            {
                Error("email", "Địa chỉ thư điện tử không hợp lệ (ví dụ: ten@example.vn).");
            }
            else if (!input.Consent)
            {
                Error("consent", "Để nhận thông báo qua thư điện tử, hãy đồng ý cho lưu địa chỉ thư; nếu không, hãy bỏ trống ô thư điện tử.");
            }
        }
        if (errors.Count > 0)
        {
            return new AskResult(null, null, errors, false);
        }
        var token = NewToken();
        var title = TitleFrom(text!);
        var question = new Question
        {
            // Neutral until the answer is public: the asker's words (a commune, a name) never become an address.
            Slug = QuestionSlugs.New(),
            Title = title,
            Text = text!,
            TopicId = topic!.Id,
            AudienceId = audience!.Id,
            AskerName = name,
            AskerPlace = place,
            AskerEmail = email,
            EmailConsentAt = email is null ? null : now,
            TrackingTokenHash = Hash(token),
            SenderKey = senderKey,
            // Only a keyed hash: the number is never shown, only compared when the asker looks the question up.
            AskerPhoneKey = phone is null ? null : await secrets.HashAsync(PortalSecrets.SenderKey, "phone:" + phone, cancellationToken),
            Status = QuestionStatus.Received,
            AskedAt = now,
        };
        db.Questions.Add(question);
        await db.SaveChangesAsync(cancellationToken);
        return new AskResult(question, token, errors, false);
    }

    private static bool IsEmail(string email) =>
        MailAddress.TryCreate(email, out var parsed) && parsed.Address == email && email.Contains('.', StringComparison.Ordinal);

    /// <summary>NFC, trimmed, inner runs of spaces kept only in multi-line text; null when empty.</summary>
    private static string? Clean(string? value, bool multiline = false)
    {
        if (value is null)
        {
            return null;
        }
        var text = VietnameseText.Nfc(value).Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Trim();
        if (!multiline)
        {
            text = string.Join(' ', text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        }
        return text.Length == 0 ? null : text;
    }

    /// <summary>The first sentence, or the first words up to the title's length.</summary>
    public static string TitleFrom(string text)
    {
        var flat = string.Join(' ', text.Split((char[])[' ', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries));
        var end = flat.IndexOfAny(['?', '.', '!']);
        if (end > 0 && end < 160)
        {
            return flat[..(end + 1)];
        }
        if (flat.Length <= 160)
        {
            return flat;
        }
        var cut = flat.LastIndexOf(' ', 157);
        return flat[..(cut > 40 ? cut : 157)] + "…";
    }

    private static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(24));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private async Task<(List<FilterChoice> Topics, List<FilterChoice> Audiences)> ChoicesAsync(string? topic, string? audience, CancellationToken cancellationToken)
    {
        var topics = await db.Topics.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Slug, t.Name }).ToListAsync(cancellationToken);
        var audiences = await db.AudienceGroups.AsNoTracking().OrderBy(t => t.Name).Select(t => new { t.Slug, t.Name }).ToListAsync(cancellationToken);
        return ([.. topics.Select(t => new FilterChoice(t.Slug, t.Name, t.Slug == topic))], [.. audiences.Select(t => new FilterChoice(t.Slug, t.Name, t.Slug == audience))]);
    }

    // ----- The asker's private link -----

    public async Task<TrackingPage?> TrackAsync(string? token, CancellationToken cancellationToken = default)
    {
        if (token is not { Length: > 10 and < 100 })
        {
            return null;
        }
        var hash = Hash(token);
        var id = await db.Questions.AsNoTracking().Where(x => x.TrackingTokenHash == hash).Select(x => (int?)x.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await TrackingPageAsync(found, cancellationToken) : null;
    }

    /// <summary>
    /// The asker's page found by reference number and the phone number or e-mail given with the question. A wrong number
    /// and a wrong contact give the same null, so neither can be tried out alone.
    /// </summary>
    public async Task<TrackingPage?> LookupAsync(string? reference, string? contact, CancellationToken cancellationToken = default)
    {
        var given = Clean(contact);
        if (!QuestionReference.TryParse(reference, out var year, out var id) || given is null)
        {
            return null;
        }
        var row = await db.Questions.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.AskedAt, x.AskerEmail, x.AskerPhoneKey }).FirstOrDefaultAsync(cancellationToken);
        var phone = QuestionReference.NormalPhone(given);
        var phoneKey = phone is null ? null : await secrets.HashAsync(PortalSecrets.SenderKey, "phone:" + phone, cancellationToken);
        var matches = row is not null && VietnameseText.ToVietnamTime(row.AskedAt).Year == year
            && ((row.AskerEmail is { } email && string.Equals(email, given, StringComparison.OrdinalIgnoreCase))
                || (phoneKey is not null && row.AskerPhoneKey == phoneKey));
        return matches ? await TrackingPageAsync(id, cancellationToken) : null;
    }

    private async Task<TrackingPage?> TrackingPageAsync(int id, CancellationToken cancellationToken)
    {
        var q = await db.Questions.AsNoTracking().Where(x => x.Id == id)
            .Select(x => new
            {
                x.Id, x.Title, x.Text, x.Status, x.AskedAt, x.RejectionReason, x.Answer, x.AnswerIsPrivate, x.Slug,
                Agency = x.Agency == null ? null : x.Agency.Name,
                MergedInto = x.MergedInto == null ? null : new { x.MergedInto.Slug, x.MergedInto.Status, x.MergedInto.AnswerIsPrivate },
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (q is null)
        {
            return null;
        }
        var delivered = q.Status == QuestionStatus.Published && q.Answer is not null;
        var html = delivered ? await RenderAsync(q.Answer!, cancellationToken) : null;
        var basis = delivered ? await LegalBasisAsync(q.Id, cancellationToken) : [];
        var mergedUrl = q.MergedInto is { Status: QuestionStatus.Published, AnswerIsPrivate: false } m ? QuestionUrls.Show(m.Slug) : null;
        return new TrackingPage(q.Title, q.Text, q.Status, QuestionLabels.ForAsker(q.Status, q.AnswerIsPrivate), q.AskedAt,
            q.Status == QuestionStatus.Rejected ? q.RejectionReason : null, html, q.AnswerIsPrivate, basis,
            delivered && !q.AnswerIsPrivate ? QuestionUrls.Show(q.Slug) : null, mergedUrl, q.Agency, QuestionReference.Format(q.Id, q.AskedAt));
    }

    // ----- Public pages -----

    /// <summary>Publicly answered questions, filtered by topic and audience slugs when given.</summary>
    private IQueryable<Question> Answered(string? topic, string? audience)
    {
        var query = db.Questions.AsNoTracking().PubliclyAnswered();
        if (topic is { Length: > 0 })
        {
            query = query.Where(q => q.Topic.Slug == topic);
        }
        if (audience is { Length: > 0 })
        {
            query = query.Where(q => q.Audience.Slug == audience);
        }
        return query;
    }

    public async Task<QuestionListPage?> ListAsync(string? topic, string? audience, int page, CancellationToken cancellationToken = default)
    {
        var query = Answered(topic, audience);
        var total = await query.CountAsync(cancellationToken);
        var pager = new Pager(page, PageSize, total, QuestionUrls.List(topic, audience));
        if (page < 1 || page > pager.PageCount)
        {
            return null;
        }
        var rows = await Cards(query.NewestFirst().Skip((page - 1) * PageSize).Take(PageSize)).ToListAsync(cancellationToken);
        var (topics, audiences) = await ChoicesAsync(topic, audience, cancellationToken);
        return new QuestionListPage(rows, topics, audiences, topic, audience, pager, [HomeCrumb, new Crumb("Hỏi đáp pháp luật", null)]);
    }

    /// <summary>The published questions for the API: a page and the total.</summary>
    public async Task<(List<QuestionCard> Items, int Total)> ApiListAsync(string? topic, string? audience, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = Answered(topic, audience);
        var total = await query.CountAsync(cancellationToken);
        var items = await Cards(query.NewestFirst().Skip((page - 1) * pageSize).Take(pageSize)).ToListAsync(cancellationToken);
        return (items, total);
    }

    private static IQueryable<QuestionCard> Cards(IQueryable<Question> questions) =>
        questions.Select(q => new QuestionCard(q.Slug, q.Title, q.PublicText ?? "",
            new TermLink(q.Topic.Slug, q.Topic.Name, SiteUrls.Topic(q.Topic.Slug)),
            new TermLink(q.Audience.Slug, q.Audience.Name, SiteUrls.Audience(q.Audience.Slug)),
            q.Agency == null ? "" : q.Agency.Name, q.PublishedAt ?? q.AskedAt));

    public async Task<QuestionPage?> GetAsync(string slug, CancellationToken cancellationToken = default)
    {
        var q = await db.Questions.AsNoTracking().PubliclyAnswered().Where(x => x.Slug == slug)
            .Select(x => new
            {
                x.Id, x.Slug, x.Title, Text = x.PublicText ?? "", x.AskerName, x.AskerPlace, x.AskedAt, x.PublishedAt, x.Answer,
                Agency = new TermLink(x.Agency!.Slug, x.Agency.Name, SiteUrls.Agency(x.Agency.Slug)),
                Topic = new TermLink(x.Topic.Slug, x.Topic.Name, SiteUrls.Topic(x.Topic.Slug)),
                Audience = new TermLink(x.Audience.Slug, x.Audience.Name, SiteUrls.Audience(x.Audience.Slug)),
            })
            .FirstOrDefaultAsync(cancellationToken);
        if (q is null)
        {
            return null;
        }
        return new QuestionPage(q.Slug, q.Title, q.Text, PersonalData.MaskName(q.AskerName), MaskPlace(q.AskerPlace), q.AskedAt, q.PublishedAt!.Value,
            await RenderAsync(q.Answer!, cancellationToken), q.Agency, q.Topic, q.Audience, await LegalBasisAsync(q.Id, cancellationToken),
            [HomeCrumb, IndexCrumb, new Crumb(q.Title, null)]);
    }

    /// <summary>The current address of a publicly answered question that was once public at <paramref name="slug"/>; null when none.</summary>
    public Task<string?> RenamedAsync(string slug, CancellationToken cancellationToken = default) =>
        db.QuestionSlugAliases.AsNoTracking().Where(a => a.Slug == slug)
            .Select(a => a.Question).PubliclyAnswered().Select(q => q.Slug).FirstOrDefaultAsync(cancellationToken);

    /// <summary>The place at the level of its last part ("Ấp 3, xã Tân Thành" → "xã Tân Thành"): no street or hamlet in public.</summary>
    public static string? MaskPlace(string? place)
    {
        if (place is null)
        {
            return null;
        }
        var parts = place.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return parts.Length == 0 ? null : parts[^1];
    }

    private async Task<List<CitationView>> LegalBasisAsync(int questionId, CancellationToken cancellationToken)
    {
        var now = Now;
        var basis = await db.AnswerCitations.AsNoTracking().Where(c => c.QuestionId == questionId).OrderBy(c => c.Position)
            .Select(c => new CitationView(c.LegalDocument.Number, c.LegalDocument.Title,
                c.LegalDocument.Publication == PublicationStatus.Published && c.LegalDocument.PublishedAt <= now
                    && (c.LegalDocument.UnpublishAt == null || c.LegalDocument.UnpublishAt > now) ? SiteUrls.Document(c.LegalDocument.Slug) : null,
                c.Provision, c.LegalDocument.Status))
            .ToListAsync(cancellationToken);
        return await db.WithChangesAsync(basis, ReviewItemType.Answer, questionId, time, cancellationToken);
    }

    public async Task<string> RenderAsync(string markdown, CancellationToken cancellationToken = default)
    {
        var documents = await directory.GetAsync(db, cancellationToken);
        return MarkdownRenderer.ToHtml(markdown, key => documents.TryGetValue(key, out var slug) ? SiteUrls.Document(slug) : null);
    }
}

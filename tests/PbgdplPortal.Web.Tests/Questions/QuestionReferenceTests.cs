using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Questions;

/// <summary>Few look-ups per address and minute, so the limit is reached within one test.</summary>
public abstract class LookupLimitedPortal : QuestionPortal
{
    public const int LookupsPerMinute = 8;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Questions:LookupPermitsPerMinute", LookupsPerMinute.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}

public sealed class SqliteLookupLimitedPortal : LookupLimitedPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresLookupLimitedPortal : LookupLimitedPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>
/// Every question gets a short reference number at submission; the asker finds it again with that number and the phone
/// number or e-mail given, on a rate-limited page that answers a wrong number and a wrong contact alike.
/// </summary>
public abstract class QuestionReferenceTests(LookupLimitedPortal portal)
{
    private static string Unique() => "tracuu" + Guid.NewGuid().ToString("N")[..8];

    private static Task<HttpResponseMessage> LookupAsync(HttpClient client, string reference, string contact) =>
        client.PostFormAsync(QuestionUrls.Lookup, QuestionUrls.Lookup, [("ma-so", reference), ("lien-he", contact)]);

    [Fact]
    public async Task The_asker_sees_the_reference_at_submission_and_finds_the_question_with_it_and_the_contact_given_and_guessing_is_limited()
    {
        var word = Unique();
        var email = $"tra-cuu-{Guid.NewGuid():N}@kiemthu.vn";
        using var asker = portal.Browser();
        var sent = await asker.PostFormAsync(QuestionUrls.Ask, QuestionUrls.Ask,
        [
            ("cau-hoi", $"Tôi muốn hỏi thủ tục nhận con nuôi {word} cần giấy tờ gì?"), ("linh-vuc", QuestionKit.Topic), ("doi-tuong", QuestionKit.Audience),
            ("ho-ten", ""), ("dia-chi", ""), ("thu-dien-tu", email), ("dong-y", "1"), ("website", ""), ("so-dien-thoai", "0912 345 678"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        var hash = QuestionService.Hash(sent.Headers.Location!.OriginalString.Split('?')[0].Split('/')[^1]);
        var question = await portal.QuestionAsync(await portal.WithDbAsync(db => db.Questions.Where(q => q.TrackingTokenHash == hash).Select(q => q.Id).SingleAsync()));
        var (id, _) = await portal.AskAsync($"Câu hỏi của người khác {Unique()} về thừa kế đất đai?", $"khac-{Guid.NewGuid():N}@kiemthu.vn");
        var reference = QuestionReference.Format(question.Id, question.AskedAt);
        Assert.Matches(@"^HD-20\d\d-\d{6,}$", reference);
        Assert.DoesNotContain("912345678", question.AskerPhoneKey ?? "", StringComparison.Ordinal);
        var justSent = await asker.GetStringAsync(sent.Headers.Location!.OriginalString);
        Assert.Contains(reference, justSent, StringComparison.Ordinal);
        Assert.Contains(QuestionUrls.Lookup, justSent, StringComparison.Ordinal);

        using var visitor = portal.Browser();
        // 1–2: the number with the phone number written another way, and with the e-mail in other letters.
        var byPhone = await LookupAsync(visitor, reference.ToLowerInvariant(), "+84 912.345.678");
        Assert.Equal(HttpStatusCode.OK, byPhone.StatusCode);
        var html = await byPhone.Content.ReadAsStringAsync();
        Assert.Contains(word, html, StringComparison.Ordinal);
        Assert.Contains("Đã tiếp nhận", html, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await LookupAsync(visitor, reference, email.ToUpperInvariant())).StatusCode);
        // 3–5: a wrong contact, another asker's number, a number that does not exist: one and the same answer.
        var wrongContact = await LookupAsync(visitor, reference, "0987 654 321");
        var othersNumber = await LookupAsync(visitor, QuestionReference.Format(id, question.AskedAt), "0912345678");
        var noSuchNumber = await LookupAsync(visitor, "HD-2026-999999999", email);
        var answers = new List<string>();
        foreach (var refused in new[] { wrongContact, othersNumber, noSuchNumber })
        {
            Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
            var body = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain(word, body, StringComparison.Ordinal);
            answers.Add(System.Text.RegularExpressions.Regex.Match(body, "<p id=\"loi-tra-cuu\"[^>]*>([^<]*)</p>").Groups[1].Value);
        }
        Assert.Single(answers.Distinct());
        Assert.Contains("Không tìm thấy câu hỏi", answers[0], StringComparison.Ordinal);
        // 6: nothing typed: a clear error.
        var empty = await LookupAsync(visitor, " ", "");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Hãy nhập số tham chiếu", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // 7: no antiforgery token: refused (and counted).
        Assert.Equal(HttpStatusCode.BadRequest, (await visitor.PostAsync(QuestionUrls.Lookup, new FormUrlEncodedContent([new("ma-so", reference), new("lien-he", email)]))).StatusCode);
        // Past the limit even the right pair is refused for the rest of the minute (counted in fixed one-minute windows:
        // start the burst well inside one).
        if (DateTime.UtcNow.Second >= 55)
        {
            await Task.Delay(TimeSpan.FromSeconds(61 - DateTime.UtcNow.Second));
        }
        var burst = new List<HttpStatusCode>();
        for (var i = 0; i <= LookupLimitedPortal.LookupsPerMinute; i++)
        {
            burst.Add((await LookupAsync(visitor, reference, email)).StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, burst[^1]);
        var firstRefused = burst.IndexOf(HttpStatusCode.TooManyRequests);
        Assert.All(burst[..firstRefused], s => Assert.Equal(HttpStatusCode.OK, s));
        Assert.All(burst[firstRefused..], s => Assert.Equal(HttpStatusCode.TooManyRequests, s));
    }

    [Fact]
    public async Task Concurrent_submissions_get_distinct_references_and_the_api_returns_the_reference()
    {
        using var client = portal.Browser();
        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => client.PostAsJsonAsync("/api/questions",
            new { text = $"Câu hỏi đồng thời số {i} {Unique()} về hợp đồng lao động?", topic = QuestionKit.Topic, audience = QuestionKit.Audience, phone = "0290 3831 234" })));
        var references = new List<string>();
        foreach (var response in responses)
        {
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
            references.Add((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("reference").GetString()!);
        }
        Assert.All(references, r => Assert.Matches(@"^HD-20\d\d-\d{6,}$", r));
        Assert.Equal(references.Count, references.Distinct().Count());
        var bad = await client.PostAsJsonAsync("/api/questions", new { text = $"Câu hỏi có số điện thoại sai {Unique()} về hợp đồng?", topic = QuestionKit.Topic, audience = QuestionKit.Audience, phone = "12ab" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("Số điện thoại không hợp lệ", (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("phone")[0].GetString(), StringComparison.Ordinal);
    }
}

public sealed class QuestionReferenceOnSqlite(SqliteLookupLimitedPortal portal) : QuestionReferenceTests(portal), IClassFixture<SqliteLookupLimitedPortal>;

public sealed class QuestionReferenceOnPostgres(PostgresLookupLimitedPortal portal) : QuestionReferenceTests(portal), IClassFixture<PostgresLookupLimitedPortal>;

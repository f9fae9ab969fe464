using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Media;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.BackOffice;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>
/// Enumerates every back-office route the portal maps (so a new page cannot slip through) and sends each
/// method of each route as five kinds of user: anonymous, an editor of another agency, an editor, a
/// reviewer and an administrator; the questions' routes also as a moderator, an expert of the agency and
/// an expert of another agency. What each must get follows from the route's rights.
/// </summary>
public abstract class RouteMatrixTests(PortalFactory portal)
{
    private const string Agency = "so-tu-phap";
    private const string OtherAgency = "so-giao-duc-va-dao-tao";
    private const string SampleContest = "tim-hieu-phap-luat-ca-mau-2026";

    /// <summary>Actions only a reviewer (or administrator) may take on an article or document record.</summary>
    private static readonly string[] ReviewerActions = ["tra-lai", "go-xuong", "xoa", "ban-nhap/duyet"];

    private static readonly string[] WorkflowSections = ["/quan-tri/bai-viet/", "/quan-tri/van-ban/", "/quan-tri/bo-cau-hoi/"];

    /// <summary>Item-scoped sections, where another agency's staff must not even learn that the item exists.</summary>
    private static readonly string[] AgencySections = ["/quan-tri/bai-viet/", "/quan-tri/van-ban/", "/quan-tri/bo-cau-hoi/", "/quan-tri/thu-vien/"];

    private enum Who { Anonymous, OtherAgencyEditor, Editor, Reviewer, Administrator, Moderator, Expert, OtherAgencyExpert }

    /// <summary>The questions' section, where moderators and experts work.</summary>
    private const string QuestionSection = "/quan-tri/hoi-dap";

    private static readonly string[] ModeratorSteps = ["duyet", "giao", "gop", "tu-choi"];
    private static readonly string[] ReleaseSteps = ["dang", "gui-rieng", "tra-lai", "go-tra-loi"];

    private enum Expect { SignIn, Forbidden, Hidden, Allowed, Anything }

    private sealed record Route(string Method, string Template, bool Anonymous, bool AdminOnly, bool ReviewerOnly, bool QuestionsOnly);

    [Fact]
    public async Task Every_back_office_route_answers_each_kind_of_user_as_its_rights_say()
    {
        var routes = Routes();
        Assert.True(routes.Count >= 40, $"Only {routes.Count} back-office routes found.");
        var accounts = new Dictionary<Who, TestAccount>
        {
            [Who.OtherAgencyEditor] = await portal.CreateAccountAsync(PortalRoles.Editor, OtherAgency),
            [Who.Editor] = await portal.CreateAccountAsync(PortalRoles.Editor, Agency),
            [Who.Reviewer] = await portal.CreateAccountAsync(PortalRoles.Reviewer, Agency),
            [Who.Administrator] = await portal.CreateAccountAsync(PortalRoles.Administrator),
            [Who.Moderator] = await portal.CreateAccountAsync(PortalRoles.Moderator, Agency),
            [Who.Expert] = await portal.CreateAccountAsync(PortalRoles.Expert, Agency),
            [Who.OtherAgencyExpert] = await portal.CreateAccountAsync(PortalRoles.Expert, OtherAgency),
        };
        var failures = new List<string>();
        var checkedCount = 0;
        foreach (var route in routes)
        {
            foreach (var who in Enum.GetValues<Who>())
            {
                if (who is Who.Moderator or Who.Expert or Who.OtherAgencyExpert && !route.QuestionsOnly)
                {
                    continue;
                }
                var expect = Expectation(route, who);
                var (url, fields) = await ResolveAsync(route);
                // A fresh session for each write, so one action (a sign-out, a changed key) cannot spoil the next.
                using var client = who == Who.Anonymous ? portal.Browser() : await portal.SignedInAsync(accounts[who]);
                HttpResponseMessage response;
                if (route.Method == "GET")
                {
                    response = await client.GetAsync(url);
                }
                else
                {
                    var token = await client.TokenAsync(who == Who.Anonymous ? "/quan-tri/dang-nhap" : "/quan-tri");
                    response = await client.PostAsync(url, new FormUrlEncodedContent([.. fields, new("__csrf", token)]));
                }
                checkedCount++;
                var problem = Judge(expect, response);
                if (problem is not null)
                {
                    failures.Add($"{route.Method} {url} as {who}: expected {expect}, {problem}");
                }
            }
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {checkedCount} checks failed:\n" + string.Join("\n", failures));
    }

    private List<Route> Routes()
    {
        var endpoints = portal.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return endpoints
            .Where(e => ("/" + e.RoutePattern.RawText?.TrimStart('/') + "/").StartsWith("/quan-tri/", StringComparison.Ordinal))
            .SelectMany(e => (e.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new Route(
                method,
                "/" + e.RoutePattern.RawText!.TrimStart('/'),
                e.Metadata.GetMetadata<IAllowAnonymous>() is not null,
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == BackOfficeHosting.AdministratorPolicy),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == BackOfficeHosting.ReviewerPolicy),
                e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => a.Policy == PbgdplPortal.Web.Questions.QuestionHosting.Policy))))
            .DistinctBy(r => (r.Method, r.Template))
            .OrderBy(r => r.Template, StringComparer.Ordinal).ThenBy(r => r.Method, StringComparer.Ordinal)
            .ToList();
    }

    private static Expect Expectation(Route route, Who who)
    {
        if (route.Anonymous)
        {
            return Expect.Anything;
        }
        if (who == Who.Anonymous || route.Template == "/quan-tri/dang-xuat")
        {
            // Signing out ends at the sign-in page too.
            return Expect.SignIn;
        }
        if (route.QuestionsOnly)
        {
            return route.Template.StartsWith(DialogueSection + "/", StringComparison.Ordinal) ? DialogueExpectation(route, who) : QuestionExpectation(route, who);
        }
        if (route.AdminOnly)
        {
            return who == Who.Administrator ? Expect.Allowed : Expect.Forbidden;
        }
        if (route.ReviewerOnly)
        {
            return who is Who.Reviewer or Who.Administrator ? Expect.Allowed : Expect.Forbidden;
        }
        if (route.Template.StartsWith("/quan-tri/ra-soat/", StringComparison.Ordinal))
        {
            // Only a reviewer of the flagged item's agency may decide it is still correct; others do not learn the flag exists.
            return who is Who.Reviewer or Who.Administrator ? Expect.Allowed : Expect.Hidden;
        }
        var itemScoped = route.Template.Contains("{id", StringComparison.Ordinal) && AgencySections.Any(s => route.Template.StartsWith(s, StringComparison.Ordinal));
        if (itemScoped && who == Who.OtherAgencyEditor)
        {
            return Expect.Hidden;
        }
        // The item's own workflow actions, not those on its parts (an editor deletes a question of a draft quiz).
        if (itemScoped && who == Who.Editor
            && WorkflowSections.Any(s => ReviewerActions.Any(a => route.Template == $"{s}{{id:int}}/{a}")))
        {
            return Expect.Forbidden;
        }
        return Expect.Allowed;
    }

    /// <summary>
    /// Moderators screen every question; experts answer, and reviewers release, what is assigned to their agency.
    /// Each question the matrix makes is assigned to <see cref="Agency"/> unless its step comes before assignment.
    /// </summary>
    private static Expect QuestionExpectation(Route route, Who who)
    {
        if (who is Who.Editor or Who.OtherAgencyEditor)
        {
            return Expect.Forbidden;
        }
        if (who is Who.Administrator or Who.Moderator)
        {
            return who == Who.Moderator && route.Template.EndsWith("/tra-loi", StringComparison.Ordinal) ? Expect.Forbidden : Expect.Allowed;
        }
        if (!route.Template.Contains("{id", StringComparison.Ordinal))
        {
            return Expect.Allowed;
        }
        var step = route.Template[(route.Template.LastIndexOf('}') + 1)..].TrimStart('/');
        if (who == Who.OtherAgencyExpert || ModeratorSteps.Contains(step))
        {
            return Expect.Hidden;
        }
        return step switch
        {
            "" => Expect.Allowed,
            "tra-loi" => who == Who.Expert ? Expect.Allowed : Expect.Forbidden,
            _ when ReleaseSteps.Contains(step) => who == Who.Reviewer ? Expect.Allowed : Expect.Forbidden,
            _ => Expect.Allowed,
        };
    }

    /// <summary>The dialogue sessions' section: moderators run sessions; the session agency's experts answer and its reviewers show answers live.</summary>
    private const string DialogueSection = "/quan-tri/doi-thoai";

    private static Expect DialogueExpectation(Route route, Who who)
    {
        if (who is Who.Editor or Who.OtherAgencyEditor)
        {
            return Expect.Forbidden;
        }
        var step = route.Template[(route.Template.LastIndexOf('}') + 1)..].TrimStart('/');
        if (who is Who.Administrator or Who.Moderator)
        {
            return who == Who.Moderator && step == "tra-loi" ? Expect.Forbidden : Expect.Allowed;
        }
        if (!route.Template.Contains("{id", StringComparison.Ordinal))
        {
            return route.Template == DialogueSection + "/moi" ? Expect.Forbidden : Expect.Allowed;
        }
        if (who == Who.OtherAgencyExpert)
        {
            return Expect.Hidden;
        }
        return step switch
        {
            "" => Expect.Allowed,
            "tra-loi" => who == Who.Expert ? Expect.Allowed : Expect.Forbidden,
            "hien-thi" => who == Who.Reviewer ? Expect.Allowed : Expect.Forbidden,
            _ => Expect.Forbidden,
        };
    }

    /// <summary>A fresh live session of <see cref="Agency"/> and, for a question's step, a fresh question of it in the state the step needs.</summary>
    private async Task<string> DialogueUrlAsync(string template, string step, List<KeyValuePair<string, string>> fields)
    {
        var session = await portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var s = new DialogueSession
            {
                Slug = $"ma-tran-{Guid.NewGuid():N}", Title = "Phiên kiểm tra quyền", AgencyId = (await db.Agencies.SingleAsync(a => a.Slug == Agency)).Id,
                StartsAt = now, EndsAt = now.AddHours(1), State = DialogueState.Live, CreatedAt = now, UpdatedAt = now,
            };
            db.DialogueSessions.Add(s);
            await db.SaveChangesAsync();
            return s;
        });
        var url = template.Replace("{id:int}", session.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (!template.Contains("{questionId:int}", StringComparison.Ordinal))
        {
            fields.Add(new("version", "0"));
            fields.Add(new("sang", nameof(DialogueState.Ended)));
            return url;
        }
        var questionId = await QuestionForStepAsync(step switch { "chon" => "duyet", "hien-thi" => "dang", _ => step }, fields);
        await portal.WithDbAsync(db => db.Questions.Where(q => q.Id == questionId).ExecuteUpdateAsync(u => u.SetProperty(q => q.DialogueSessionId, session.Id)));
        return url.Replace("{questionId:int}", questionId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private static string? Judge(Expect expect, HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var location = response.Headers.Location?.ToString() ?? "";
        var toSignIn = status == 302 && location.Contains("/quan-tri/dang-nhap", StringComparison.Ordinal);
        var got = $"got {status}{(location.Length > 0 ? " → " + location : "")}";
        if (status >= 500)
        {
            return got;
        }
        return expect switch
        {
            Expect.SignIn => toSignIn ? null : got,
            Expect.Forbidden => status == 403 ? null : got,
            Expect.Hidden => status is 403 or 404 ? null : got,
            Expect.Allowed => !toSignIn && status is (>= 200 and < 400) or 400 or 409 or 422 ? null : got,
            _ => null,
        };
    }

    /// <summary>A fresh item for every request that names one, in the state its action needs.</summary>
    private async Task<(string Url, List<KeyValuePair<string, string>> Fields)> ResolveAsync(Route route)
    {
        var template = route.Template;
        var fields = new List<KeyValuePair<string, string>>();
        if (!template.Contains('{', StringComparison.Ordinal))
        {
            return (template, fields);
        }
        if (template.StartsWith("/quan-tri/cuoc-thi/{slug}/dot-{number:int}", StringComparison.Ordinal))
        {
            // A fresh contest of the reviewers' agency whose one round has closed, so its results can be handled.
            var slug = await portal.WithDbAsync(async db =>
            {
                var sample = await db.Contests.Include(c => c.Rounds).SingleAsync(c => c.Slug == SampleContest);
                var contest = new PbgdplPortal.Contests.Contest
                {
                    Slug = $"cuoc-thi-{Guid.NewGuid():N}"[..30], Title = "Cuộc thi kiểm tra quyền", AgencyId = sample.AgencyId, Status = PublicationStatus.Published,
                    CreatedAt = DateTime.UtcNow, UpdatedAt = DateTime.UtcNow,
                };
                contest.Rounds.Add(new PbgdplPortal.Contests.ContestRound
                {
                    Number = 1, Title = "Đợt kiểm tra quyền", OpensAt = DateTime.UtcNow.AddDays(-10), ClosesAt = DateTime.UtcNow.AddDays(-1),
                    QuizId = sample.Rounds[0].QuizId, QuestionCount = 5, TimeLimitMinutes = 10, MaxAttempts = 1,
                });
                db.Contests.Add(contest);
                await db.SaveChangesAsync();
                return contest.Slug;
            });
            return (template.Replace("{slug}", slug, StringComparison.Ordinal).Replace("{number:int}", "1", StringComparison.Ordinal), fields);
        }
        var action = template[(template.LastIndexOf('}') + 1)..].TrimStart('/');
        if (template.StartsWith(DialogueSection + "/{", StringComparison.Ordinal))
        {
            return (await DialogueUrlAsync(template, action, fields), fields);
        }
        if (template.StartsWith(QuestionSection + "/", StringComparison.Ordinal))
        {
            return (template.Replace("{id:int}", (await QuestionForStepAsync(action, fields)).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal), fields);
        }
        var status = action switch
        {
            "tra-lai" => PublicationStatus.Submitted,
            "go-xuong" => PublicationStatus.Published,
            _ => PublicationStatus.Draft,
        };
        var questionId = "";
        string id = await portal.WithDbAsync<string>(async db =>
        {
            var now = DateTime.UtcNow;
            var agencyId = (await db.Agencies.SingleAsync(a => a.Slug == Agency)).Id;
            var suffix = Guid.NewGuid().ToString("N")[..12];
            switch (template)
            {
                case var t when t.StartsWith("/quan-tri/ra-soat/", StringComparison.Ordinal):
                    var flagged = new Article { Slug = $"ma-tran-{suffix}", Title = "Bài kiểm tra rà soát", Body = "Nội dung.", Status = PublicationStatus.Published, PublishedAt = now.AddMinutes(-1), AgencyId = agencyId, CreatedAt = now, UpdatedAt = now };
                    db.Articles.Add(flagged);
                    await db.SaveChangesAsync();
                    var flag = new ReviewFlag { ItemType = ReviewItemType.Article, ItemId = flagged.Id, AgencyId = agencyId, ChangeKey = $"ma-tran:{suffix}",
                        CitedDocumentId = await db.LegalDocuments.Select(d => d.Id).FirstAsync(), EffectiveOn = new DateOnly(2026, 1, 1), Reason = "Kiểm tra quyền.", FlaggedAt = now };
                    db.ReviewFlags.Add(flag);
                    await db.SaveChangesAsync();
                    fields.Add(new("ghi-chu", "Vẫn đúng."));
                    return flag.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case var t when t.StartsWith("/quan-tri/bai-viet/", StringComparison.Ordinal):
                    var article = new Article { Slug = $"ma-tran-{suffix}", Title = "Bài kiểm tra quyền", Body = "Nội dung.", Status = status, PublishedAt = now.AddMinutes(-1), AgencyId = agencyId, CreatedAt = now, UpdatedAt = now };
                    article.Topics.Add(await db.Topics.FirstAsync());
                    db.Articles.Add(article);
                    await db.SaveChangesAsync();
                    db.Revisions.Add(new Revision { ContentType = RevisionContentTypes.Article, ContentId = article.Id, Number = 1, Title = article.Title, Body = article.Body, Metadata = "{}", Status = status, AuthorName = "kiểm thử", CreatedAt = now });
                    await db.SaveChangesAsync();
                    fields.Add(new("so", "1"));
                    fields.Add(new("version", article.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    return article.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case var t when t.StartsWith("/quan-tri/van-ban/", StringComparison.Ordinal):
                    var document = new LegalDocument
                    {
                        Slug = $"ma-tran-{suffix}", Number = $"{Random.Shared.Next(1000, 999999)}/QĐ-KT{suffix[..4].ToUpperInvariant()}", NumberKey = "", Type = "Quyết định",
                        Title = "Quyết định kiểm tra quyền", Issuer = "Ủy ban nhân dân tỉnh", Body = "Nội dung.", Publication = status, PublishedAt = now.AddMinutes(-1), AgencyId = agencyId,
                        IssuedOn = new DateOnly(2026, 1, 1), CreatedAt = now, UpdatedAt = now,
                    };
                    document.NumberKey = PbgdplPortal.Text.DocumentNumbers.Key(document.Number);
                    db.LegalDocuments.Add(document);
                    await db.SaveChangesAsync();
                    db.Revisions.Add(new Revision { ContentType = RevisionContentTypes.Document, ContentId = document.Id, Number = 1, Title = document.Title, Body = document.Body, Metadata = "{}", Status = status, AuthorName = "kiểm thử", CreatedAt = now });
                    await db.SaveChangesAsync();
                    fields.Add(new("so", "1"));
                    fields.Add(new("version", document.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    return document.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case var t when t.StartsWith("/quan-tri/bo-cau-hoi/", StringComparison.Ordinal):
                    var quiz = new PbgdplPortal.Quizzes.Quiz { Slug = $"ma-tran-{suffix}", Title = "Bộ câu hỏi kiểm tra quyền", Status = status, PublishedAt = now.AddMinutes(-1), AgencyId = agencyId, CreatedAt = now, UpdatedAt = now };
                    quiz.Topics.Add(await db.Topics.FirstAsync());
                    var question = new PbgdplPortal.Quizzes.QuizQuestion { Key = "c1", Text = "Câu hỏi kiểm tra quyền?", Explanation = "Giải thích." };
                    question.Options.Add(new PbgdplPortal.Quizzes.QuizOption { Position = 0, Text = "Có", IsCorrect = true });
                    question.Options.Add(new PbgdplPortal.Quizzes.QuizOption { Position = 1, Text = "Không" });
                    quiz.Questions.Add(question);
                    db.Quizzes.Add(quiz);
                    await db.SaveChangesAsync();
                    db.Revisions.Add(new Revision { ContentType = RevisionContentTypes.Quiz, ContentId = quiz.Id, Number = 1, Title = quiz.Title, Body = "", Metadata = "{}", Status = status, AuthorName = "kiểm thử", CreatedAt = now });
                    await db.SaveChangesAsync();
                    fields.Add(new("so", "1"));
                    fields.Add(new("version", quiz.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                    questionId = question.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return quiz.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case var t when t.StartsWith("/quan-tri/thu-vien/", StringComparison.Ordinal):
                    var asset = new MediaAsset { Kind = MediaKind.Document, StorageKey = $"doc/ab/{suffix}.pdf", FileName = "kiem-tra.pdf", ContentType = "application/pdf", Bytes = 10, AgencyId = agencyId, UploadedAt = now };
                    db.MediaAssets.Add(asset);
                    await db.SaveChangesAsync();
                    return asset.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case var t when t.StartsWith("/quan-tri/co-quan/", StringComparison.Ordinal):
                    var agency = new Agency { Slug = $"co-quan-{suffix}", Name = $"Cơ quan kiểm tra {suffix}", Kind = AgencyKind.Other };
                    db.Agencies.Add(agency);
                    await db.SaveChangesAsync();
                    return agency.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case var t when t.StartsWith("/quan-tri/chu-de/", StringComparison.Ordinal):
                    var topic = new Topic { Slug = $"chu-de-{suffix}", Name = $"Chủ đề kiểm tra {suffix}" };
                    db.Topics.Add(topic);
                    await db.SaveChangesAsync();
                    return topic.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                case var t when t.StartsWith("/quan-tri/doi-tuong/", StringComparison.Ordinal):
                    var audience = new AudienceGroup { Slug = $"doi-tuong-{suffix}", Name = $"Đối tượng kiểm tra {suffix}" };
                    db.AudienceGroups.Add(audience);
                    await db.SaveChangesAsync();
                    return audience.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
                default:
                    return "";
            }
        });
        if (template.StartsWith("/quan-tri/nguoi-dung/", StringComparison.Ordinal))
        {
            id = (await portal.CreateAccountAsync(PortalRoles.Editor, Agency)).Id;
        }
        Assert.False(id.Length == 0, $"The route matrix does not know how to fill in {template}: add it.");
        var url = System.Text.RegularExpressions.Regex.Replace(template, @"\{id(:int)?\}", id).Replace("{questionId:int}", questionId, StringComparison.Ordinal);
        Assert.DoesNotContain("{", url, StringComparison.Ordinal);
        return (action == "so-sanh" ? url + "?a=1&b=1" : url, fields);
    }

    /// <summary>A fresh question in the state <paramref name="step"/> needs, with the fields its form sends.</summary>
    private Task<int> QuestionForStepAsync(string step, List<KeyValuePair<string, string>> fields) => portal.WithDbAsync(async db =>
    {
        var agencyId = (await db.Agencies.SingleAsync(a => a.Slug == Agency)).Id;
        var status = step switch
        {
            "duyet" or "gop" or "tu-choi" => QuestionStatus.Received,
            "giao" => QuestionStatus.Approved,
            "tra-loi" => QuestionStatus.Assigned,
            "go-tra-loi" => QuestionStatus.Published,
            _ => QuestionStatus.Answered,
        };
        Question New(QuestionStatus s) => new()
        {
            Slug = $"ma-tran-{Guid.NewGuid():N}", Title = "Câu hỏi kiểm tra quyền?", Text = "Câu hỏi kiểm tra quyền của từng loại tài khoản?",
            TopicId = db.Topics.First().Id, AudienceId = db.AudienceGroups.First().Id, TrackingTokenHash = Guid.NewGuid().ToString("N"),
            Status = s, AgencyId = s is QuestionStatus.Assigned or QuestionStatus.Answered or QuestionStatus.Published ? agencyId : null,
            Answer = s is QuestionStatus.Answered or QuestionStatus.Published ? "Câu trả lời kiểm tra." : null, AskedAt = DateTime.UtcNow,
            PublishedAt = s == QuestionStatus.Published ? DateTime.UtcNow : null,
        };
        var question = New(status);
        db.Questions.Add(question);
        Question? target = null;
        if (step == "gop")
        {
            target = New(QuestionStatus.Received);
            db.Questions.Add(target);
        }
        await db.SaveChangesAsync();
        var text = step switch
        {
            "giao" => ("co-quan", agencyId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "gop" => ("vao", "#" + target!.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "tu-choi" => ("ly-do", "Không thuộc lĩnh vực pháp luật."),
            "tra-lai" => ("nhan-xet", "Cần bổ sung căn cứ."),
            "go-tra-loi" => ("ly-do-go", "Viện dẫn văn bản đã hết hiệu lực."),
            "tra-loi" => ("noi-dung", "Câu trả lời kiểm tra quyền."),
            _ => ("tieu-de", ""),
        };
        fields.Add(new(text.Item1, text.Item2));
        fields.Add(new("version", "0"));
        return question.Id;
    });
}

[Collection(SqliteCollection.Name)]
public sealed class RouteMatrixOnSqlite(SqlitePortal portal) : RouteMatrixTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class RouteMatrixOnPostgres(PostgresPortal portal) : RouteMatrixTests(portal);

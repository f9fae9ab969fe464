using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using PbgdplPortal.Content;
using PbgdplPortal.Contests;
using PbgdplPortal.Quizzes;
using PbgdplPortal.Web.Tests.Contests;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>Helpers for the quiz editor and import tests: forms as a browser posts them, sheets made in the test.</summary>
public static class QuizKit
{
    public const string Base = "/quan-tri/bo-cau-hoi";

    public static (string, string)[] QuizFields(string title, string action = "luu", int version = 0, string topic = "hon-nhan-gia-dinh") =>
    [
        ("Title", title), ("Slug", ""), ("Summary", "Bộ câu hỏi thử về hôn nhân và gia đình."), ("Topics", topic), ("Audiences", "hoc-sinh-sinh-vien"),
        ("Version", version.ToString(CultureInfo.InvariantCulture)), ("hanh-dong", action),
    ];

    /// <summary>The question form: <paramref name="options"/> fill the first boxes, <paramref name="correct"/> is a box number.</summary>
    public static List<(string, string)> QuestionFields(int version, string text, string[] options, int? correct, string explanation = "Theo **Điều 8** Luật Hôn nhân và gia đình.",
        string? key = null, string? citations = null, string difficulty = "trung-binh", string action = "luu")
    {
        var fields = new List<(string, string)>
        {
            ("Version", version.ToString(CultureInfo.InvariantCulture)), ("Key", key ?? ""), ("Text", text), ("Explanation", explanation),
            ("Citations", citations ?? ""), ("Difficulty", difficulty), ("hanh-dong", action),
        };
        for (var i = 0; i < 6; i++)
        {
            fields.Add(($"Options[{i}]", i < options.Length ? options[i] : ""));
        }
        if (correct is { } box)
        {
            fields.Add(("Correct", box.ToString(CultureInfo.InvariantCulture)));
        }
        return fields;
    }

    /// <summary>Creates a quiz through the editor form and returns its id.</summary>
    public static async Task<int> CreateQuizAsync(this HttpClient client, PortalFactory portal, string title)
    {
        var response = await client.PostFormAsync($"{Base}/moi", $"{Base}/moi", QuizFields(title));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        await client.GetStringAsync(response.Headers.Location);
        return await portal.WithDbAsync(db => db.Quizzes.Where(q => q.Title == title).Select(q => q.Id).SingleAsync());
    }

    /// <summary>Adds a question through the form (the right answer is box 2) and checks it was saved.</summary>
    public static async Task AddQuestionAsync(this HttpClient client, PortalFactory portal, int quizId, string text, string? key = null, string? citations = null)
    {
        var url = $"{Base}/{quizId}/cau-hoi/moi";
        var version = await portal.WithDbAsync(db => db.Quizzes.Where(q => q.Id == quizId).Select(q => q.Version).SingleAsync());
        var response = await client.PostFormAsync(url, url, QuestionFields(version, text, ["Đủ 18 tuổi", "Từ đủ 20 tuổi trở lên", "Đủ 21 tuổi"], 2, key: key, citations: citations));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        await client.GetStringAsync(response.Headers.Location);
    }

    public static Task<Quiz> QuizAsync(this PortalFactory portal, int id) =>
        portal.WithDbAsync(db => db.Quizzes.AsNoTracking()
            .Include(q => q.Questions).ThenInclude(x => x.Options)
            .Include(q => q.Questions).ThenInclude(x => x.Citations).ThenInclude(c => c.LegalDocument)
            .AsSplitQuery()
            .SingleAsync(q => q.Id == id));

    /// <summary>Posts <paramref name="content"/> as the import form's file.</summary>
    public static async Task<HttpResponseMessage> ImportAsync(this HttpClient client, int quizId, byte[] content, string fileName, int? version = null,
        PortalFactory? portal = null)
    {
        var url = $"{Base}/{quizId}/nhap";
        var token = await client.TokenAsync(url);
        version ??= portal is null ? 0 : await portal.WithDbAsync(db => db.Quizzes.Where(q => q.Id == quizId).Select(q => q.Version).SingleAsync());
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__csrf" },
            { new StringContent(version.Value.ToString(CultureInfo.InvariantCulture)), "version" },
        };
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "tep", fileName);
        return await client.PostAsync(url, form);
    }

    /// <summary>An .xlsx workbook with <paramref name="header"/> in row 1 and <paramref name="rows"/> below, written by MiniExcel.</summary>
    public static byte[] Workbook(string[] header, params object[][] rows)
    {
        var table = rows.Select(r =>
        {
            var row = new Dictionary<string, object>(StringComparer.Ordinal);
            for (var i = 0; i < header.Length; i++)
            {
                row[header[i]] = i < r.Length ? r[i] : "";
            }
            return row;
        }).ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(table, excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>A contest round on <paramref name="quizId"/> with one attempt, which locks the quiz's questions.</summary>
    /// <summary>Makes an open contest round draw <paramref name="questionCount"/> questions from the quiz, with no attempt yet.</summary>
    public static Task UseInOpenRoundAsync(this PortalFactory portal, int quizId, int questionCount) =>
        portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var quiz = await db.Quizzes.SingleAsync(q => q.Id == quizId);
            var contest = new Contest
            {
                Slug = $"cuoc-thi-rut-cau-{Guid.NewGuid():N}"[..36], Title = "Cuộc thi rút câu hỏi", AgencyId = quiz.AgencyId, Status = PublicationStatus.Published,
                CreatedAt = now, UpdatedAt = now,
            };
            contest.Rounds.Add(new ContestRound
            {
                Number = 1, Title = "Đợt 1", OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(7), Quiz = quiz, QuestionCount = questionCount,
                TimeLimitMinutes = 15, MaxAttempts = 1,
            });
            db.Contests.Add(contest);
            await db.SaveChangesAsync();
            return true;
        });

    public static Task LockWithAttemptAsync(this PortalFactory portal, int quizId) =>
        portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var quiz = await db.Quizzes.Include(q => q.Questions).ThenInclude(x => x.Options).SingleAsync(q => q.Id == quizId);
            var contest = new Contest
            {
                Slug = $"cuoc-thi-khoa-{Guid.NewGuid():N}"[..36], Title = "Cuộc thi khóa câu hỏi", AgencyId = quiz.AgencyId, Status = PublicationStatus.Published,
                CreatedAt = now, UpdatedAt = now,
            };
            var round = new ContestRound
            {
                Number = 1, Title = "Đợt 1", OpensAt = now.AddDays(-1), ClosesAt = now.AddDays(7), Quiz = quiz, QuestionCount = quiz.Questions.Count,
                TimeLimitMinutes = 15, MaxAttempts = 1,
            };
            contest.Rounds.Add(round);
            db.Contests.Add(contest);
            var entrant = new Entrant
            {
                Phone = ContestKit.NewPhone(), PasswordHash = "khong-dung", FullName = "Trần Thị Thử", BirthDate = new DateOnly(2000, 1, 1), UnitId = quiz.AgencyId,
                ConsentedAt = now, ConsentVersion = "1", CreatedAt = now,
            };
            db.Entrants.Add(entrant);
            var question = quiz.Questions[0];
            db.Attempts.Add(new Attempt
            {
                Id = Guid.NewGuid(), Round = round, Entrant = entrant, Number = 1, StartedAt = now, Deadline = now.AddMinutes(15),
                Paper = $"[{{\"q\":{question.Id},\"o\":[{string.Join(",", question.Options.Select(o => o.Id))}]}}]",
            });
            await db.SaveChangesAsync();
            return true;
        });
}

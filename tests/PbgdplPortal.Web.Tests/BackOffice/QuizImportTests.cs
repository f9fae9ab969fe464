using System.IO.Compression;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Quizzes;

namespace PbgdplPortal.Web.Tests.BackOffice;

public abstract class QuizImportTests(PortalFactory portal)
{
    private const string Agency = "so-tu-phap";
    private const string Base = QuizKit.Base;

    private static readonly string[] Header = ["ma", "cau_hoi", "phuong_an_1", "phuong_an_2", "phuong_an_3", "dap_an", "giai_thich", "can_cu", "muc_do"];

    private async Task<(HttpClient Editor, int QuizId)> NewQuizAsync(string title)
    {
        var editor = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Editor, Agency));
        return (editor, await editor.CreateQuizAsync(portal, EditingKit.Unique(title)));
    }

    [Fact]
    public async Task A_good_workbook_imports_every_row_and_a_second_one_updates_rows_by_code()
    {
        var (editor, id) = await NewQuizAsync("Bộ câu hỏi nhập Excel");
        var workbook = QuizKit.Workbook(Header,
            ["kh1", "Nam kết hôn từ **bao nhiêu** tuổi?", "Đủ 18 tuổi", "Từ đủ 20 tuổi trở lên", "Đủ 21 tuổi", 2, "Điểm a khoản 1 Điều 8.", "52/2014/QH13 | điểm a khoản 1 Điều 8", "de"],
            ["", "Nữ kết hôn từ bao nhiêu tuổi?", "Từ đủ 18 tuổi trở lên", "Đủ 20 tuổi", "", "A", "Điểm a khoản 1 Điều 8.", "", ""],
            ["kh3", "Kết hôn giả tạo có bị cấm không?", "Có", "Không", "", "1", "Điểm a khoản 2 Điều 5.", "52/2014/QH13 | điểm a khoản 2 Điều 5; 52/2014/QH13", "Khó"]);
        var response = await editor.ImportAsync(id, workbook, "cau-hoi.xlsx", portal: portal);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        Assert.Contains("Đã nhập 3 câu hỏi: 3 câu mới, 0 câu cập nhật.", WebUtility.HtmlDecode(await editor.GetStringAsync(response.Headers.Location)), StringComparison.Ordinal);
        var quiz = await portal.QuizAsync(id);
        var questions = quiz.Questions.OrderBy(q => q.Position).ToList();
        Assert.Equal(["kh1", "c1", "kh3"], questions.Select(q => q.Key));
        Assert.Equal("Từ đủ 20 tuổi trở lên", questions[0].Options.Single(o => o.IsCorrect).Text);
        Assert.Equal(QuizQuestionDifficulty.Easy, questions[0].Difficulty);
        Assert.Equal("Từ đủ 18 tuổi trở lên", questions[1].Options.Single(o => o.IsCorrect).Text);
        Assert.Equal(2, questions[1].Options.Count);
        Assert.Equal(QuizQuestionDifficulty.Hard, questions[2].Difficulty);
        Assert.Equal([("52/2014/QH13", "điểm a khoản 2 Điều 5"), ("52/2014/QH13", null)],
            questions[2].Citations.OrderBy(c => c.Position).Select(c => (c.LegalDocument.Number, c.Provision)));
        Assert.True(await portal.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == AuditActions.QuestionsImported && a.Target == "quiz:" + quiz.Slug)));

        var optionIds = questions[0].Options.OrderBy(o => o.Position).Select(o => o.Id).ToList();
        workbook = QuizKit.Workbook(Header,
            ["kh1", "Nam được kết hôn khi đủ bao nhiêu tuổi?", "Đủ 18 tuổi", "Từ đủ 20 tuổi trở lên", "Đủ 21 tuổi", 2, "Điểm a khoản 1 Điều 8.", "", "trung bình"],
            ["kh4", "Câu mới?", "Có", "Không", "", 1, "Giải thích.", "", ""]);
        response = await editor.ImportAsync(id, workbook, "cau-hoi-2.xlsx", portal: portal);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        questions = [.. (await portal.QuizAsync(id)).Questions.OrderBy(q => q.Position)];
        Assert.Equal(["kh1", "c1", "kh3", "kh4"], questions.Select(q => q.Key));
        Assert.Equal("Nam được kết hôn khi đủ bao nhiêu tuổi?", questions[0].Text);
        Assert.Equal(QuizQuestionDifficulty.Medium, questions[0].Difficulty);
        Assert.Equal(optionIds, questions[0].Options.OrderBy(o => o.Position).Select(o => o.Id));
    }

    [Fact]
    public async Task A_good_csv_with_or_without_a_byte_order_mark_and_either_separator_imports()
    {
        var (editor, id) = await NewQuizAsync("Bộ câu hỏi nhập CSV");
        var semicolons = "ma;cau_hoi;phuong_an_1;phuong_an_2;dap_an;giai_thich;can_cu\r\n"
            + "csv1;\"Câu hỏi có dấu \"\"ngoặc\"\"; và\nxuống dòng?\";Có;Không;1;Giải thích một.;52/2014/QH13 | Điều 5\r\n"
            + ";;;;;;\r\n"
            + "csv2;Câu hai?;Đúng;Sai;2;Giải thích hai.;\r\n";
        var response = await editor.ImportAsync(id, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(semicolons)], "cau-hoi.csv", portal: portal);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var commas = "cau_hoi,phuong_an_1,phuong_an_2,phuong_an_3,dap_an,giai_thich,muc_do\n"
            + "Câu ba?,Một,Hai,Ba,3,\"Giải thích, có dấu phẩy.\",kho\n";
        response = await editor.ImportAsync(id, Encoding.UTF8.GetBytes(commas), "cau-hoi-2.csv", portal: portal);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var questions = (await portal.QuizAsync(id)).Questions.OrderBy(q => q.Position).ToList();
        Assert.Equal(["csv1", "csv2", "c1"], questions.Select(q => q.Key));
        Assert.Equal("Câu hỏi có dấu \"ngoặc\"; và\nxuống dòng?", questions[0].Text);
        Assert.Equal("Điều 5", questions[0].Citations.Single().Provision);
        Assert.Equal("Sai", questions[1].Options.Single(o => o.IsCorrect).Text);
        Assert.Equal("Giải thích, có dấu phẩy.", questions[2].Explanation);
        Assert.Equal("Ba", questions[2].Options.Single(o => o.IsCorrect).Text);
    }

    [Fact]
    public async Task A_sheet_with_several_bad_rows_reports_each_by_its_row_number_and_imports_nothing()
    {
        var (editor, id) = await NewQuizAsync("Bộ câu hỏi nhập lỗi");
        await editor.AddQuestionAsync(portal, id, "Câu có sẵn?");
        var csv = "ma,cau_hoi,phuong_an_1,phuong_an_2,phuong_an_3,dap_an,giai_thich,can_cu,muc_do\n"
            + "t1,Câu tốt?,Có,Không,,1,Giải thích.,,\n"          // row 2: fine
            + "t2,Câu thiếu đáp án?,Có,Không,,,Giải thích.,,\n"  // row 3
            + "t3,Câu tốt nữa?,Có,Không,,2,Giải thích.,,\n"      // row 4: fine
            + "t4,Một phương án?,Chỉ một,,,1,Giải thích.,,\n"    // row 5
            + "t5,Căn cứ lạ?,Có,Không,,1,Giải thích.,88/8888/QH88 | Điều 1,\n" // row 6
            + "t1,Trùng mã?,Có,Không,,1,Giải thích.,,\n"         // row 7
            + "t6,Đáp án trống?,Có,Không,,3,,,rất khó\n"          // row 8
            + "t7,Câu có dấu phẩy, không ngoặc?,Có,Không,,1,Giải thích.,,\n"; // row 9
        var response = await editor.ImportAsync(id, Encoding.UTF8.GetBytes(csv), "loi.csv", portal: portal);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("Chưa nhập câu hỏi nào", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>3</td><td>Thiếu đáp án", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>5</td><td>Câu hỏi phải có từ 2 đến 6 phương án (đang có 1).", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>6</td><td>Căn cứ 1: không có văn bản số hiệu “88/8888/QH88”", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>7</td><td>Mã câu hỏi “t1” trùng với dòng 2.", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>8</td><td>Đáp án là phương án 3 nhưng cột phuong_an_3 để trống.", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>8</td><td>Mức độ “rất khó” không hợp lệ", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>8</td><td>Thiếu giải thích đáp án.", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>9</td><td>Có 10 cột, cần 9 — nếu nội dung có dấu phẩy, hãy đặt ô trong dấu ngoặc kép", html, StringComparison.Ordinal);
        Assert.Single(html.Split("<tr><td>9</td>")[1..]);
        Assert.Contains("Tệp “loi.csv” có 8 lỗi cần sửa ở 6 dòng;", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr><td>2</td>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<tr><td>4</td>", html, StringComparison.Ordinal);
        Assert.Equal(["c1"], (await portal.QuizAsync(id)).Questions.Select(q => q.Key));

        // A header that is not the template's is reported on row 1.
        response = await editor.ImportAsync(id, Encoding.UTF8.GetBytes("question,answer\nA,B\n"), "sai-cot.csv", portal: portal);
        html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("<tr><td>1</td><td>Cột “question” không có trong mẫu", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>1</td><td>Thiếu cột “cau_hoi”.", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_row_changing_the_answer_of_a_question_used_by_attempts_is_refused()
    {
        var (editor, id) = await NewQuizAsync("Bộ câu hỏi nhập khi đang thi");
        await editor.AddQuestionAsync(portal, id, "Câu đang thi?", key: "dt1");
        await portal.LockWithAttemptAsync(id);
        var csv = "ma,cau_hoi,phuong_an_1,phuong_an_2,phuong_an_3,dap_an,giai_thich\n"
            + "dt1,Câu đang thi?,Đủ 18 tuổi,Từ đủ 20 tuổi trở lên,Đủ 21 tuổi,1,Giải thích.\n"
            + "dt2,Câu mới?,Có,Không,,1,Giải thích.\n"
            + "dt1,Câu đang thi?,Đủ 18 tuổi,Từ đủ 20 tuổi trở lên,,2,Giải thích.\n";
        var response = await editor.ImportAsync(id, Encoding.UTF8.GetBytes(csv), "doi-dap-an.csv", portal: portal);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<tr><td>2</td><td>Câu hỏi đã được dùng trong bài thi: không được đổi đáp án đúng. (mã “dt1”)", html, StringComparison.Ordinal);
        Assert.Contains("<tr><td>4</td><td>Mã câu hỏi “dt1” trùng với dòng 2.", html, StringComparison.Ordinal);
        Assert.Equal(["dt1"], (await portal.QuizAsync(id)).Questions.Select(q => q.Key));

        csv = "ma,cau_hoi,phuong_an_1,phuong_an_2,dap_an,giai_thich\ndt1,Câu đang thi?,Đủ 18 tuổi,Từ đủ 20 tuổi trở lên,2,Giải thích.\n";
        html = WebUtility.HtmlDecode(await (await editor.ImportAsync(id, Encoding.UTF8.GetBytes(csv), "bo-phuong-an.csv", portal: portal)).Content.ReadAsStringAsync());
        Assert.Contains("không được bỏ phương án", html, StringComparison.Ordinal);
        Assert.Equal(3, (await portal.QuizAsync(id)).Questions.Single().Options.Count);
    }

    [Fact]
    public async Task Broken_or_foreign_files_get_a_message_never_a_server_error()
    {
        var (editor, id) = await NewQuizAsync("Bộ câu hỏi tệp hỏng");
        var good = QuizKit.Workbook(Header, ["x1", "Câu?", "Có", "Không", "", 1, "Giải thích.", "", ""]);
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using var entry = archive.CreateEntry("readme.txt").Open();
            await entry.WriteAsync(Encoding.UTF8.GetBytes("không phải bảng tính"));
        }
        var cases = new (byte[] Content, string Name, string Message)[]
        {
            ([], "rong.csv", "Hãy chọn tệp"),
            (good[..(good.Length / 2)], "cat-doi.xlsx", "Không đọc được tệp Excel"),
            (zip.ToArray(), "nen.xlsx", "Không đọc được tệp Excel"),
            ([0x4D, 0x5A, 0x90, 0x00, 0x03], "chuong-trinh.xlsx", "không phải bảng tính Excel .xlsx hợp lệ"),
            (Encoding.Latin1.GetBytes("cau_hoi,phuong_an_1\nC\u00e2u h\u1ecfi,\u00e9\n"), "latin.csv", "không phải văn bản UTF-8"),
            (Encoding.UTF8.GetBytes("cau_hoi,phuong_an_1,phuong_an_2,dap_an,giai_thich\n\"Chưa đóng,A,B,1,G\n"), "ngoac.csv", "mở mà không đóng"),
            (Encoding.UTF8.GetBytes("%PDF-1.7"), "tai-lieu.pdf", "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."),
            (Encoding.UTF8.GetBytes("cau_hoi,phuong_an_1,phuong_an_2,dap_an,giai_thich\n"), "chi-tieu-de.csv", "không có câu hỏi nào"),
        };
        foreach (var (content, name, message) in cases)
        {
            var response = await editor.ImportAsync(id, content, name, portal: portal);
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{name}: {(int)response.StatusCode}");
            Assert.Contains(message, html, StringComparison.Ordinal);
        }
        var rows = Enumerable.Range(1, QuizQuestionSheet.MaxRows + 1).Select(i => $"Câu {i}?,Có,Không,1,Giải thích.");
        var tooMany = await editor.ImportAsync(id, Encoding.UTF8.GetBytes("cau_hoi,phuong_an_1,phuong_an_2,dap_an,giai_thich\n" + string.Join("\n", rows)), "nhieu.csv", portal: portal);
        Assert.Contains("quá nhiều dòng", WebUtility.HtmlDecode(await tooMany.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var tooLarge = await editor.ImportAsync(id, new byte[PbgdplPortal.Web.BackOffice.QuizzesController.MaxImportBytes + 100_000], "lon.csv", portal: portal);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Empty((await portal.QuizAsync(id)).Questions);
    }

    [Fact]
    public async Task The_downloadable_templates_import_as_they_are()
    {
        var (editor, id) = await NewQuizAsync("Bộ câu hỏi từ tệp mẫu");
        var xlsx = await editor.GetAsync($"{Base}/mau-nhap.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType?.MediaType);
        var response = await editor.ImportAsync(id, await xlsx.Content.ReadAsByteArrayAsync(), "mau-nhap-cau-hoi.xlsx", portal: portal);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var csv = await editor.GetByteArrayAsync($"{Base}/mau-nhap.csv");
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        response = await editor.ImportAsync(id, csv, "mau-nhap-cau-hoi.csv", portal: portal);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        var question = (await portal.QuizAsync(id)).Questions.Single();
        Assert.Equal("c1", question.Key);
        Assert.Equal("Từ đủ 20 tuổi trở lên", question.Options.Single(o => o.IsCorrect).Text);
        Assert.Equal("điểm a khoản 1 Điều 8", question.Citations.Single().Provision);
        Assert.Contains("mau-nhap.xlsx", await editor.GetStringAsync($"{Base}/{id}/nhap"), StringComparison.Ordinal);
    }
}

[Collection(SqliteCollection.Name)]
public sealed class QuizImportOnSqlite(SqlitePortal portal) : QuizImportTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class QuizImportOnPostgres(PostgresPortal portal) : QuizImportTests(portal);

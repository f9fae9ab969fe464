using System.Text;
using PbgdplPortal.Quizzes;

namespace PbgdplPortal.Core.Tests.Quizzes;

public class QuestionSheetTests
{
    private static List<SheetRow> Csv(string text)
    {
        var (rows, problem) = QuizQuestionSheet.ReadCsv(Encoding.UTF8.GetBytes(text));
        Assert.Null(problem);
        return rows;
    }

    [Fact]
    public void Csv_rows_are_numbered_as_a_spreadsheet_shows_them_even_with_line_breaks_inside_quotes()
    {
        var rows = Csv("a;b\r\n\"một\ndòng nữa\";\"có \"\"ngoặc\"\"; và chấm phẩy\"\r\n\r\nx;y");
        Assert.Equal([1, 2, 4, 5], rows.Select(r => r.Number));
        Assert.Equal(["một\ndòng nữa", "có \"ngoặc\"; và chấm phẩy"], rows[1].Cells);
        Assert.Equal([""], rows[2].Cells);
        Assert.Equal(["x", "y"], rows[3].Cells);
    }

    [Fact]
    public void The_header_row_chooses_the_separator_and_a_byte_order_mark_is_dropped()
    {
        var (rows, problem) = QuizQuestionSheet.ReadCsv([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes("cau_hoi,dap_an\nCâu; hỏi,1\n")]);
        Assert.Null(problem);
        Assert.Equal(["cau_hoi", "dap_an"], rows[0].Cells);
        Assert.Equal(["Câu; hỏi", "1"], rows[1].Cells);
    }

    [Fact]
    public void Text_that_is_not_UTF8_or_an_unclosed_quote_is_a_problem_of_the_file()
    {
        Assert.Contains("UTF-8", QuizQuestionSheet.ReadCsv([0x43, 0xE2, 0x75, 0x0A]).Problem?.Message, StringComparison.Ordinal);
        Assert.Equal(2, QuizQuestionSheet.ReadCsv(Encoding.UTF8.GetBytes("a,b\n\"mở,1\n")).Problem?.Row);
    }

    [Fact]
    public void Rows_are_read_into_drafts_with_the_answer_counted_among_the_filled_options()
    {
        var reading = QuizQuestionSheet.Read(Csv(
            "ma,cau_hoi,phuong_an_1,phuong_an_2,phuong_an_3,dap_an,giai_thich,muc_do\n"
            + "q1,Câu?,Một,,Ba,3,Vì vậy.,Khó\n"
            + "q2,Câu hai?,Có,Không,,b,Vì thế.,\n"));
        Assert.Empty(reading.Problems);
        Assert.Equal(["Một", "Ba"], reading.Questions[0].Draft.Options);
        Assert.Equal(2, reading.Questions[0].Draft.Correct);
        Assert.Equal(QuizQuestionDifficulty.Hard, reading.Questions[0].Draft.Difficulty);
        Assert.Equal(2, reading.Questions[1].Draft.Correct);
        Assert.Equal(QuizQuestionDifficulty.Medium, reading.Questions[1].Draft.Difficulty);
    }

    [Theory]
    [InlineData("de", QuizQuestionDifficulty.Easy)]
    [InlineData("Dễ", QuizQuestionDifficulty.Easy)]
    [InlineData("TRUNG BÌNH", QuizQuestionDifficulty.Medium)]
    [InlineData("", QuizQuestionDifficulty.Medium)]
    [InlineData("khó", QuizQuestionDifficulty.Hard)]
    public void Difficulties_are_read_with_or_without_diacritics(string text, QuizQuestionDifficulty expected) =>
        Assert.Equal(expected, QuizQuestionRules.ParseDifficulty(text));

    [Fact]
    public void New_codes_take_the_first_free_number() =>
        Assert.Equal("c2", QuizQuestionRules.NextKey(["c1", "c3", "dt1"]));

    [Fact]
    public void A_csv_row_with_more_cells_than_the_header_is_reported_as_such_and_not_checked_further()
    {
        var reading = QuizQuestionSheet.Read(Csv(
            "cau_hoi,phuong_an_1,phuong_an_2,dap_an,giai_thich,muc_do\n"
            + "Câu tốt?,Có,Không,1,Giải thích.,de\n"
            + "Tuổi kết hôn, theo luật?,Có,Không,1,Giải thích.,de\n"
            + "\"Tuổi kết hôn, trong ngoặc?\",Có,Không,1,Giải thích.,de\n"));
        Assert.Equal([new SheetProblem(3, "Có 7 cột, cần 6 — nếu nội dung có dấu phẩy, hãy đặt ô trong dấu ngoặc kép (\"…\").")], reading.Problems);
        Assert.Equal([2, 4], reading.Questions.Select(q => q.Row));
        Assert.Contains("dấu chấm phẩy", QuizQuestionSheet.ReadCsv(Encoding.UTF8.GetBytes("a;b\nx;y;z\n")).Rows[1].Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void The_problem_summary_counts_every_listed_problem()
    {
        Assert.Equal("3 lỗi cần sửa ở 2 dòng",
            QuizQuestionSheet.ProblemSummary([new SheetProblem(3, "a"), new SheetProblem(3, "b"), new SheetProblem(5, "c")]));
        Assert.Equal("2 lỗi cần sửa", QuizQuestionSheet.ProblemSummary([new SheetProblem(3, "a"), new SheetProblem(5, "c")]));
        Assert.Equal("1 lỗi cần sửa", QuizQuestionSheet.ProblemSummary([new SheetProblem(0, "a")]));
    }
}

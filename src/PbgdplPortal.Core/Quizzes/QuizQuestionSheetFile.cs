using System.Globalization;
using System.Text;
using MiniExcelLibs;
using PbgdplPortal.Media;

namespace PbgdplPortal.Quizzes;

/// <summary>
/// A question sheet as uploaded: judged by its content (a zip is an Excel workbook, checked by the attachment
/// inspector), never by its name alone, and read into rows for <see cref="QuizQuestionSheet"/>; and the templates offered
/// for download.
/// </summary>
public static class QuizQuestionSheetFile
{
    /// <summary>The largest sheet accepted.</summary>
    public const int MaxBytes = 2 * 1024 * 1024;

    private static readonly byte[] ZipSignature = [(byte)'P', (byte)'K', 3, 4];

    /// <summary>The sheet's rows, or what is wrong with the file.</summary>
    public static (IReadOnlyList<SheetRow> Rows, SheetProblem? Problem) Read(byte[] bytes, string? fileName, AttachmentInspector inspector)
    {
        ArgumentNullException.ThrowIfNull(bytes);
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        if (bytes.AsSpan().StartsWith(ZipSignature))
        {
            return ReadWorkbook(bytes, fileName, inspector);
        }
        if (extension is ".xlsx" or ".xls")
        {
            return ([], new SheetProblem(0, "Tệp không phải bảng tính Excel .xlsx hợp lệ (tệp hỏng, hoặc định dạng .xls cũ: hãy lưu lại dưới dạng .xlsx)."));
        }
        if (extension is not (".csv" or ".txt"))
        {
            return ([], new SheetProblem(0, "Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv)."));
        }
        var (rows, problem) = QuizQuestionSheet.ReadCsv(bytes);
        return (rows, problem);
    }

    private static (IReadOnlyList<SheetRow> Rows, SheetProblem? Problem) ReadWorkbook(byte[] bytes, string? fileName, AttachmentInspector inspector)
    {
        var inspection = inspector.Inspect(bytes, fileName);
        if (!inspection.Succeeded || inspection.Type != AttachmentType.Xlsx)
        {
            return ([], new SheetProblem(0, inspection.Error is { } error ? $"Không đọc được tệp Excel: {error}" : "Tệp không phải bảng tính Excel .xlsx."));
        }
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            var rows = new List<SheetRow>();
            foreach (IDictionary<string, object?> row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX))
            {
                rows.Add(new SheetRow(rows.Count + 1, [.. row.Values.Select(CellText)]));
                if (rows.Count > QuizQuestionSheet.MaxRows + 1)
                {
                    return (rows, QuizQuestionSheet.TooManyRows());
                }
            }
            return (rows, null);
        }
        catch (Exception)
        {
            // A workbook that passes the inspection can still be malformed inside; MiniExcel then throws whatever it meets.
            return ([], new SheetProblem(0, "Không đọc được tệp Excel: tệp hỏng hoặc không đúng định dạng .xlsx. Hãy mở và lưu lại tệp, hoặc dùng tệp mẫu."));
        }
    }

    private static string CellText(object? value) => value switch
    {
        null => "",
        string s => s,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>An Excel workbook with the header row and one example row.</summary>
    public static byte[] TemplateWorkbook()
    {
        var row = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < QuizQuestionSheet.Columns.Count; i++)
        {
            row[QuizQuestionSheet.Columns[i]] = QuizQuestionSheet.ExampleRow[i];
        }
        using var stream = new MemoryStream();
        MiniExcel.SaveAs(stream, new[] { row }, sheetName: "cau_hoi", excelType: ExcelType.XLSX);
        return stream.ToArray();
    }

    /// <summary>The same as CSV, with a byte-order mark so that Excel opens the Vietnamese text as UTF-8.</summary>
    public static byte[] TemplateCsv()
    {
        static string Field(string value) => value.IndexOfAny([',', '"', '\n', '\r', ';']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
        var text = string.Join(",", QuizQuestionSheet.Columns) + "\r\n" + string.Join(",", QuizQuestionSheet.ExampleRow.Select(Field)) + "\r\n";
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)];
    }
}

using System.Text.RegularExpressions;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.Tests.Hosting;

/// <summary>
/// One date-time format everywhere: dd/MM/yyyy HH:mm in Vietnam time, written by <see cref="VietnameseText.FormatMinute"/> alone
/// (and the time of day by <see cref="VietnameseText.FormatClock"/> where the day is already said).
/// Machine formats (yyyy-MM-ddTHH:mm for form inputs and datetime attributes) are not shown to people and are allowed.
/// </summary>
public sealed partial class DateFormatRuleTests
{
    // A quoted .NET date format holding hours: format letters, separators and 'literal' parts only.
    [GeneratedRegex("\"((?:[dMyHhmsfTtz/:.,\\- ]|'[^'\"]*')*(?:HH|hh)(?:[dMyHhmsfTtz/:.,\\- ]|'[^'\"]*')*)\"")]
    private static partial Regex TimeFormat();

    [GeneratedRegex(@"\.ToString\(\s*""[gGfFtT]""|\.ToShortTimeString\(|\.ToLongTimeString\(|\.ToShortDateString\(|\.ToLongDateString\(")]
    private static partial Regex CultureFormat();

    [Fact]
    public void Views_pages_and_Core_show_times_only_through_the_one_helper()
    {
        var roots = new[] { "src", "themes" }.Select(r => Path.Combine(TestPaths.Repository, r));
        var files = roots.SelectMany(r => Directory.EnumerateFiles(r, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        Assert.NotEmpty(files);
        Assert.Contains(files, f => f.EndsWith("VietnameseText.cs", StringComparison.Ordinal));
        var helper = Path.Combine("Text", "VietnameseText.cs");
        var offences = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (lines[i].TrimStart().StartsWith("//", StringComparison.Ordinal))
                {
                    continue;
                }
                foreach (Match match in TimeFormat().Matches(lines[i]))
                {
                    var format = match.Groups[1].Value;
                    var machine = format.StartsWith("yyyy-MM-ddTHH", StringComparison.Ordinal) || format.StartsWith("yyyy-MM-dd HH", StringComparison.Ordinal);
                    var theHelper = format is "dd/MM/yyyy HH:mm" or "HH:mm" && file.EndsWith(helper, StringComparison.Ordinal);
                    // Parsing what people type is not showing a time.
                    var parsing = lines[i].Contains("TryParseExact", StringComparison.Ordinal);
                    if (!machine && !theHelper && !parsing && format.Contains(":mm", StringComparison.Ordinal))
                    {
                        offences.Add($"{Path.GetRelativePath(TestPaths.Repository, file)}:{i + 1}: \"{format}\"");
                    }
                }
                if (CultureFormat().IsMatch(lines[i]))
                {
                    offences.Add($"{Path.GetRelativePath(TestPaths.Repository, file)}:{i + 1}: a culture-dependent date format");
                }
            }
        }
        Assert.True(offences.Count == 0, "Show date-times with VietnameseText.FormatMinute (dd/MM/yyyy HH:mm):\n" + string.Join("\n", offences));
    }

    [Fact]
    public void The_helper_writes_day_month_year_hours_minutes_in_Vietnam_time()
    {
        Assert.Equal("08/12/2026 07:05", VietnameseText.FormatMinute(new DateTime(2026, 12, 8, 0, 5, 0, DateTimeKind.Utc)));
    }
}

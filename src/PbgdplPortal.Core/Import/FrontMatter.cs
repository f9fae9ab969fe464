using System.Globalization;
using PbgdplPortal.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace PbgdplPortal.Import;

/// <summary>A problem found in an import, with the file and line it is on.</summary>
public sealed record ImportProblem(string File, int Line, string Message)
{
    public override string ToString() => $"{File}:{Line}: {Message}";
}

/// <summary>A YAML mapping read from a file, with line numbers for every field and problem.</summary>
internal sealed class YamlRecord
{
    private readonly YamlMappingNode node;
    private readonly int lineOffset;
    private readonly HashSet<string> read = [];

    public YamlRecord(string file, YamlMappingNode node, int lineOffset, List<ImportProblem> problems)
    {
        File = file;
        this.node = node;
        this.lineOffset = lineOffset;
        Problems = problems;
    }

    public string File { get; }
    public List<ImportProblem> Problems { get; }
    public int Line => LineOf(node);

    public int LineOf(YamlNode n) => (int)n.Start.Line + lineOffset;

    public void Problem(int line, string message) => Problems.Add(new ImportProblem(File, line, message));

    private YamlNode? Find(string key)
    {
        read.Add(key);
        return node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
    }

    public int LineOfField(string key) =>
        node.Children.Keys.FirstOrDefault(k => k is YamlScalarNode s && s.Value == key) is { } k ? LineOf(k) : Line;

    /// <summary>A scalar text field; null when absent or empty (reported when required).</summary>
    public string? Text(string key, bool required = false, int maxLength = 0)
    {
        var value = Find(key);
        switch (value)
        {
            case null:
            case YamlScalarNode { Value: null or "" } when value.Tag.IsEmpty:
                if (required)
                {
                    Problem(value is null ? Line : LineOf(value), $"thiếu trường bắt buộc '{key}'");
                }
                return null;
            case YamlScalarNode scalar:
                var text = VietnameseText.Nfc(scalar.Value!.Trim());
                if (required && text.Length == 0)
                {
                    Problem(LineOf(scalar), $"trường '{key}' không được để trống");
                    return null;
                }
                if (maxLength > 0 && text.Length > maxLength)
                {
                    Problem(LineOf(scalar), $"trường '{key}' dài quá {maxLength} ký tự");
                    return null;
                }
                return text.Length == 0 ? null : text;
            default:
                Problem(LineOf(value), $"trường '{key}' phải là một giá trị văn bản");
                return null;
        }
    }

    /// <summary>A list of scalars; a single scalar is taken as a list of one.</summary>
    public List<(string Value, int Line)> List(string key, bool required = false)
    {
        var value = Find(key);
        var items = new List<(string, int)>();
        switch (value)
        {
            case null:
                break;
            case YamlScalarNode scalar when !string.IsNullOrWhiteSpace(scalar.Value):
                items.Add((VietnameseText.Nfc(scalar.Value.Trim()), LineOf(scalar)));
                break;
            case YamlScalarNode:
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { } v } && !string.IsNullOrWhiteSpace(v))
                    {
                        items.Add((VietnameseText.Nfc(v.Trim()), LineOf(item)));
                    }
                    else
                    {
                        Problem(LineOf(item), $"mỗi phần tử của '{key}' phải là một giá trị văn bản");
                    }
                }
                break;
            default:
                Problem(LineOf(value), $"trường '{key}' phải là một danh sách");
                break;
        }
        if (required && items.Count == 0)
        {
            Problem(value is null ? Line : LineOf(value), $"trường '{key}' phải có ít nhất một giá trị");
        }
        return items;
    }

    /// <summary>A list of mappings, e.g. a document's relations.</summary>
    public List<YamlRecord> Records(string key)
    {
        var value = Find(key);
        var records = new List<YamlRecord>();
        switch (value)
        {
            case null:
            case YamlScalarNode { Value: null or "" }:
                break;
            case YamlSequenceNode sequence:
                foreach (var item in sequence)
                {
                    if (item is YamlMappingNode map)
                    {
                        records.Add(new YamlRecord(File, map, lineOffset, Problems));
                    }
                    else
                    {
                        Problem(LineOf(item), $"mỗi phần tử của '{key}' phải có dạng 'khóa: giá trị'");
                    }
                }
                break;
            default:
                Problem(LineOf(value), $"trường '{key}' phải là một danh sách");
                break;
        }
        return records;
    }

    /// <summary>A whole number between <paramref name="min"/> and <paramref name="max"/>.</summary>
    public int? Int(string key, int min, int max, bool required = false)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }
        Problem(LineOfField(key), $"trường '{key}' phải là số nguyên từ {min} đến {max}, không phải '{text}'");
        return null;
    }

    /// <summary>A nested mapping, e.g. a round's prizes; null when absent.</summary>
    public YamlRecord? Record(string key)
    {
        switch (Find(key))
        {
            case null:
            case YamlScalarNode { Value: null or "" }:
                return null;
            case YamlMappingNode map:
                return new YamlRecord(File, map, lineOffset, Problems);
            case var other:
                Problem(LineOf(other), $"trường '{key}' phải có dạng 'khóa: giá trị'");
                return null;
        }
    }

    public bool? Flag(string key)
    {
        var text = Text(key);
        switch (text?.ToLowerInvariant())
        {
            case null:
                return null;
            case "true" or "yes" or "có":
                return true;
            case "false" or "no" or "không":
                return false;
            default:
                Problem(LineOfField(key), $"trường '{key}' phải là true hoặc false, không phải '{text}'");
                return null;
        }
    }

    /// <summary>A calendar date written YYYY-MM-DD.</summary>
    public DateOnly? Date(string key, bool required = false)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        Problem(LineOfField(key), $"ngày không hợp lệ ở trường '{key}': '{text}' (cần dạng YYYY-MM-DD)");
        return null;
    }

    /// <summary>A moment written YYYY-MM-DD (midnight in Vietnam) or ISO 8601 with an offset; returned as UTC.</summary>
    public DateTime? Moment(string key, bool required = false)
    {
        var text = Text(key, required);
        if (text is null)
        {
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return VietnameseText.VietnamMidnightUtc(date);
        }
        if (text.Length > 10 && (text.EndsWith('Z') || text[^6] is '+' or '-')
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            return moment.UtcDateTime;
        }
        Problem(LineOfField(key), $"ngày giờ không hợp lệ ở trường '{key}': '{text}' (cần dạng YYYY-MM-DD hoặc YYYY-MM-DDTHH:mm:ss+07:00)");
        return null;
    }

    /// <summary>Reports every field the reader did not ask for, which is usually a typo.</summary>
    public void RejectUnknownFields()
    {
        foreach (var key in node.Children.Keys)
        {
            if (key is YamlScalarNode { Value: { } name } && !read.Contains(name))
            {
                Problem(LineOf(key), $"trường không được hỗ trợ '{name}'");
            }
        }
    }
}

internal static class YamlFiles
{
    /// <summary>Parses YAML text; on a syntax error reports it and returns null.</summary>
    public static YamlNode? Parse(string file, string yaml, int lineOffset, List<ImportProblem> problems)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(yaml));
            return stream.Documents.Count == 0 ? null : stream.Documents[0].RootNode;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            problems.Add(new ImportProblem(file, (int)e.Start.Line + lineOffset, $"YAML không hợp lệ: {message}"));
            return null;
        }
    }

    /// <summary>Splits a Markdown file into its front matter (as a record) and its body.</summary>
    public static (YamlRecord? Header, string Body) ReadFrontMatter(string file, string text, List<ImportProblem> problems)
    {
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (lines.Length == 0 || lines[0].TrimEnd() != "---")
        {
            problems.Add(new ImportProblem(file, 1, "tệp phải bắt đầu bằng phần đầu YAML giữa hai dòng '---'"));
            return (null, string.Empty);
        }
        var end = Array.FindIndex(lines, 1, l => l.TrimEnd() == "---");
        if (end < 0)
        {
            problems.Add(new ImportProblem(file, 1, "thiếu dòng '---' đóng phần đầu YAML"));
            return (null, string.Empty);
        }
        var yaml = string.Join('\n', lines[1..end]);
        var body = string.Join('\n', lines[(end + 1)..]).Trim('\n', ' ');
        // Line numbers from YamlDotNet are 1-based within the front matter, which starts on line 2.
        var root = Parse(file, yaml, 1, problems);
        switch (root)
        {
            case YamlMappingNode map:
                return (new YamlRecord(file, map, 1, problems), VietnameseText.Nfc(body));
            case null when problems.Any(p => p.File == file):
                return (null, string.Empty);
            default:
                problems.Add(new ImportProblem(file, 2, "phần đầu YAML phải có dạng 'khóa: giá trị'"));
                return (null, string.Empty);
        }
    }
}

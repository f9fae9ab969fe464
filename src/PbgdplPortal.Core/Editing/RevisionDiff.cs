using System.Text.Json;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using PbgdplPortal.Content;

namespace PbgdplPortal.Editing;

public enum DiffKind
{
    Unchanged,
    Deleted,
    Inserted,
    Modified,

    /// <summary>No line on this side (the other side has an inserted or deleted line).</summary>
    Empty,
}

/// <summary>One row of a side-by-side comparison.</summary>
public sealed record DiffRow(int? OldNumber, string? OldText, DiffKind OldKind, int? NewNumber, string? NewText, DiffKind NewKind);

/// <summary>One compared part of two revisions (title, summary, body, other fields).</summary>
public sealed record DiffSection(string Label, IReadOnlyList<DiffRow> Rows)
{
    public bool Changed => Rows.Any(r => r.OldKind != DiffKind.Unchanged || r.NewKind != DiffKind.Unchanged);
}

/// <summary>Side-by-side line comparison of two revisions.</summary>
public static class RevisionDiff
{
    private static readonly Dictionary<string, string> Labels = new(StringComparer.Ordinal)
    {
        ["slug"] = "Đường dẫn",
        ["topics"] = "Chủ đề",
        ["audiences"] = "Đối tượng",
        ["citations"] = "Văn bản được trích dẫn",
        ["featuredImageId"] = "Ảnh đại diện",
        ["attachmentIds"] = "Tệp đính kèm",
        ["publishAt"] = "Thời điểm đăng",
        ["unpublishAt"] = "Thời điểm gỡ",
        ["agencyId"] = "Cơ quan",
        ["number"] = "Số hiệu",
        ["type"] = "Loại văn bản",
        ["issuer"] = "Cơ quan ban hành",
        ["signer"] = "Người ký",
        ["issuedOn"] = "Ngày ban hành",
        ["effectiveOn"] = "Ngày hiệu lực",
        ["expiresOn"] = "Ngày hết hiệu lực",
        ["validity"] = "Tình trạng hiệu lực",
        ["relations"] = "Quan hệ với văn bản khác",
    };

    public static IReadOnlyList<DiffSection> Compare(Revision older, Revision newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        return
        [
            Section("Tiêu đề", older.Title, newer.Title),
            Section("Tóm tắt", older.Summary ?? "", newer.Summary ?? ""),
            Section("Nội dung", older.Body, newer.Body),
            Section("Thông tin khác", MetadataText(older.Metadata), MetadataText(newer.Metadata)),
        ];
    }

    public static DiffSection Section(string label, string oldText, string newText)
    {
        var model = SideBySideDiffBuilder.Diff(Lines(oldText), Lines(newText), ignoreWhiteSpace: false);
        var rows = new List<DiffRow>(model.OldText.Lines.Count);
        for (var i = 0; i < Math.Max(model.OldText.Lines.Count, model.NewText.Lines.Count); i++)
        {
            var o = i < model.OldText.Lines.Count ? model.OldText.Lines[i] : null;
            var n = i < model.NewText.Lines.Count ? model.NewText.Lines[i] : null;
            rows.Add(new DiffRow(o?.Position, o?.Text, Kind(o), n?.Position, n?.Text, Kind(n)));
        }
        return new DiffSection(label, rows);
    }

    private static string Lines(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static DiffKind Kind(DiffPiece? piece) => piece?.Type switch
    {
        ChangeType.Unchanged => DiffKind.Unchanged,
        ChangeType.Deleted => DiffKind.Deleted,
        ChangeType.Inserted => DiffKind.Inserted,
        ChangeType.Modified => DiffKind.Modified,
        _ => DiffKind.Empty,
    };

    /// <summary>The metadata JSON as "Label: value" lines, one per field, lists joined.</summary>
    public static string MetadataText(string metadata)
    {
        try
        {
            using var json = JsonDocument.Parse(metadata);
            if (json.RootElement.ValueKind != JsonValueKind.Object)
            {
                return metadata;
            }
            var lines = json.RootElement.EnumerateObject().Select(p =>
                $"{(Labels.TryGetValue(p.Name, out var label) ? label : p.Name)}: {Value(p.Value)}");
            return string.Join("\n", lines);
        }
        catch (JsonException)
        {
            return metadata;
        }
    }

    private static string Value(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Array => string.Join("; ", value.EnumerateArray().Select(Value)),
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Null => "—",
        _ => value.GetRawText(),
    };
}

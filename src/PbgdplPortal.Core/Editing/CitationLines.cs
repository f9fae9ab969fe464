using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;
using PbgdplPortal.Text;

namespace PbgdplPortal.Editing;

/// <summary>A cited document, resolved: the document's id and the provision ("khoản 2 Điều 8"), if any.</summary>
public sealed record ResolvedCitation(int DocumentId, string? Provision);

/// <summary>
/// Reads a legal basis typed as "số hiệu | điều khoản" items (one per line in the editors, separated by
/// line breaks or semicolons in an import sheet) and resolves the numbers against the documents the portal holds.
/// </summary>
public static class CitationLines
{
    public const int MaxNumberLength = 100;
    public const int MaxProvisionLength = 300;

    /// <summary>
    /// The cited documents in order, and a Vietnamese message per bad item; <paramref name="itemLabel"/> names an
    /// item in messages ("Dòng" in an editor, "Căn cứ" in a sheet cell).
    /// </summary>
    public static async Task<(List<ResolvedCitation> Citations, List<string> Problems)> ResolveAsync(PortalDbContext db, string? text, string itemLabel,
        char[] separators, CancellationToken cancellationToken) =>
        (await ResolveAllAsync(db, [text], itemLabel, separators, cancellationToken))[0];

    /// <summary>As <see cref="ResolveAsync"/> for many texts (the rows of a sheet), with one database query for them all.</summary>
    public static async Task<List<(List<ResolvedCitation> Citations, List<string> Problems)>> ResolveAllAsync(PortalDbContext db, IReadOnlyList<string?> texts,
        string itemLabel, char[] separators, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(texts);
        var problems = texts.Select(_ => new List<string>()).ToList();
        var parsed = texts.Select((text, t) => Parse(text, itemLabel, separators, problems[t])).ToList();
        var keys = parsed.SelectMany(p => p).Select(p => p.Key).Distinct().ToList();
        var ids = keys.Count == 0
            ? []
            : await db.LegalDocuments.AsNoTracking().Where(d => keys.Contains(d.NumberKey)).ToDictionaryAsync(d => d.NumberKey, d => d.Id, cancellationToken);
        var results = new List<(List<ResolvedCitation>, List<string>)>(texts.Count);
        for (var t = 0; t < texts.Count; t++)
        {
            var citations = new List<ResolvedCitation>();
            foreach (var p in parsed[t])
            {
                if (ids.TryGetValue(p.Key, out var id))
                {
                    citations.Add(new ResolvedCitation(id, p.Provision));
                }
                else
                {
                    problems[t].Add($"{itemLabel} {p.Item}: không có văn bản số hiệu “{p.Number}” trong hệ thống. Hãy kiểm tra số hiệu hoặc thêm văn bản trước.");
                }
            }
            results.Add((citations, problems[t]));
        }
        return results;
    }

    private static List<(int Item, string Number, string Key, string? Provision)> Parse(string? text, string itemLabel, char[] separators, List<string> problems)
    {
        var items = (text ?? "").Split(separators).Select(l => VietnameseText.Nfc(l).Trim()).ToList();
        var parsed = new List<(int Item, string Number, string Key, string? Provision)>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Length == 0)
            {
                continue;
            }
            var parts = items[i].Split('|', 2);
            var number = parts[0].Trim();
            var provision = parts.Length > 1 && parts[1].Trim().Length > 0 ? parts[1].Trim() : null;
            if (number.Length is 0 or > MaxNumberLength)
            {
                problems.Add($"{itemLabel} {i + 1} (“{items[i]}”): thiếu số hiệu văn bản.");
                continue;
            }
            if (provision is { Length: > MaxProvisionLength })
            {
                problems.Add($"{itemLabel} {i + 1}: điều khoản quá dài (tối đa {MaxProvisionLength} ký tự).");
                continue;
            }
            parsed.Add((i + 1, number, DocumentNumbers.Key(number), provision));
        }
        return parsed;
    }

    /// <summary>The lines back from stored citations, for an editor: "số hiệu | điều khoản", one per line.</summary>
    public static string Format(IEnumerable<(string Number, string? Provision)> citations) =>
        string.Join("\n", citations.Select(c => c.Provision is null ? c.Number : $"{c.Number} | {c.Provision}"));
}

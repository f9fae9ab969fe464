using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Data;
using PbgdplPortal.Text;

namespace PbgdplPortal.Editing;

/// <summary>A cited document and, optionally, the provision ("khoản 2 Điều 8").</summary>
public sealed record CitedProvision(int DocumentId, string? Provision);

/// <summary>Legal-basis lines as editors and experts type them: "số hiệu | điều khoản", one per line.</summary>
public static class CitationLines
{
    public const int ProvisionLength = 300;

    /// <summary>The cited documents the portal holds, in order, and a Vietnamese message for every line it cannot use.</summary>
    public static async Task<(List<CitedProvision> Citations, List<string> Errors)> ParseAsync(PortalDbContext db, string? text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var errors = new List<string>();
        var lines = (text ?? "").Split('\n').Select(l => VietnameseText.Nfc(l).Trim()).ToList();
        var parsed = new List<(int Line, string Number, string Key, string? Provision)>();
        for (var i = 0; i < lines.Count; i++)
        {
            if (lines[i].Length == 0)
            {
                continue;
            }
            var parts = lines[i].Split('|', 2);
            var number = parts[0].Trim();
            var provision = parts.Length > 1 && parts[1].Trim().Length > 0 ? parts[1].Trim() : null;
            if (number.Length == 0 || number.Length > 100)
            {
                errors.Add($"Dòng {i + 1} (“{lines[i]}”): thiếu số hiệu văn bản.");
                continue;
            }
            if (provision is { Length: > ProvisionLength })
            {
                errors.Add($"Dòng {i + 1}: điều khoản quá dài (tối đa {ProvisionLength} ký tự).");
                continue;
            }
            parsed.Add((i + 1, number, DocumentNumbers.Key(number), provision));
        }
        var keys = parsed.Select(p => p.Key).Distinct().ToList();
        var ids = await db.LegalDocuments.AsNoTracking().Where(d => keys.Contains(d.NumberKey)).ToDictionaryAsync(d => d.NumberKey, d => d.Id, cancellationToken);
        var citations = new List<CitedProvision>();
        foreach (var p in parsed)
        {
            if (ids.TryGetValue(p.Key, out var id))
            {
                citations.Add(new CitedProvision(id, p.Provision));
            }
            else
            {
                errors.Add($"Dòng {p.Line}: không có văn bản số hiệu “{p.Number}” trong hệ thống. Hãy kiểm tra số hiệu hoặc thêm văn bản trước.");
            }
        }
        return (citations, errors);
    }

    /// <summary>The lines back from stored citations, for the editor.</summary>
    public static string Format(IEnumerable<(string Number, string? Provision)> citations) =>
        string.Join("\n", citations.Select(c => c.Provision is null ? c.Number : $"{c.Number} | {c.Provision}"));
}

namespace PbgdplPortal.Text;

/// <summary>How personal data appears in public: masked, never in full.</summary>
public static class PersonalData
{
    /// <summary>"Nguyễn Văn An" → "Nguyễn V. A": the family name, then initials.</summary>
    public static string MaskName(string? fullName)
    {
        var words = (fullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length switch
        {
            0 => "—",
            1 => Initial(words[0]),
            _ => string.Join(' ', [words[0], .. words[1..^1].Select(w => Initial(w) + "."), Initial(words[^1])]),
        };
    }

    /// <summary>"0912345612" → "09******12".</summary>
    public static string MaskPhone(string? phone)
    {
        var digits = new string((phone ?? "").Where(char.IsAsciiDigit).ToArray());
        return digits.Length < 5 ? new string('*', digits.Length) : digits[..2] + new string('*', digits.Length - 4) + digits[^2..];
    }

    /// <summary>The first letter, whole (a base letter with its marks), upper-cased.</summary>
    private static string Initial(string word)
    {
        var normalized = word.Normalize(System.Text.NormalizationForm.FormC);
        var length = System.Globalization.StringInfo.GetNextTextElementLength(normalized);
        return normalized[..length].ToUpperInvariant();
    }
}

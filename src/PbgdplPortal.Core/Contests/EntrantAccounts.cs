using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Content;
using PbgdplPortal.Data;
using PbgdplPortal.Text;

namespace PbgdplPortal.Contests;

/// <summary>
/// Entrants' accounts: registration with consent, sign-in by phone and password, the account with its
/// attempts, and erasure of the personal data.
/// </summary>
public sealed class EntrantAccounts(PortalDbContext db, TimeProvider time, ContestService contests)
{
    private static readonly PasswordHasher<Entrant> Hasher = new();

    /// <summary>Verified when there is no account to check, so an unknown or erased number costs what a wrong password costs.</summary>
    private static readonly DecoyPassword<Entrant> Decoy = new(Hasher, new Entrant { Phone = "", PasswordHash = "", FullName = "", ConsentVersion = "" });

    private DateTime Now => time.GetUtcNow().UtcDateTime;

    /// <summary>"+84 912 345 612", "0912.345.612" → "0912345612"; null when it is not a 10-digit mobile number.</summary>
    public static string? NormalizePhone(string? phone)
    {
        if (string.IsNullOrWhiteSpace(phone))
        {
            return null;
        }
        var text = phone.Trim();
        var international = text.StartsWith('+');
        var digits = new string(text.Where(char.IsAsciiDigit).ToArray());
        if (text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '.' or '-' or '+' or '(' or ')')))
        {
            return null;
        }
        if (international || (digits.StartsWith("84", StringComparison.Ordinal) && digits.Length == 11))
        {
            if (!digits.StartsWith("84", StringComparison.Ordinal))
            {
                return null;
            }
            digits = "0" + digits[2..];
        }
        return digits.Length == 10 && digits[0] == '0' && digits[1] != '0' ? digits : null;
    }

    /// <summary>The units an entrant may choose: agencies that still exist, by name.</summary>
    public async Task<IReadOnlyList<UnitOption>> UnitsAsync(CancellationToken cancellationToken = default) =>
        await db.Agencies.AsNoTracking().Active().OrderBy(a => a.Name).Select(a => new UnitOption(a.Slug, a.Name)).ToListAsync(cancellationToken);

    /// <summary>Checks every field, then creates the account; one account per phone number.</summary>
    public async Task<RegistrationResult> RegisterAsync(RegistrationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        var phone = NormalizePhone(input.Phone);
        if (phone is null)
        {
            errors["phone"] = ["Số điện thoại di động phải gồm 10 chữ số, bắt đầu bằng 0 (hoặc +84)."];
        }
        if (string.IsNullOrEmpty(input.Password) || input.Password.Length < 8)
        {
            errors["password"] = ["Mật khẩu phải có ít nhất 8 ký tự."];
        }
        else if (input.Password.Length > 128)
        {
            errors["password"] = ["Mật khẩu dài quá 128 ký tự."];
        }
        var fullName = string.Join(' ', VietnameseText.Nfc(input.FullName ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        if (fullName.Length < 2 || fullName.Length > 100 || !fullName.Any(char.IsLetter) || fullName.Any(c => char.IsDigit(c) || char.IsControl(c)))
        {
            errors["fullName"] = ["Vui lòng nhập họ và tên (2–100 ký tự, không có chữ số)."];
        }
        var today = DateOnly.FromDateTime(VietnameseText.ToVietnamTime(Now));
        if (!DateOnly.TryParseExact(input.BirthDate?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birthDate))
        {
            errors["birthDate"] = ["Vui lòng nhập ngày sinh theo dạng năm-tháng-ngày (ví dụ 1990-05-31)."];
        }
        else if (birthDate >= today || birthDate < today.AddYears(-120))
        {
            errors["birthDate"] = ["Ngày sinh không hợp lệ."];
        }
        var unitSlug = input.Unit?.Trim();
        var unit = string.IsNullOrEmpty(unitSlug) ? null
            : await db.Agencies.AsNoTracking().Active().Where(a => a.Slug == unitSlug).Select(a => (int?)a.Id).FirstOrDefaultAsync(cancellationToken);
        if (unit is null)
        {
            errors["unit"] = ["Vui lòng chọn đơn vị trong danh sách."];
        }
        var idNumber = string.IsNullOrWhiteSpace(input.IdNumber) ? null : input.IdNumber.Trim();
        if (idNumber is not null && (idNumber.Length != 12 || !idNumber.All(char.IsAsciiDigit)))
        {
            errors["idNumber"] = ["Số định danh cá nhân gồm 12 chữ số."];
        }
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        if (email is not null && (email.Length > 256 || !System.Net.Mail.MailAddress.TryCreate(email, out var parsed) || parsed.Address != email || !parsed.Host.Contains('.', StringComparison.Ordinal)))
        {
            errors["email"] = ["Địa chỉ thư điện tử không hợp lệ."];
        }
        if (!input.Consent)
        {
            errors["consent"] = ["Bạn cần đồng ý với việc xử lý dữ liệu cá nhân để đăng ký dự thi."];
        }
        if (errors.Count > 0)
        {
            return new RegistrationResult(null, errors, false);
        }
        if (await db.Entrants.AnyAsync(e => e.Phone == phone, cancellationToken))
        {
            return Duplicate();
        }
        var now = Now;
        var entrant = new Entrant
        {
            Phone = phone!,
            PasswordHash = "",
            FullName = fullName,
            BirthDate = birthDate,
            UnitId = unit!.Value,
            IdNumber = idNumber,
            Email = email,
            ConsentedAt = now,
            ConsentVersion = ContestConsent.Version,
            CreatedAt = now,
        };
        entrant.PasswordHash = Hasher.HashPassword(entrant, input.Password!);
        db.Entrants.Add(entrant);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two registrations of the same phone at once: the unique index lets one through.
            db.Entry(entrant).State = EntityState.Detached;
            return Duplicate();
        }
        return new RegistrationResult(entrant, errors, false);

        static RegistrationResult Duplicate() => new(null,
            new Dictionary<string, string[]> { ["phone"] = ["Số điện thoại này đã được đăng ký. Mỗi số điện thoại chỉ đăng ký được một tài khoản."] }, true);
    }

    /// <summary>The entrant with this phone and password; null otherwise (also for a deleted account).</summary>
    public async Task<Entrant?> VerifyAsync(string? phone, string? password, CancellationToken cancellationToken = default)
    {
        var normalized = NormalizePhone(phone);
        if (normalized is null || string.IsNullOrEmpty(password))
        {
            return null;
        }
        var entrant = await db.Entrants.FirstOrDefaultAsync(e => e.Phone == normalized, cancellationToken);
        if (entrant is null || entrant.PasswordHash.Length == 0)
        {
            Decoy.Verify(password);
            return null;
        }
        var result = Hasher.VerifyHashedPassword(entrant, entrant.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            entrant.PasswordHash = Hasher.HashPassword(entrant, password);
            await db.SaveChangesAsync(cancellationToken);
        }
        return result == PasswordVerificationResult.Failed ? null : entrant;
    }

    /// <summary>True while the account exists and has not been erased.</summary>
    public Task<bool> IsActiveAsync(int entrantId, CancellationToken cancellationToken = default) =>
        db.Entrants.IsActiveAsync(entrantId, cancellationToken);

    public async Task<EntrantAccount?> AccountAsync(int entrantId, CancellationToken cancellationToken = default)
    {
        var e = await db.Entrants.AsNoTracking().Where(x => x.Id == entrantId && x.PasswordHash != "")
            .Select(x => new { x.Id, x.Phone, x.FullName, x.BirthDate, UnitSlug = x.Unit.Slug, UnitName = x.Unit.Name, x.IdNumber, x.Email, x.ConsentedAt, x.ConsentVersion, x.CreatedAt })
            .FirstOrDefaultAsync(cancellationToken);
        if (e is null)
        {
            return null;
        }
        var attempts = await db.Attempts.AsNoTracking().Where(a => a.EntrantId == entrantId)
            .OrderByDescending(a => a.StartedAt)
            .Select(a => new { a.Id, a.RoundId, Contest = a.Round.Contest.Title, Round = a.Round.Title, a.Number, a.StartedAt, a.SubmittedAt, a.Score, a.Paper, Published = a.Round.ResultsPublishedAt != null })
            .ToListAsync(cancellationToken);
        var list = new List<AccountAttempt>();
        var winnersByRound = new Dictionary<int, HashSet<Guid>>();
        foreach (var a in attempts)
        {
            var hasCertificate = false;
            if (a.Published && a.SubmittedAt is not null)
            {
                if (!winnersByRound.TryGetValue(a.RoundId, out var winners))
                {
                    winners = await contests.WinningAttemptsAsync(a.RoundId, cancellationToken);
                    winnersByRound[a.RoundId] = winners;
                }
                hasCertificate = winners.Contains(a.Id);
            }
            list.Add(new AccountAttempt(a.Id, a.Contest, a.Round, a.Number, a.StartedAt, a.SubmittedAt, a.Score, ContestService.PaperLength(a.Paper), hasCertificate));
        }
        return new EntrantAccount(e.Id, e.Phone, e.FullName, e.BirthDate, e.UnitSlug, e.UnitName, e.IdNumber, e.Email, e.ConsentedAt, e.ConsentVersion, e.CreatedAt, list);
    }

    /// <summary>
    /// Erases the entrant's personal data and makes the account unusable; the attempts stay, under a
    /// placeholder name, so that published rankings keep their places.
    /// </summary>
    public async Task<bool> EraseAsync(int entrantId, CancellationToken cancellationToken = default)
    {
        var idText = entrantId.ToString(CultureInfo.InvariantCulture);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rows = await db.Entrants.Where(e => e.Id == entrantId && e.PasswordHash != "")
            .ExecuteUpdateAsync(s => s
                .SetProperty(e => e.FullName, ContestConsent.DeletedName)
                .SetProperty(e => e.Phone, ContestConsent.DeletedPhonePrefix + idText)
                .SetProperty(e => e.BirthDate, DateOnly.MinValue)
                .SetProperty(e => e.IdNumber, (string?)null)
                .SetProperty(e => e.Email, (string?)null)
                .SetProperty(e => e.PasswordHash, ""), cancellationToken);
        if (rows == 0)
        {
            return false;
        }
        // Cached result pages show the entrant's masked name: drop them now rather than at their expiry.
        db.RecordChange(nameof(Entrant), idText, Now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }
}

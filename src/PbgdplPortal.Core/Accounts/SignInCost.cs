using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using PbgdplPortal.Data;
using PbgdplPortal.Mail;
using PbgdplPortal.Text;

namespace PbgdplPortal.Accounts;

/// <summary>
/// A password hash made once with the same hasher (and so the same iteration count) as the accounts' own, verified on the
/// sign-in paths that have no real hash to check (an unknown address, a locked or erased account), so that every refusal
/// costs what a wrong password costs and the time taken does not tell which addresses have accounts.
/// </summary>
public sealed class DecoyPassword<TUser> where TUser : class
{
    private readonly IPasswordHasher<TUser> hasher;
    private readonly TUser sample;
    private readonly Lazy<string> hash;

    public DecoyPassword(IPasswordHasher<TUser> hasher, TUser sample)
    {
        this.hasher = hasher;
        this.sample = sample;
        hash = new Lazy<string>(() => hasher.HashPassword(sample, Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));
    }

    /// <summary>Verifies <paramref name="password"/> against the decoy hash, which never matches; only the time spent counts.</summary>
    public void Verify(string? password) => _ = hasher.VerifyHashedPassword(sample, hash.Value, password ?? "");
}

/// <summary>What the owner of a back-office account is told out of band when failed sign-ins lock it.</summary>
public static class LockoutNotice
{
    /// <summary>Queues the mail to the owner (saved with the caller's audit line), naming the end of the lockout in Vietnam time.</summary>
    public static void QueueLockoutNotice(this PortalDbContext db, string email, DateTime lockedUntilUtc, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var until = VietnameseText.FormatMinute(lockedUntilUtc);
        db.Enqueue(email, $"Tài khoản quản trị của bạn đang tạm khóa đến {until}",
            $"""
             Tài khoản quản trị {email} trên Cổng thông tin phổ biến, giáo dục pháp luật đang tạm khóa do đăng nhập sai mật khẩu nhiều lần liên tiếp.

             Tài khoản sẽ tự mở lại lúc {until} (giờ Việt Nam). Trong thời gian này, mọi lần đăng nhập đều không thành công, kể cả khi nhập đúng mật khẩu.

             Nếu không phải bạn đăng nhập, có thể ai đó đang dò mật khẩu của bạn: hãy đổi mật khẩu sau khi tài khoản mở lại, bật xác thực hai bước và báo cho quản trị viên.

             Thư này được gửi tự động; vui lòng không trả lời.
             """, now);
    }
}

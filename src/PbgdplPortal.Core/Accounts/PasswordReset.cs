using PbgdplPortal.Data;
using PbgdplPortal.Mail;
using PbgdplPortal.Security;

namespace PbgdplPortal.Accounts;

/// <summary>
/// Staff resetting a forgotten password by e-mail: a one-time link (Identity's data-protection token, bound to the
/// account's security stamp, so it works on every node and dies once used) with a short lifetime, limited per client
/// address and per account, answered the same whether or not the address has an account.
/// </summary>
public static class PasswordReset
{
    /// <summary>How long a reset link works.</summary>
    public static readonly TimeSpan LinkLifetime = TimeSpan.FromMinutes(30);

    /// <summary>At most this many reset mails per account per hour, whatever the addresses asking.</summary>
    public static readonly AddressLimit PerAccount = new("password-reset-account", 3, TimeSpan.FromHours(1));

    /// <summary>What every request is told, whether or not the address has an account.</summary>
    public const string Answer =
        "Nếu e-mail này thuộc một tài khoản quản trị, chúng tôi đã gửi thư hướng dẫn đặt lại mật khẩu. Liên kết trong thư có hiệu lực 30 phút và chỉ dùng được một lần.";

    /// <summary>What an unknown, used or expired link is told.</summary>
    public const string LinkInvalid = "Liên kết đặt lại mật khẩu không hợp lệ, đã được dùng hoặc đã hết hạn. Hãy yêu cầu liên kết mới.";

    /// <summary>Queues the mail with the link (saved with the caller's audit line).</summary>
    public static void QueuePasswordResetMail(this PortalDbContext db, string email, string link, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.Enqueue(email, "Đặt lại mật khẩu tài khoản quản trị",
            $"""
             Có yêu cầu đặt lại mật khẩu cho tài khoản quản trị {email} trên Cổng thông tin phổ biến, giáo dục pháp luật.

             Để đặt mật khẩu mới, hãy mở liên kết sau (có hiệu lực {(int)LinkLifetime.TotalMinutes} phút, chỉ dùng được một lần):
             {link}

             Sau khi đặt lại, mọi phiên đăng nhập khác của tài khoản sẽ bị đăng xuất.

             Nếu không phải bạn yêu cầu, hãy bỏ qua thư này: mật khẩu hiện tại vẫn giữ nguyên.

             Thư này được gửi tự động; vui lòng không trả lời.
             """, now);
    }
}

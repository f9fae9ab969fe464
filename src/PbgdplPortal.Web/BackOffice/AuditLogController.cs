using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Data;
using PbgdplPortal.Text;

namespace PbgdplPortal.Web.BackOffice;

public sealed record AuditFilter(string? Action, string? User, DateOnly? From, DateOnly? To);

public sealed record AuditListView(PageOf<AuditEntry> Entries, AuditFilter Filter, PagerView Pager, string? Error);

/// <summary>The audit log for administrators: newest first, filtered on indexed columns.</summary>
[Route("quan-tri/nhat-ky")]
[Authorize(Policy = BackOfficeHosting.AdministratorPolicy)]
public sealed class AuditLogController(PortalDbContext db) : BackOfficeController
{
    public const int PageSize = 50;

    /// <summary>Vietnamese names of the audited actions.</summary>
    public static readonly IReadOnlyDictionary<string, string> ActionLabels = new Dictionary<string, string>
    {
        [AuditActions.SignIn] = "Đăng nhập",
        [AuditActions.SignInFailed] = "Đăng nhập không thành công",
        [AuditActions.LockedOut] = "Tạm khóa do đăng nhập sai",
        [AuditActions.SignOut] = "Đăng xuất",
        [AuditActions.PasswordChanged] = "Đổi mật khẩu",
        [AuditActions.TwoFactorChanged] = "Thay đổi xác thực hai bước",
        [AuditActions.UserCreated] = "Tạo tài khoản",
        [AuditActions.RoleChanged] = "Đổi vai trò",
        [AuditActions.UserAgencyChanged] = "Đổi cơ quan của tài khoản",
        [AuditActions.UserDisabled] = "Khóa hoặc mở khóa tài khoản",
        [AuditActions.Submitted] = "Gửi duyệt",
        [AuditActions.SentBack] = "Trả lại để sửa",
        [AuditActions.Published] = "Đăng",
        [AuditActions.Unpublished] = "Gỡ xuống",
        [AuditActions.Deleted] = "Xóa",
        [AuditActions.Restored] = "Khôi phục",
        [AuditActions.DraftDiscarded] = "Bỏ bản nháp",
        [AuditActions.PasswordResetRequested] = "Yêu cầu đặt lại mật khẩu",
        [AuditActions.PasswordReset] = "Đặt lại mật khẩu",
        [AuditActions.ReviewFlagCleared] = "Rà soát căn cứ pháp lý",
        [AuditActions.AgencyChanged] = "Thay đổi cơ quan",
        [AuditActions.TermChanged] = "Thay đổi chủ đề, đối tượng",
        [AuditActions.MediaDeleted] = "Xóa tệp",
        [AuditActions.QuestionApproved] = "Duyệt câu hỏi",
        [AuditActions.QuestionAssigned] = "Giao câu hỏi cho cơ quan",
        [AuditActions.QuestionMerged] = "Gộp câu hỏi trùng",
        [AuditActions.QuestionRejected] = "Từ chối câu hỏi",
        [AuditActions.QuestionAnswered] = "Trả lời câu hỏi",
        [AuditActions.AnswerSentBack] = "Trả lại câu trả lời",
        [AuditActions.AnswerPublished] = "Đăng câu trả lời",
        [AuditActions.AnswerSentPrivately] = "Gửi riêng câu trả lời",
        [AuditActions.AnswerWithdrawn] = "Gỡ câu trả lời để sửa",
        [AuditActions.QuestionsImported] = "Nhập câu hỏi",
        [AuditActions.MailTestQueued] = "Gửi thư thử",
        [PbgdplPortal.Dialogues.DialogueAuditActions.SessionSaved] = "Lưu phiên đối thoại",
        [PbgdplPortal.Dialogues.DialogueAuditActions.StateChanged] = "Chuyển trạng thái phiên đối thoại",
        [PbgdplPortal.Dialogues.DialogueAuditActions.QuestionShown] = "Đưa câu trả lời lên trực tiếp",
    };

    public static string LabelOf(string action) => ActionLabels.TryGetValue(action, out var label) ? label : action;

    /// <summary>"dd/MM/yyyy HH:mm", Vietnam time.</summary>
    public static string FormatTime(DateTime utc) => VietnameseText.FormatMinute(utc);

    [HttpGet("")]
    public async Task<IActionResult> Index(
        [FromQuery(Name = "hanh-dong")] string? actionCode,
        [FromQuery(Name = "nguoi")] string? user,
        [FromQuery(Name = "tu")] string? from,
        [FromQuery(Name = "den")] string? to,
        [FromQuery(Name = "trang")] int page = 1,
        CancellationToken cancellationToken = default)
    {
        var action = actionCode is { Length: > 0 } && ActionLabels.ContainsKey(actionCode) ? actionCode : null;
        user = user?.Trim() is { Length: > 0 } u ? VietnameseText.Nfc(u) : null;
        string? error = null;
        var fromDate = ParseDate(from, ref error);
        var toDate = ParseDate(to, ref error);
        var query = db.AuditEntries.AsNoTracking();
        if (action is not null)
        {
            query = query.Where(e => e.Action == action);
        }
        if (user is not null)
        {
            // Accounts whose e-mail matches (a small table), then their lines through the (UserId, At) index;
            // lines without an account (sign-in attempts with an unknown e-mail) are searched by the name they recorded.
            var upper = user.ToUpperInvariant();
            var ids = await db.Users.Where(u => u.NormalizedEmail!.Contains(upper)).Select(u => u.Id).Take(500).ToListAsync(cancellationToken);
            if (ids.Count > 0)
            {
                query = query.Where(e => e.UserId != null && ids.Contains(e.UserId));
            }
            else
            {
                var lower = user.ToLowerInvariant();
#pragma warning disable CA1862 // Translated to SQL lower(): the database does the case folding.
                query = query.Where(e => e.UserName != null && e.UserName.ToLower().Contains(lower));
#pragma warning restore CA1862
            }
        }
        if (fromDate is { } f)
        {
            var start = VietnameseText.VietnamMidnightUtc(f);
            query = query.Where(e => e.At >= start);
        }
        if (toDate is { } t)
        {
            var end = VietnameseText.VietnamMidnightUtc(t.AddDays(1));
            query = query.Where(e => e.At < end);
        }
        var entries = await query.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToPageAsync(page, PageSize, cancellationToken);
        var filter = new AuditFilter(action, user, fromDate, toDate);
        return View(new AuditListView(entries, filter, new PagerView(entries.Page, entries.PageCount, entries.Total, p => ListUrl(filter, p)), error));
    }

    private static DateOnly? ParseDate(string? text, ref string? error)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (DateOnly.TryParseExact(text.Trim(), ["yyyy-MM-dd", "dd/MM/yyyy", "d/M/yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        error = $"Ngày “{text}” không hợp lệ; hãy nhập theo dạng dd/mm/yyyy.";
        return null;
    }

    private static string ListUrl(AuditFilter filter, int page) =>
        "/quan-tri/nhat-ky" + new QueryString()
            .Add("hanh-dong", filter.Action ?? "")
            .Add("nguoi", filter.User ?? "")
            .Add("tu", filter.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "")
            .Add("den", filter.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "")
            .Add("trang", page.ToString(CultureInfo.InvariantCulture))
            .ToUriComponent();
}

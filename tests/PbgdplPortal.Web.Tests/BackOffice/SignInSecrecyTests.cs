using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Web.Tests.Contests;
using Xunit.Abstractions;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>Interleaved timings of two kinds of request, compared by their medians.</summary>
public static class SignInTimings
{
    private const int WarmUp = 5;
    private const int Tries = 30;

    public const string WrongPassword = "Sai-mat-khau-123!";

    /// <summary>The median milliseconds of each kind, and the median of the per-round ratios first / second.</summary>
    public sealed record Medians(double First, double Second, double Ratio);

    /// <summary>
    /// Runs <paramref name="first"/> and <paramref name="second"/> alternately (after a few warm-up rounds, which kind goes
    /// first alternating too); <paramref name="reset"/> runs before every try, outside the timing. Each round's two tries
    /// are neighbours in time, so the median of their ratios is robust to load that comes and goes on a shared machine.
    /// </summary>
    public static async Task<Medians> MediansAsync(Func<Task> first, Func<Task> second, Func<Task>? reset = null)
    {
        var times = new[] { new List<double>(), new List<double>() };
        var kinds = new[] { first, second };
        for (var round = 0; round < WarmUp + Tries; round++)
        {
            var pair = new double[2];
            for (var k = 0; k < 2; k++)
            {
                var kind = (k + round) % 2;
                if (reset is not null)
                {
                    await reset();
                }
                var watch = Stopwatch.StartNew();
                await kinds[kind]();
                watch.Stop();
                pair[kind] = watch.Elapsed.TotalMilliseconds;
            }
            if (round >= WarmUp)
            {
                times[0].Add(pair[0]);
                times[1].Add(pair[1]);
            }
        }
        return new Medians(Median(times[0]), Median(times[1]), Median([.. times[0].Zip(times[1], (a, b) => a / b)]));
    }

    public static void AssertWithin20Percent(Medians medians, string what)
    {
        ArgumentNullException.ThrowIfNull(medians);
        Assert.True(medians.Ratio is >= 1 / 1.2 and <= 1.2,
            $"{what}: medians {medians.First:F1} ms and {medians.Second:F1} ms, median ratio {medians.Ratio:F2}, differ by more than 20 %.");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }
}

/// <summary>
/// Neither the answer nor the time a refused back-office sign-in takes tells whether the address has an account or whether
/// the account is locked; the owner and the administrators learn of a lockout from the mail, the account list and the audit log.
/// </summary>
public abstract partial class SignInSecrecyTests(PortalFactory portal)
{
    private const string WrongPassword = SignInTimings.WrongPassword;

    [GeneratedRegex("<div[^>]*validation-summary-errors[^>]*>(.*?)</div>", RegexOptions.Singleline)]
    private static partial Regex SummaryPattern();

    private static async Task<string> SummaryAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = SummaryPattern().Match(await response.Content.ReadAsStringAsync());
        Assert.True(match.Success, "The sign-in page shows no validation summary.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [Fact]
    public async Task Locked_and_disabled_accounts_get_the_wrong_password_answer_while_the_owner_and_administrators_see_the_lock()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var client = portal.Browser();
        var wrong = await SummaryAsync(await client.SignInAsync(editor.Email, WrongPassword));
        Assert.Equal(wrong, await SummaryAsync(await client.SignInAsync($"khong-co-{Guid.NewGuid():N}@example.vn", WrongPassword)));
        for (var i = 1; i < 5; i++)
        {
            Assert.Equal(wrong, await SummaryAsync(await client.SignInAsync(editor.Email, $"Sai-mat-khau-{i}!A")));
        }
        // Locked now: the right password gets the very same answer, and so do further attempts.
        Assert.Equal(wrong, await SummaryAsync(await client.SignInAsync(editor.Email, editor.Password)));
        Assert.Equal(wrong, await SummaryAsync(await client.SignInAsync(editor.Email, WrongPassword)));
        Assert.Contains("E-mail hoặc mật khẩu không đúng.", wrong, StringComparison.Ordinal);
        Assert.DoesNotContain("khóa", wrong, StringComparison.Ordinal);

        // The audit log keeps each refusal of the locked account, with the end of the lockout.
        var lockedOut = await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.UserId == editor.Id && a.Action == AuditActions.LockedOut).ToListAsync());
        Assert.Equal(3, lockedOut.Count);
        var until = await portal.WithDbAsync(db => db.Users.Where(u => u.Id == editor.Id).Select(u => u.LockoutEnd).SingleAsync());
        var shown = PbgdplPortal.Text.VietnameseText.FormatMinute(until!.Value.UtcDateTime);
        Assert.NotEmpty(lockedOut);
        Assert.All(lockedOut, a => Assert.Equal($"Tạm khóa đến {shown} do đăng nhập sai nhiều lần", a.Detail));

        // The owner is told once, with the end of the lockout in Vietnam time.
        var mail = Assert.Single(await portal.WithDbAsync(db => db.OutgoingMails.Where(m => m.To == editor.Email).ToListAsync()));
        Assert.Contains($"tạm khóa đến {shown}", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("đăng nhập sai mật khẩu nhiều lần", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains($"{shown} (giờ Việt Nam)", mail.TextBody, StringComparison.Ordinal);

        // Administrators see the lock in the account list and on the account.
        var admin = await portal.SignedInAsync(await portal.CreateAccountAsync(PortalRoles.Administrator));
        var list = await admin.GetStringAsync($"/quan-tri/nguoi-dung?q={Uri.EscapeDataString(editor.Email)}");
        Assert.Contains($"Tạm khóa đến {shown}", list, StringComparison.Ordinal);
        Assert.Contains($"Tạm khóa đến {shown} do đăng nhập sai nhiều lần", await admin.GetStringAsync($"/quan-tri/nguoi-dung/{editor.Id}"), StringComparison.Ordinal);

        // An account an administrator locked gets the same answer too, and no mail.
        var disabled = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var edit = $"/quan-tri/nguoi-dung/{disabled.Id}";
        Assert.Equal(edit, (await admin.PostFormAsync(edit, edit + "/khoa", [])).RedirectTarget());
        Assert.Equal(wrong, await SummaryAsync(await portal.Browser().SignInAsync(disabled.Email, disabled.Password)));
        Assert.Equal("Tài khoản bị quản trị khóa", (await portal.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.UserId == disabled.Id && a.Action == AuditActions.LockedOut))).Detail);
        Assert.False(await portal.WithDbAsync(db => db.OutgoingMails.AnyAsync(m => m.To == disabled.Email)));
    }
}

/// <summary>
/// Timings run in a collection of their own that xunit runs alone, after the parallel ones, so other tests' work does not
/// land on one kind of request more than the other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TimingCollection
{
    public const string Name = "timing";
}

/// <summary>A refused back-office sign-in costs the same whether the address is unknown, the password wrong or the account locked.</summary>
public abstract class SignInTimingTests(PortalFactory portal, ITestOutputHelper output)
{
    private const string WrongPassword = SignInTimings.WrongPassword;

    private async Task<Func<string, string, Task>> TimedPostAsync()
    {
        var client = portal.Browser();
        var token = await client.TokenAsync("/quan-tri/dang-nhap");
        return async (email, password) =>
        {
            using var response = await client.PostAsync("/quan-tri/dang-nhap",
                new FormUrlEncodedContent([new("Email", email), new("Password", password), new("ReturnUrl", ""), new("__csrf", token)]));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        };
    }

    private Task<int> ClearFailuresAsync(string id) =>
        portal.WithDbAsync(db => db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.AccessFailedCount, 0)));

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_take_the_same_time()
    {
        var editor = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var post = await TimedPostAsync();
        var medians = await SignInTimings.MediansAsync(
            () => post(editor.Email, WrongPassword),
            () => post($"khong-co-{Guid.NewGuid():N}@example.vn", WrongPassword),
            // The account must not lock during the run: that is the other comparison.
            () => ClearFailuresAsync(editor.Id));
        output.WriteLine($"existing account, wrong password: {medians.First:F1} ms; unknown address: {medians.Second:F1} ms; median ratio {medians.Ratio:F2}");
        SignInTimings.AssertWithin20Percent(medians, "wrong password vs unknown address");
    }

    [Fact]
    public async Task A_locked_account_and_a_wrong_password_take_the_same_time()
    {
        var locked = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        await portal.WithDbAsync(db => db.Users.Where(u => u.Id == locked.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LockoutEnd, DateTimeOffset.UtcNow.AddHours(1))));
        var open = await portal.CreateAccountAsync(PortalRoles.Editor, "so-tu-phap");
        var post = await TimedPostAsync();
        var medians = await SignInTimings.MediansAsync(
            () => post(locked.Email, locked.Password),
            () => post(open.Email, WrongPassword),
            () => ClearFailuresAsync(open.Id));
        output.WriteLine($"locked account: {medians.First:F1} ms; wrong password: {medians.Second:F1} ms; median ratio {medians.Ratio:F2}");
        SignInTimings.AssertWithin20Percent(medians, "locked account vs wrong password");
    }
}

[Collection(TimingCollection.Name)]
public sealed class SignInTimingOnSqlite(SqlitePortal portal, ITestOutputHelper output) : SignInTimingTests(portal, output), IClassFixture<SqlitePortal>;

[Collection(TimingCollection.Name)]
public sealed class SignInTimingOnPostgres(PostgresPortal portal, ITestOutputHelper output) : SignInTimingTests(portal, output), IClassFixture<PostgresPortal>;

[Collection(SqliteCollection.Name)]
public sealed class SignInSecrecyOnSqlite(SqlitePortal portal) : SignInSecrecyTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class SignInSecrecyOnPostgres(PostgresPortal portal) : SignInSecrecyTests(portal);

/// <summary>An entrant's sign-in takes as long for an unknown or erased number as for a wrong password.</summary>
public abstract class EntrantSignInTimingTests(ContestPortal portal, ITestOutputHelper output)
{
    [Fact]
    public async Task A_wrong_password_an_unknown_number_and_an_erased_account_take_the_same_time()
    {
        var entrant = await portal.RegisterAsync();
        var erased = await portal.RegisterAsync();
        Assert.Equal(HttpStatusCode.NoContent, (await erased.Api.DeleteAsync("/api/entrants/me")).StatusCode);
        var client = portal.CreateClient();
        Func<Task> Token(string phone) => async () =>
        {
            using var response = await client.PostAsJsonAsync("/api/entrants/token", new { phone, password = "sai-mat-khau" });
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        };
        var unknown = await SignInTimings.MediansAsync(Token(entrant.Phone), Token("0999999999"));
        output.WriteLine($"wrong password: {unknown.First:F1} ms; unknown number: {unknown.Second:F1} ms; median ratio {unknown.Ratio:F2}");
        SignInTimings.AssertWithin20Percent(unknown, "wrong password vs unknown number");
        var gone = await SignInTimings.MediansAsync(Token(entrant.Phone), Token(erased.Phone));
        output.WriteLine($"wrong password: {gone.First:F1} ms; erased account: {gone.Second:F1} ms; median ratio {gone.Ratio:F2}");
        SignInTimings.AssertWithin20Percent(gone, "wrong password vs erased account");
    }
}

[Collection(TimingCollection.Name)]
public sealed class EntrantSignInTimingOnSqlite(ContestSqlitePortal portal, ITestOutputHelper output) : EntrantSignInTimingTests(portal, output), IClassFixture<ContestSqlitePortal>;

[Collection(TimingCollection.Name)]
public sealed class EntrantSignInTimingOnPostgres(ContestPostgresPortal portal, ITestOutputHelper output) : EntrantSignInTimingTests(portal, output), IClassFixture<ContestPostgresPortal>;

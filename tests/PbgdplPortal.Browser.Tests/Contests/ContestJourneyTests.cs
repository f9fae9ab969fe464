using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PbgdplPortal.Contests;
using PbgdplPortal.Data;

namespace PbgdplPortal.Browser.Tests.Contests;

/// <summary>
/// A citizen registers, signs out and in again, takes a contest round, answers, submits and reads the
/// score: with JavaScript (axe on every page) and without it (the pages alone carry the journey).
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContestJourneyTests(ServedPortal portal)
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_citizen_registers_signs_in_takes_a_round_and_sees_the_score(bool javaScriptEnabled)
    {
        var slug = await ContestPages.CreateOpenAsync(portal);
        var phone = ContestPages.NewPhone();
        await using var context = await portal.NewContextAsync(javaScriptEnabled, width: 375, height: 812);
        var page = await context.NewPageAsync();
        async Task Check()
        {
            if (javaScriptEnabled)
            {
                // axe runs as a script in the page, so only where scripts may run.
                await page.AssertAccessibleAsync();
            }
        }

        // The contest list shows the new contest once the change journal has refreshed the cached page.
        var contestLink = page.Locator($"a[href='{ContestUrls.Contest(slug)}']");
        for (var tries = 0; ; tries++)
        {
            await page.OpenAsync(ContestUrls.Index);
            if (await contestLink.CountAsync() > 0 || tries == 20)
            {
                break;
            }
            await Task.Delay(250);
        }
        await Check();
        await contestLink.ClickAsync();
        await page.WaitForURLAsync($"**{ContestUrls.Contest(slug)}");
        Assert.Equal("Cuộc thi đang mở", await page.Locator("h1").InnerTextAsync());
        await Check();

        // The open round's way in is on the first screen of a phone.
        var enter = page.GetByRole(AriaRole.Link, new() { Name = "Vào thi đợt 1" });
        var box = await enter.BoundingBoxAsync();
        Assert.True(box is { } b && b.Y + b.Height <= 812, $"the entry button ends at {box?.Y + box?.Height} px");

        // Register from the contest page: the portal signs the new entrant in and leads straight into the round.
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng ký dự thi" }).ClickAsync();
        await page.WaitForURLAsync($"**{ContestUrls.Register}?**");
        await Check();
        await ContestPages.RegisterAsync(page, phone, "Nguyễn Thị Ánh Tuyết", ContestUrls.Round(slug, 1));
        Assert.Contains("Bạn đã dùng 0 / 2 lượt thi.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);

        // The account page shows the data, no attempt yet, and the way into the open round.
        await page.GetByRole(AriaRole.Link, new() { Name = "Tài khoản dự thi" }).ClickAsync();
        await page.WaitForURLAsync($"**{ContestUrls.Account}");
        Assert.Contains("Nguyễn Thị Ánh Tuyết", await page.Locator("table.doc-meta").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal("Bạn chưa dự thi lượt nào.", await page.Locator(".empty").InnerTextAsync());
        await Check();

        // Sign out, then sign in again with the phone number and password.
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng xuất" }).ClickAsync();
        await page.WaitForURLAsync($"**{ContestUrls.Index}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Đăng nhập", Exact = true }).ClickAsync();
        await page.WaitForURLAsync($"**{ContestUrls.SignIn}**");
        await Check();
        await page.GetByLabel("Số điện thoại di động").FillAsync(phone);
        await page.GetByLabel("Mật khẩu").FillAsync(ContestPages.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Đăng nhập" }).ClickAsync();
        await page.WaitForURLAsync($"**{ContestUrls.Account}");

        // Take the round, from the account page's list of open rounds.
        await page.Locator($".round-now a[href='{ContestUrls.Round(slug, 1)}']").ClickAsync();
        await page.WaitForURLAsync($"**{ContestUrls.Round(slug, 1)}");
        Assert.Contains("Bạn đã dùng 0 / 2 lượt thi.", await page.Locator("main").InnerTextAsync(), StringComparison.Ordinal);
        await Check();
        await page.GetByRole(AriaRole.Button, new() { Name = "Bắt đầu lượt thi" }).ClickAsync();
        await page.WaitForURLAsync("**/cuoc-thi/bai-thi/*");
        var questions = page.Locator("fieldset.question:has(.question-text)");
        Assert.Equal(5, await questions.CountAsync());
        if (javaScriptEnabled)
        {
            // The countdown (contest.js) shows the time left; without scripts the deadline is in the text.
            await page.WaitForFunctionAsync("document.querySelector('.countdown').textContent.trim().length > 0");
        }
        await Check();

        // Answer: the first three right, the last two wrong, clicking labels as a person would.
        var asked = new List<int>();
        foreach (var question in await questions.AllAsync())
        {
            var name = await question.Locator("input[type=radio]").First.GetAttributeAsync("name");
            asked.Add(int.Parse(name![1..], System.Globalization.CultureInfo.InvariantCulture));
        }
        var correct = await WithDbAsync(db => db.QuizOptions.Where(o => o.IsCorrect && asked.Contains(o.QuestionId)).ToDictionaryAsync(o => o.QuestionId, o => o.Id));
        for (var i = 0; i < asked.Count; i++)
        {
            var options = questions.Nth(i).Locator(".option");
            var chosen = i < 3
                ? options.Filter(new() { Has = page.Locator($"input[value='{correct[asked[i]]}']") })
                : options.Filter(new() { HasNot = page.Locator($"input[value='{correct[asked[i]]}']") }).First;
            await chosen.Locator("label").ClickAsync();
        }
        await page.GetByLabel("Đợt thi này có bao nhiêu", new() { Exact = false }).FillAsync("4");
        await page.GetByRole(AriaRole.Button, new() { Name = "Nộp bài" }).ClickAsync();

        // The score, on the attempt's page and in the account.
        await page.WaitForSelectorAsync(".notice.result");
        Assert.Contains("Bạn trả lời đúng 3 / 5 câu.", await page.Locator(".notice.result").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Contains("Dự đoán của bạn: 4", await page.Locator(".notice.result").InnerTextAsync(), StringComparison.Ordinal);
        await Check();
        await page.GetByRole(AriaRole.Link, new() { Name = "Tài khoản dự thi" }).Last.ClickAsync();
        await page.WaitForURLAsync($"**{ContestUrls.Account}");
        Assert.Contains("3 / 5 điểm", await page.Locator("table.contest-rounds").InnerTextAsync(), StringComparison.Ordinal);
        await Check();
        var stored = await WithDbAsync(db => db.Attempts.Where(a => a.Round.Contest.Slug == slug).Select(a => new { a.Score, a.Prediction, a.Entrant.Phone }).SingleAsync());
        Assert.Equal((3, 4L, phone), (stored.Score, stored.Prediction, stored.Phone));
    }

    private async Task<T> WithDbAsync<T>(Func<PortalDbContext, Task<T>> query)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<PortalDbContext>());
    }
}

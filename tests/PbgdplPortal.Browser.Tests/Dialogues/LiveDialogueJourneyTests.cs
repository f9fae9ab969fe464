using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PbgdplPortal.Accounts;
using PbgdplPortal.Browser.Tests.BackOffice;
using PbgdplPortal.Data;
using PbgdplPortal.Dialogues;

namespace PbgdplPortal.Browser.Tests.Dialogues;

/// <summary>
/// Two pages open on a live dialogue: a citizen's page and the moderator's back office. The citizen asks with hostile
/// text; the moderator picks the question, the agency's expert answers (hostile text again), the moderator shows it live,
/// and the citizen's page shows it within 2 seconds without reloading. Nothing hostile runs; axe finds nothing on the
/// public and back-office pages, with scripts running.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class LiveDialogueJourneyTests(ServedPortal portal)
{
    private static readonly string[] Hostile =
    [
        "<script>window.__xss=1</script>",
        "<img src=x onerror=\"window.__xss=1\">",
        "\"><svg onload=window.__xss=1>",
    ];

    [Fact]
    public async Task An_answer_shown_by_the_moderator_appears_on_the_citizens_open_page_within_two_seconds_and_nothing_hostile_runs()
    {
        var mark = Guid.NewGuid().ToString("N")[..8];
        var (sessionId, slug) = await AddLiveSessionAsync($"Đối thoại trực tuyến về hôn nhân {mark}");
        var ran = new List<string>();

        await using var citizen = await portal.NewContextAsync();
        var live = await citizen.NewPageAsync();
        Watch(live, ran);
        await live.GotoAsync(DialogueUrls.Ask(slug));
        await live.AssertAccessibleAsync();
        await live.GetByLabel("Câu hỏi (*)").FillAsync($"Xin hỏi điều kiện kết hôn {mark} là gì? {string.Join(" ", Hostile)}");
        await live.GetByLabel("Lĩnh vực (*)").SelectOptionAsync(new SelectOptionValue { Label = "Hôn nhân và gia đình" });
        await live.GetByLabel("Bạn thuộc nhóm đối tượng (*)").SelectOptionAsync(new SelectOptionValue { Value = "hoc-sinh-sinh-vien" });
        await live.GetByLabel("Họ và tên (không bắt buộc)").FillAsync($"Võ Thị {Hostile[1]}");
        await live.GetByRole(AriaRole.Button, new() { Name = "Gửi câu hỏi" }).ClickAsync();
        // Asked during the live session: the asker stays on the session's page, with the question's reference number.
        await live.WaitForURLAsync($"**{DialogueUrls.Show(slug)}/da-gui?ma=HD-*");
        Assert.Contains("Số tham chiếu: HD-", await live.Locator(".notice[role=status]").InnerTextAsync(), StringComparison.Ordinal);
        await live.AssertAccessibleAsync();
        await live.OpenAsync(DialogueUrls.Show(slug));
        await live.AssertAccessibleAsync();
        Assert.Equal(0, await live.Locator("#dien-bien .dialogue-item").CountAsync());
        // Marks this very document: a reload would lose it.
        await live.EvaluateAsync("() => { window.__sameDocument = 1; }");

        var moderator = await portal.CreateAccountAsync(PortalRoles.Moderator, "so-tu-phap", "Đỗ Điều Phối");
        await using var staff = await portal.NewContextAsync();
        var office = await staff.NewPageAsync();
        Watch(office, ran);
        await office.SignInAsync(moderator);
        foreach (var url in new[] { "/quan-tri/doi-thoai", "/quan-tri/doi-thoai/moi", $"/quan-tri/doi-thoai/{sessionId}/sua", $"/quan-tri/doi-thoai/{sessionId}" })
        {
            await office.GotoAsync(url);
            await office.AssertAccessibleAsync();
            await AssertNothingRanAsync(office, ran);
        }
        await office.GetByRole(AriaRole.Button, new() { Name = "Chuyển cho khách mời trả lời" }).ClickAsync();
        await office.WaitForSelectorAsync(".notice");

        var expert = await portal.CreateAccountAsync(PortalRoles.Expert, "so-tu-phap", "Luật sư Chuyên Gia");
        await using (var expertContext = await portal.NewContextAsync())
        {
            var page = await expertContext.NewPageAsync();
            Watch(page, ran);
            await page.SignInAsync(expert);
            await page.GotoAsync($"/quan-tri/doi-thoai/{sessionId}");
            await page.AssertAccessibleAsync();
            await page.GetByLabel("Câu trả lời (Markdown", new() { Exact = false }).FillAsync(
                $"Nam từ đủ 20 tuổi, nữ từ đủ 18 tuổi **được kết hôn** {mark}.\n\n{string.Join("\n\n", Hostile)}\n\n[bấm vào đây](javascript:window.__xss=1)");
            await page.GetByRole(AriaRole.Button, new() { Name = "Lưu câu trả lời" }).ClickAsync();
            await page.WaitForSelectorAsync(".notice");
            await AssertNothingRanAsync(page, ran);
        }

        await office.GotoAsync($"/quan-tri/doi-thoai/{sessionId}");
        await office.AssertAccessibleAsync();
        await AssertNothingRanAsync(office, ran);
        var clock = Stopwatch.StartNew();
        await office.GetByRole(AriaRole.Button, new() { Name = "Đưa lên trực tiếp" }).ClickAsync();
        await live.Locator("#dien-bien .dialogue-item").WaitForAsync(new() { Timeout = 2000 });
        clock.Stop();
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"the answer took {clock.ElapsedMilliseconds} ms to appear");
        Assert.True(await live.EvaluateAsync<bool>("() => window.__sameDocument === 1"), "the citizen's page was reloaded");
        var text = await live.Locator("#dien-bien").InnerTextAsync();
        Assert.Contains("được kết hôn", text, StringComparison.Ordinal);
        Assert.Contains(Hostile[0], text, StringComparison.Ordinal);
        Assert.Contains("Võ T.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Võ Thị", text, StringComparison.Ordinal);
        await live.AssertAccessibleAsync();
        await AssertNothingRanAsync(live, ran);

        // The same page read again (no script needed) holds the answer too, and the list of sessions passes axe.
        await live.OpenAsync(DialogueUrls.Show(slug));
        Assert.Equal(1, await live.Locator("#dien-bien .dialogue-item").CountAsync());
        await AssertNothingRanAsync(live, ran);
        await live.OpenAsync(DialogueUrls.Index);
        await live.AssertAccessibleAsync();
        Assert.Empty(ran);
    }

    private async Task<(int Id, string Slug)> AddLiveSessionAsync(string title)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        var now = DateTime.UtcNow;
        var session = new DialogueSession
        {
            Slug = $"doi-thoai-{Guid.NewGuid():N}"[..30], Title = title, AgencyId = (await db.Agencies.SingleAsync(a => a.Slug == "so-tu-phap")).Id,
            Guests = "Giám đốc Sở Tư pháp\nLuật sư Đoàn Luật sư tỉnh Cà Mau", Description = "Giải đáp pháp luật về **hôn nhân và gia đình**.",
            StartsAt = now.AddMinutes(-10), EndsAt = now.AddHours(1), State = DialogueState.Live, CreatedAt = now, UpdatedAt = now,
        };
        session.Topics.Add(await db.Topics.SingleAsync(t => t.Slug == "hon-nhan-gia-dinh"));
        db.DialogueSessions.Add(session);
        db.RecordChange(nameof(DialogueSession), session.Slug, now);
        await db.SaveChangesAsync();
        return (session.Id, session.Slug);
    }

    private static void Watch(IPage page, List<string> ran) =>
        page.Dialog += (_, dialog) =>
        {
            ran.Add($"dialog on {page.Url}: {dialog.Message}");
            _ = dialog.DismissAsync();
        };

    /// <summary>No hostile script ran and no hostile markup became elements (the live page keeps its stream open, so no network-idle wait).</summary>
    private static async Task AssertNothingRanAsync(IPage page, List<string> ran)
    {
        if (await page.EvaluateAsync<bool>("() => window.__xss === 1"))
        {
            ran.Add($"script ran on {page.Url}");
        }
        Assert.Equal(0, await page.Locator("a[href^='javascript:' i]").CountAsync());
        var injected = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('[onerror],[onload],svg'), ...[...document.scripts].filter(s => s.textContent.includes('__xss'))].map(e => e.outerHTML)");
        ran.AddRange(injected.Select(html => $"injected on {page.Url}: {html}"));
    }
}

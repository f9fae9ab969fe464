using System.Net;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Accounts;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Questions;

namespace PbgdplPortal.Web.Tests.Dialogues;

/// <summary>
/// A session's state follows its schedule with nobody clicking, while what staff did explicitly wins; a question asked
/// during a live session keeps the asker on the session's page, and the moderator routes it straight to the session.
/// </summary>
public abstract class DialogueScheduleTests(DialoguePortal portal)
{
    private async Task<DialogueSession> SessionAsync(DialogueState state, TimeSpan startsIn, TimeSpan endsIn)
    {
        var session = await portal.AddSessionAsync(state);
        var now = DateTime.UtcNow;
        await portal.WithDbAsync(db => db.DialogueSessions.Where(s => s.Id == session.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, now + startsIn).SetProperty(x => x.EndsAt, now + endsIn)));
        return session;
    }

    [Fact]
    public async Task After_its_start_time_a_session_is_live_and_after_its_end_time_it_has_ended_without_anyone_clicking()
    {
        using var citizen = portal.ClientFrom("127.0.0.51");
        var starting = await SessionAsync(DialogueState.Announced, TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        // Cached while it is still announced.
        Assert.Contains("Sắp diễn ra", await citizen.GetStringAsync(DialogueUrls.Show(starting.Slug)), StringComparison.Ordinal);
        await portal.WithDbAsync(db => db.DialogueSessions.Where(s => s.Id == starting.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.StartsAt, DateTime.UtcNow.AddSeconds(-1))));
        var ending = await SessionAsync(DialogueState.OpenForQuestions, TimeSpan.FromHours(-2), TimeSpan.FromSeconds(-1));

        await Eventually.HoldsAsync(async () => (await portal.SessionAsync(starting.Id)).State == DialogueState.Live, "the started session is live");
        await Eventually.HoldsAsync(async () => (await portal.SessionAsync(ending.Id)).State == DialogueState.Ended, "the finished session has ended");
        await Eventually.HoldsAsync(async () => (await citizen.GetStringAsync(DialogueUrls.Show(starting.Slug))).Contains("Đang diễn ra trực tiếp", StringComparison.Ordinal),
            "the cached page follows");
        Assert.Contains("Đã kết thúc", await citizen.GetStringAsync(DialogueUrls.Show(ending.Slug)), StringComparison.Ordinal);
        Assert.Contains(await portal.WithDbAsync(db => db.AuditEntries.Where(a => a.Target == $"dialogue:{starting.Id}").Select(a => a.Detail).ToListAsync()),
            d => d == "Đang diễn ra trực tiếp (theo lịch)");
    }

    [Fact]
    public async Task Staff_who_start_early_or_end_early_win_over_the_schedule()
    {
        var startedEarly = await SessionAsync(DialogueState.OpenForQuestions, TimeSpan.FromHours(1), TimeSpan.FromHours(2));
        var endedEarly = await SessionAsync(DialogueState.OpenForQuestions, TimeSpan.FromHours(-1), TimeSpan.FromHours(1));
        using var moderator = await portal.SignedInFromAsync(await portal.CreateAccountAsync(PortalRoles.Moderator));
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.MoveAsync(portal, startedEarly.Id, DialogueState.Live)).StatusCode);
        await Eventually.HoldsAsync(async () => (await portal.SessionAsync(endedEarly.Id)).State == DialogueState.Live, "the schedule made it live");
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.MoveAsync(portal, endedEarly.Id, DialogueState.Ended)).StatusCode);
        // Several passes of the schedule later, both are as staff left them.
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Equal(DialogueState.Live, (await portal.SessionAsync(startedEarly.Id)).State);
        Assert.Equal(DialogueState.Ended, (await portal.SessionAsync(endedEarly.Id)).State);
    }

    [Fact]
    public async Task A_question_asked_during_a_live_session_keeps_the_asker_on_the_session_page_and_goes_straight_to_the_sessions_agency()
    {
        var session = await SessionAsync(DialogueState.Live, TimeSpan.FromMinutes(-5), TimeSpan.FromHours(1));
        using var citizen = portal.ClientFrom("127.0.0.52");
        var response = await citizen.AskSessionAsync(session.Slug, $"Xin hỏi thủ tục ly hôn thuận tình {Guid.NewGuid():N} cần gì?");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.StartsWith(DialogueUrls.Show(session.Slug) + "/da-gui?ma=HD-", location, StringComparison.Ordinal);
        Assert.DoesNotContain("/hoi-dap/theo-doi/", location, StringComparison.Ordinal);
        var id = await portal.AskedIdAsync(response);
        var asked = await portal.QuestionAsync(id);
        Assert.Equal(session.Id, asked.DialogueSessionId);
        var reference = QuestionReference.Format(id, asked.AskedAt);
        var page = await citizen.GetAsync(location);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.True(page.Headers.CacheControl?.NoStore);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(reference, html, StringComparison.Ordinal);
        Assert.Contains(session.Title, html, StringComparison.Ordinal);
        Assert.Contains("Câu hỏi của bạn đã được gửi đến phiên đối thoại", html, StringComparison.Ordinal);
        // The notice is the asker's only: the session's own page does not carry it.
        Assert.DoesNotContain(reference, await citizen.GetStringAsync(DialogueUrls.Show(session.Slug)), StringComparison.Ordinal);

        using var moderator = await portal.SignedInFromAsync(await portal.CreateAccountAsync(PortalRoles.Moderator));
        Assert.Contains("Chuyển cho khách mời", await moderator.GetStringAsync($"/quan-tri/doi-thoai/{session.Id}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await moderator.QuestionStepAsync(portal, session.Id, id, "chon")).StatusCode);
        var routed = await portal.QuestionAsync(id);
        Assert.Equal(QuestionStatus.Assigned, routed.Status);
        Assert.Equal(session.AgencyId, routed.AgencyId);
    }
}

[Collection(SqliteDialogueCollection.Name)]
public sealed class DialogueScheduleOnSqlite(SqliteDialoguePortal portal) : DialogueScheduleTests(portal);

[Collection(PostgresDialogueCollection.Name)]
public sealed class DialogueScheduleOnPostgres(PostgresDialoguePortal portal) : DialogueScheduleTests(portal);

using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Dialogues;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Tests.BackOffice;
using PbgdplPortal.Web.Tests.Questions;

namespace PbgdplPortal.Web.Tests.Dialogues;

/// <summary>
/// The portal served by Kestrel on a real loopback port: the live stream is read over real HTTP, and each test's
/// citizen connects from its own loopback address (127.0.0.x), so the per-address limit is the real one.
/// </summary>
public abstract class DialoguePortal : KestrelPortal
{
    /// <summary>The product's own limit: each test's citizen has an address of its own.</summary>
    public override int AskPermitsPerHour => new PbgdplPortal.Questions.QuestionOptions().AskPermitsPerHour;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Dialogues:PollInterval", "00:00:00.100");
        builder.UseSetting("Portal:Dialogues:SchedulePollInterval", "00:00:00.200");
        builder.UseSetting("Portal:Search:PollInterval", "00:00:00.100");
    }
}

public sealed class SqliteDialoguePortal : DialoguePortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresDialoguePortal : DialoguePortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public static partial class DialogueKit
{
    [GeneratedRegex("/hoi-dap/theo-doi/([A-Za-z0-9_-]+)")]
    private static partial Regex TrackingPattern();

    /// <summary>A fresh session of the Department of Justice in <paramref name="state"/>, written directly for tests that need one ready.</summary>
    public static Task<DialogueSession> AddSessionAsync(this PortalFactory portal, DialogueState state, string? title = null) =>
        portal.WithDbAsync(async db =>
        {
            var now = DateTime.UtcNow;
            var suffix = Guid.NewGuid().ToString("N")[..10];
            var session = new DialogueSession
            {
                Slug = $"doi-thoai-kiem-thu-{suffix}",
                Title = title ?? $"Đối thoại kiểm thử {suffix}",
                AgencyId = (await db.Agencies.SingleAsync(a => a.Slug == QuestionKit.Agency)).Id,
                Guests = "Giám đốc Sở Tư pháp\nLuật sư Đoàn Luật sư tỉnh",
                // A schedule that agrees with the state, so the schedule does not move the session on its own.
                StartsAt = state is DialogueState.Announced or DialogueState.OpenForQuestions ? now.AddHours(1) : now.AddHours(-1),
                EndsAt = state is DialogueState.Ended or DialogueState.TranscriptPublished ? now.AddMinutes(-10) : now.AddHours(2),
                State = state,
                CreatedAt = now,
                UpdatedAt = now,
            };
            session.Topics.Add(await db.Topics.SingleAsync(t => t.Slug == QuestionKit.Topic));
            db.DialogueSessions.Add(session);
            db.RecordChange(nameof(DialogueSession), session.Slug, now);
            await db.SaveChangesAsync();
            return session;
        });

    /// <summary>Sends the session's public form.</summary>
    public static Task<HttpResponseMessage> AskSessionAsync(this HttpClient client, string slug, string text, string? name = null, string? place = null,
        string honeypot = "", string topic = QuestionKit.Topic) =>
        client.PostFormAsync(DialogueUrls.Ask(slug), DialogueUrls.Ask(slug),
        [
            ("cau-hoi", text), ("linh-vuc", topic), ("doi-tuong", QuestionKit.Audience), ("ho-ten", name ?? ""), ("dia-chi", place ?? ""),
            ("thu-dien-tu", ""), ("dong-y", ""), ("website", honeypot),
        ]);

    /// <summary>
    /// The id of the question a successful ask redirected to the tracking page of, or, asked during a live session, to the
    /// session's page with its reference number.
    /// </summary>
    public static async Task<int> AskedIdAsync(this PortalFactory portal, HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        if (location.Contains("/da-gui?ma=", StringComparison.Ordinal))
        {
            Assert.True(QuestionReference.TryParse(Uri.UnescapeDataString(location.Split("?ma=")[1]), out _, out var id), location);
            return id;
        }
        var match = TrackingPattern().Match(location);
        Assert.True(match.Success);
        var hash = QuestionService.Hash(match.Groups[1].Value);
        return await portal.WithDbAsync(db => db.Questions.Where(q => q.TrackingTokenHash == hash).Select(q => q.Id).SingleAsync());
    }

    public static Task<Question> QuestionAsync(this PortalFactory portal, int id) =>
        portal.WithDbAsync(db => db.Questions.AsNoTracking().SingleAsync(q => q.Id == id));

    public static Task<DialogueSession> SessionAsync(this PortalFactory portal, int id) =>
        portal.WithDbAsync(db => db.DialogueSessions.AsNoTracking().SingleAsync(s => s.Id == id));

    /// <summary>Posts a back-office step on a question of session <paramref name="sessionId"/>, with the question's current version.</summary>
    public static async Task<HttpResponseMessage> QuestionStepAsync(this HttpClient client, PortalFactory portal, int sessionId, int questionId, string step,
        params (string Name, string Value)[] fields)
    {
        var version = (await portal.QuestionAsync(questionId)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await client.PostFormAsync("/quan-tri", $"/quan-tri/doi-thoai/{sessionId}/cau-hoi/{questionId}/{step}", [.. fields, ("version", version)]);
    }

    /// <summary>Moves a session on through the back office.</summary>
    public static async Task<HttpResponseMessage> MoveAsync(this HttpClient client, PortalFactory portal, int sessionId, DialogueState target)
    {
        var version = (await portal.SessionAsync(sessionId)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await client.PostFormAsync("/quan-tri", $"/quan-tri/doi-thoai/{sessionId}/chuyen", [("sang", target.ToString()), ("version", version)]);
    }

    /// <summary>One event read from a text/event-stream.</summary>
    public sealed record StreamEvent(string? Id, string Name, string Data);

    /// <summary>Reads events from an open stream until <paramref name="until"/> holds for one, or the timeout passes.</summary>
    public static async Task<StreamEvent> ReadUntilAsync(StreamReader reader, Func<StreamEvent, bool> until, TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        string? id = null;
        var name = "message";
        var data = new StringBuilder();
        while (true)
        {
            var line = await reader.ReadLineAsync(cancel.Token) ?? throw new InvalidOperationException("The stream ended.");
            if (line.Length == 0)
            {
                if (data.Length > 0)
                {
                    var e = new StreamEvent(id, name, data.ToString(0, data.Length - 1));
                    if (until(e))
                    {
                        return e;
                    }
                }
                id = null;
                name = "message";
                data.Clear();
            }
            else if (line.StartsWith("id: ", StringComparison.Ordinal))
            {
                id = line[4..];
            }
            else if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                name = line[7..];
            }
            else if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                data.Append(line[6..]).Append('\n');
            }
        }
    }
}

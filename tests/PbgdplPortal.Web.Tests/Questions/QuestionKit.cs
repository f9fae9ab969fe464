using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Questions;
using PbgdplPortal.Web.Tests.BackOffice;

namespace PbgdplPortal.Web.Tests.Questions;

/// <summary>The portal with its mail going to a local SMTP listener the fixture starts, and fast outbox passes.</summary>
public abstract class QuestionPortal : PortalFactory
{
    public SmtpListener Smtp { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Portal:Mail:Host", "127.0.0.1");
        builder.UseSetting("Portal:Mail:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Portal:Mail:Security", "none");
        builder.UseSetting("Portal:Mail:PollInterval", "00:00:00.100");
        builder.UseSetting("Portal:Mail:RetryDelay", "00:00:00.200");
    }

    protected override async Task StopAlongsideAsync() => await Smtp.DisposeAsync();
}

public sealed class SqliteQuestionPortal : QuestionPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
}

public sealed class PostgresQuestionPortal : QuestionPortal
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

/// <summary>Asking through the public form and acting through the back office's forms, as people do.</summary>
public static partial class QuestionKit
{
    public const string Agency = "so-tu-phap";
    public const string OtherAgency = "so-giao-duc-va-dao-tao";
    public const string Topic = "hon-nhan-gia-dinh";
    public const string Audience = "hoc-sinh-sinh-vien";

    [GeneratedRegex("/hoi-dap/theo-doi/([A-Za-z0-9_-]+)")]
    private static partial Regex TrackingPattern();

    /// <summary>Sends the public form; returns the response (a redirect to the tracking link on success).</summary>
    public static Task<HttpResponseMessage> AskThroughFormAsync(this HttpClient client, string text, string? email = null, string? name = null,
        string? place = null, bool consent = true, string topic = Topic, string audience = Audience, string honeypot = "") =>
        client.PostFormAsync(QuestionUrls.Ask, QuestionUrls.Ask,
        [
            ("cau-hoi", text), ("linh-vuc", topic), ("doi-tuong", audience), ("ho-ten", name ?? ""), ("dia-chi", place ?? ""),
            ("thu-dien-tu", email ?? ""), ("dong-y", consent ? "1" : ""), ("website", honeypot),
        ]);

    /// <summary>Asks a fresh question; returns its id and the private tracking path.</summary>
    public static async Task<(int Id, string Tracking)> AskAsync(this PortalFactory portal, string text, string? email = null, string? name = null, string? place = null)
    {
        using var client = portal.Browser();
        var response = await client.AskThroughFormAsync(text, email, name, place);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        var match = TrackingPattern().Match(location);
        Assert.True(match.Success, location);
        var hash = QuestionService.Hash(match.Groups[1].Value);
        var id = await portal.WithDbAsync(db => db.Questions.Where(q => q.TrackingTokenHash == hash).Select(q => q.Id).SingleAsync());
        return (id, location.Split('?')[0]);
    }

    public static Task<Question> QuestionAsync(this PortalFactory portal, int id) =>
        portal.WithDbAsync(db => db.Questions.AsNoTracking().Include(q => q.Citations).SingleAsync(q => q.Id == id));

    /// <summary>Posts a back-office step on question <paramref name="id"/> with its current version.</summary>
    public static async Task<HttpResponseMessage> StepAsync(this HttpClient client, PortalFactory portal, int id, string step, params (string Name, string Value)[] fields)
    {
        var version = (await portal.QuestionAsync(id)).Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await client.PostFormAsync("/quan-tri", $"/quan-tri/hoi-dap/{id}/{step}", [.. fields, ("version", version)]);
    }

    public static async Task<int> AgencyIdAsync(this PortalFactory portal, string slug) =>
        await portal.WithDbAsync(db => db.Agencies.Where(a => a.Slug == slug).Select(a => a.Id).SingleAsync());
}

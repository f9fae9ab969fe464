using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PbgdplPortal.Content;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>Helpers for the article and document editor tests.</summary>
public static partial class EditingKit
{
    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();

    /// <summary>A unique title, so tests sharing one database never collide.</summary>
    public static string Unique(string title) => $"{title} {Guid.NewGuid().ToString("N")[..8]}";

    public static (string, string)[] ArticleFields(string title, string body = "Nội dung **thử**.", string action = "luu", string topic = "hon-nhan-gia-dinh",
        string? citations = null, int? version = null, string? publishAt = null, string? slug = null, int? imageId = null) =>
    [
        ("Title", title), ("Slug", slug ?? ""), ("Summary", "Tóm tắt thử."), ("Body", body), ("Topics", topic), ("Citations", citations ?? ""),
        ("FeaturedImageId", imageId?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? ""),
        ("PublishAt", publishAt ?? ""), ("UnpublishAt", ""), ("Version", (version ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ("hanh-dong", action),
    ];

    /// <summary>Creates an article through the editor form and returns its id.</summary>
    public static async Task<int> CreateArticleAsync(this HttpClient client, PortalFactory portal, string title, string action = "luu", string? citations = null)
    {
        var response = await client.PostFormAsync("/quan-tri/bai-viet/moi", "/quan-tri/bai-viet/moi", ArticleFields(title, action: action, citations: citations));
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, await response.Content.ReadAsStringAsync());
        // Follow the redirect as a browser would, which shows (and uses up) the confirmation message.
        await client.GetStringAsync(response.Headers.Location);
        return await portal.WithDbAsync(db => db.Articles.Where(a => a.Title == title).Select(a => a.Id).SingleAsync());
    }

    /// <summary>The Version the edit form of <paramref name="url"/> carries.</summary>
    public static async Task<int> FormVersionAsync(this HttpClient client, string url)
    {
        var html = await client.GetStringAsync(url);
        return int.Parse(VersionPattern().Match(html).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    public static Task<Article> ArticleAsync(this PortalFactory portal, int id) =>
        portal.WithDbAsync(db => db.Articles.AsNoTracking().Include(a => a.Citations).SingleAsync(a => a.Id == id));
}

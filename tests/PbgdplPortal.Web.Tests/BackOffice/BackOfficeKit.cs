using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace PbgdplPortal.Web.Tests.BackOffice;

/// <summary>Signs test accounts in through the real sign-in form (CSRF token included).</summary>
public static partial class BackOfficeKit
{
    [GeneratedRegex("name=\"__csrf\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    /// <summary>A client that keeps cookies and does not follow redirects.</summary>
    public static HttpClient Browser(this PortalFactory portal) =>
        portal.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>A client signed in as <paramref name="account"/>.</summary>
    public static async Task<HttpClient> SignedInAsync(this PortalFactory portal, TestAccount account)
    {
        var client = portal.Browser();
        var response = await client.SignInAsync(account.Email, account.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/quan-tri", response.Headers.Location?.OriginalString);
        return client;
    }

    /// <summary>Posts the sign-in form as a browser would.</summary>
    public static async Task<HttpResponseMessage> SignInAsync(this HttpClient client, string email, string password, string? returnUrl = null) =>
        await client.PostFormAsync("/quan-tri/dang-nhap", "/quan-tri/dang-nhap", [("Email", email), ("Password", password), ("ReturnUrl", returnUrl ?? "")]);

    /// <summary>The antiforgery token of the form on <paramref name="page"/>.</summary>
    public static async Task<string> TokenAsync(this HttpClient client, string page)
    {
        var html = await client.GetStringAsync(page);
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, $"No antiforgery token on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    /// <summary>Reads a token from <paramref name="formPage"/>, then posts <paramref name="fields"/> with it to <paramref name="url"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string formPage, string url, IEnumerable<(string Name, string Value)> fields)
    {
        var token = await client.TokenAsync(formPage);
        return await client.PostAsync(url, new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)), new("__csrf", token)]));
    }
}

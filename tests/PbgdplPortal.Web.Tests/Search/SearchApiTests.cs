using System.Net;
using System.Text.Json;

namespace PbgdplPortal.Web.Tests.Search;

/// <summary>The shape and the validation of /api/search and /api/search/suggest, on SQLite and PostgreSQL.</summary>
public abstract class SearchApiTests(PortalFactory portal)
{
    private readonly HttpClient client = portal.CreateClient(new() { AllowAutoRedirect = false });

    private async Task<(HttpResponseMessage Response, JsonElement Json)> GetAsync(string url)
    {
        await SearchTestKit.EngineAsync(portal);
        var response = await client.GetAsync(url);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode < 500, $"{url} answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return (response, json.RootElement.Clone());
    }

    [Fact]
    public async Task A_search_answers_hits_with_type_slug_title_url_snippet_and_date_and_facets()
    {
        var (response, json) = await GetAsync("/api/search?q=dang+ky+ket+hon");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(json.GetProperty("total").GetInt32() > 0);
        Assert.Equal(1, json.GetProperty("page").GetInt32());
        var hit = json.GetProperty("hits")[0];
        Assert.Equal("article", hit.GetProperty("type").GetString());
        Assert.Equal("dang-ky-ket-hon", hit.GetProperty("slug").GetString());
        Assert.Equal("Đăng ký kết hôn", hit.GetProperty("title").GetString());
        Assert.Equal("/bai-viet/dang-ky-ket-hon", hit.GetProperty("url").GetString());
        Assert.Contains("<mark>", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.True(hit.GetProperty("published").GetDateTime() > new DateTime(2000, 1, 1, 0, 0, 0, DateTimeKind.Utc));
        var facets = json.GetProperty("facets");
        foreach (var dimension in new[] { "type", "topic", "audience", "agency", "year" })
        {
            Assert.True(facets.TryGetProperty(dimension, out var values), $"no '{dimension}' facet");
            Assert.All(values.EnumerateArray(), v =>
            {
                Assert.False(string.IsNullOrEmpty(v.GetProperty("value").GetString()));
                Assert.False(string.IsNullOrEmpty(v.GetProperty("label").GetString()));
                Assert.True(v.GetProperty("count").GetInt32() > 0);
            });
        }
    }

    [Theory]
    [InlineData("/api/search")]
    [InlineData("/api/search?q=")]
    [InlineData("/api/search?q=%20%20%20")]
    [InlineData("/api/search?q=%22%22")]
    [InlineData("/api/search?q=%2C.%3B!%3F")]
    public async Task An_empty_query_answers_200_with_no_hits(string url)
    {
        var (response, json) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, json.GetProperty("total").GetInt32());
        Assert.Equal(0, json.GetProperty("hits").GetArrayLength());
    }

    [Theory]
    [InlineData("/api/search?q=hon&page=0", "page")]
    [InlineData("/api/search?q=hon&page=-1", "page")]
    [InlineData("/api/search?q=hon&page=abc", "page")]
    [InlineData("/api/search?q=hon&page=99999999999", "page")]
    [InlineData("/api/search?q=hon&pageSize=101", "pageSize")]
    [InlineData("/api/search?q=hon&pageSize=0", "pageSize")]
    [InlineData("/api/search?q=hon&pageSize=-5", "pageSize")]
    [InlineData("/api/search?q=hon&sort=popular", "sort")]
    [InlineData("/api/search?q=hon&sort=%3Cscript%3E", "sort")]
    public async Task Invalid_parameters_answer_400_with_problem_details_naming_the_parameter(string url, string parameter)
    {
        var (response, json) = await GetAsync(url);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(400, json.GetProperty("status").GetInt32());
        Assert.True(json.GetProperty("errors").TryGetProperty(parameter, out var messages), $"no error for '{parameter}': {json}");
        Assert.False(string.IsNullOrWhiteSpace(messages[0].GetString()));
    }

    [Fact]
    public async Task A_query_over_256_characters_answers_400_and_one_of_256_is_searched()
    {
        var (tooLong, json) = await GetAsync("/api/search?q=" + new string('a', 257));
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Equal("application/problem+json", tooLong.Content.Headers.ContentType?.MediaType);
        Assert.True(json.GetProperty("errors").TryGetProperty("q", out _));

        var (longest, _) = await GetAsync("/api/search?q=" + Uri.EscapeDataString(string.Concat(Enumerable.Repeat("kết hôn ", 32))[..256]));
        Assert.Equal(HttpStatusCode.OK, longest.StatusCode);

        var (suggest, _) = await GetAsync("/api/search/suggest?q=" + new string('a', 257));
        Assert.Equal(HttpStatusCode.BadRequest, suggest.StatusCode);
        Assert.Equal("application/problem+json", suggest.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("relevance")]
    [InlineData("newest")]
    [InlineData("moi-nhat")]
    [InlineData("NEWEST")]
    public async Task Known_sorts_are_accepted(string sort)
    {
        var (response, json) = await GetAsync($"/api/search?q=ket+hon&sort={sort}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json.GetProperty("total").GetInt32() > 0);
    }

    [Fact]
    public async Task Newest_first_sorts_hits_by_date()
    {
        var (_, json) = await GetAsync("/api/search?q=ket+hon&sort=newest&pageSize=100");
        var dates = json.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("published").GetDateTime()).ToList();
        Assert.True(dates.Count > 1);
        Assert.Equal(dates.OrderByDescending(d => d), dates);
    }

    [Fact]
    public async Task A_page_past_the_results_answers_200_with_no_hits_but_the_total()
    {
        var (response, json) = await GetAsync("/api/search?q=ket+hon&page=500&pageSize=100");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(json.GetProperty("total").GetInt32() > 0);
        Assert.Equal(0, json.GetProperty("hits").GetArrayLength());
    }

    [Fact]
    public async Task Suggestions_answer_titles_and_urls_for_the_words_typed_so_far()
    {
        var (response, json) = await GetAsync("/api/search/suggest?q=dang+ky+ket");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(json.EnumerateArray(), s => s.GetProperty("title").GetString() == "Đăng ký kết hôn" && s.GetProperty("url").GetString() == "/bai-viet/dang-ky-ket-hon");
        Assert.True(json.GetArrayLength() <= 8);
        var (empty, none) = await GetAsync("/api/search/suggest?q=");
        Assert.Equal(HttpStatusCode.OK, empty.StatusCode);
        Assert.Equal(0, none.GetArrayLength());
    }
}

[Collection(SqliteCollection.Name)]
public sealed class SearchApiOnSqlite(SqlitePortal portal) : SearchApiTests(portal);

[Collection(PostgresCollection.Name)]
public sealed class SearchApiOnPostgres(PostgresPortal portal) : SearchApiTests(portal);

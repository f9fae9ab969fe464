using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace PbgdplPortal.Site;

/// <summary>schema.org JSON-LD for pages, safe to embed in a script element.</summary>
public static class StructuredData
{
    // Keeps Vietnamese readable but still escapes <, >, & and quotes, so "</script>" cannot appear.
    private static readonly JsonSerializerOptions Options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    public static string Article(ArticlePage page, string baseUrl)
    {
        var publisher = Organization(page.Agency, baseUrl);
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "Article",
            ["headline"] = page.Title,
            ["description"] = page.Summary,
            ["inLanguage"] = "vi",
            ["url"] = baseUrl + page.Url,
            ["mainEntityOfPage"] = baseUrl + page.Url,
            ["datePublished"] = page.PublishedAt.ToString("o"),
            ["dateModified"] = page.UpdatedAt.ToString("o"),
            ["author"] = publisher,
            ["publisher"] = publisher,
            ["keywords"] = string.Join(", ", page.Topics.Select(t => t.Name)),
            ["audience"] = page.Audiences.Select(a => new Dictionary<string, object?> { ["@type"] = "Audience", ["audienceType"] = a.Name }).ToList(),
            ["citation"] = Legislation(page.LegalBasis, baseUrl),
        };
        return JsonSerializer.Serialize(data, Options);
    }

    /// <summary>A published question and its answer as a schema.org QAPage; the asker's name is already masked.</summary>
    public static string QAPage(PbgdplPortal.Questions.QuestionPage page, string baseUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        var agency = Organization(page.Agency, baseUrl);
        var data = new Dictionary<string, object?>
        {
            ["@context"] = "https://schema.org",
            ["@type"] = "QAPage",
            ["inLanguage"] = "vi",
            ["url"] = baseUrl + page.Url,
            ["mainEntity"] = new Dictionary<string, object?>
            {
                ["@type"] = "Question",
                ["name"] = page.Title,
                ["text"] = page.Text,
                ["answerCount"] = 1,
                ["dateCreated"] = page.AskedAt.ToString("o"),
                ["author"] = new Dictionary<string, object?> { ["@type"] = "Person", ["name"] = page.AskerName },
                ["about"] = page.Topic.Name,
                ["acceptedAnswer"] = new Dictionary<string, object?>
                {
                    ["@type"] = "Answer",
                    ["text"] = page.AnswerHtml,
                    ["dateCreated"] = page.PublishedAt.ToString("o"),
                    ["url"] = baseUrl + page.Url + "#tra-loi",
                    ["author"] = agency,
                    ["citation"] = Legislation(page.LegalBasis, baseUrl),
                },
            },
        };
        return JsonSerializer.Serialize(data, Options);
    }

    private static Dictionary<string, object?> Organization(TermLink agency, string baseUrl) => new()
    {
        ["@type"] = "GovernmentOrganization",
        ["name"] = agency.Name,
        ["url"] = baseUrl + agency.Url,
    };

    private static List<Dictionary<string, object?>> Legislation(IEnumerable<CitationView> citations, string baseUrl) =>
        citations.Select(c => new Dictionary<string, object?>
        {
            ["@type"] = "Legislation",
            ["legislationIdentifier"] = c.Number,
            ["name"] = c.Title,
            ["url"] = c.Url is null ? null : baseUrl + c.Url,
        }).ToList();
}

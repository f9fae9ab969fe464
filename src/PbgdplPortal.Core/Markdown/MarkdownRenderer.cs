using Ganss.Xss;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using PbgdplPortal.Media;
using PbgdplPortal.Text;

namespace PbgdplPortal.Markdown;

/// <summary>
/// The one Markdown pipeline of the portal: CommonMark with tables and heading anchors, raw HTML
/// shown as text, citations of held documents turned into links, and the result sanitized.
/// </summary>
public static class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseAutoIdentifiers(Markdig.Extensions.AutoIdentifiers.AutoIdentifierOptions.GitHub)
        .UseAutoLinks()
        .UseEmphasisExtras(Markdig.Extensions.EmphasisExtras.EmphasisExtraOptions.Strikethrough)
        .UseListExtras()
        .UseFootnotes()
        .DisableHtml()
        .Build();

    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            sanitizer.AllowedSchemes.Add(scheme);
        }
        sanitizer.AllowedAttributes.Add("id");
        // Written by the renderer for images of the media library (raw HTML is never accepted from authors).
        foreach (var attribute in new[] { "srcset", "sizes", "width", "height", "decoding" })
        {
            sanitizer.AllowedAttributes.Add(attribute);
        }
        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedCssProperties.Clear();
        sanitizer.AllowedAtRules.Clear();
        sanitizer.AllowedTags.Remove("form");
        sanitizer.AllowedTags.Remove("input");
        sanitizer.AllowedTags.Remove("button");
        sanitizer.AllowedTags.Remove("textarea");
        sanitizer.AllowedTags.Remove("select");
        sanitizer.AllowedTags.Remove("option");
        sanitizer.AllowDataAttributes = false;
        sanitizer.PostProcessNode += (_, e) =>
        {
            if (e.Node is AngleSharp.Dom.IElement element)
            {
                if (element.LocalName == "img")
                {
                    element.SetAttribute("loading", "lazy");
                }
                else if (element.LocalName == "a" && element.GetAttribute("href") is { } href
                    && (href.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || href.StartsWith("https://", StringComparison.OrdinalIgnoreCase)))
                {
                    element.SetAttribute("rel", "noopener nofollow");
                }
            }
        };
        return sanitizer;
    }

    /// <summary>Renders Markdown to safe HTML.</summary>
    /// <param name="markdown">The source text.</param>
    /// <param name="documentUrl">Returns the page address of a document number the portal holds, or null.</param>
    /// <param name="mediaImage">Returns the stored image of a media-library key, or null; its images then get their smaller copies.</param>
    public static string ToHtml(string markdown, Func<string, string?>? documentUrl = null, Func<string, MediaImage?>? mediaImage = null)
    {
        var document = Markdig.Markdown.Parse(VietnameseText.Nfc(markdown), Pipeline);
        if (documentUrl is not null)
        {
            LinkCitations(document, documentUrl);
        }
        if (mediaImage is not null)
        {
            SizeImages(document, mediaImage);
        }
        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Sanitizer.Sanitize(writer.ToString());
    }

    /// <summary>Plain text of the Markdown, for summaries, feeds and the search index.</summary>
    public static string ToPlainText(string markdown) =>
        Markdig.Markdown.ToPlainText(VietnameseText.Nfc(markdown), Pipeline).Trim();

    private static void LinkCitations(MarkdownDocument document, Func<string, string?> documentUrl)
    {
        var literals = document.Descendants<LiteralInline>()
            .Where(l => l.FirstParentOfType<LinkInline>() is null)
            .ToList();
        foreach (var literal in literals)
        {
            var text = literal.Content.ToString();
            var matches = DocumentNumbers.Find(text)
                .Select(m => (Match: m, Url: documentUrl(DocumentNumbers.Key(m.Value))))
                .Where(x => x.Url is not null)
                .ToList();
            if (matches.Count == 0)
            {
                continue;
            }
            Inline anchor = literal;
            var position = 0;
            foreach (var (match, url) in matches)
            {
                if (match.Index > position)
                {
                    anchor = InsertAfter(anchor, new LiteralInline(text[position..match.Index]));
                }
                var link = new LinkInline(url!, title: string.Empty);
                link.AppendChild(new LiteralInline(match.Value));
                anchor = InsertAfter(anchor, link);
                position = match.Index + match.Length;
            }
            if (position < text.Length)
            {
                InsertAfter(anchor, new LiteralInline(text[position..]));
            }
            literal.Remove();
        }
    }

    /// <summary>The sizes images of a body take: the reading column (48rem) or the screen's width.</summary>
    public const string BodyImageSizes = "(min-width: 50rem) 48rem, 100vw";

    /// <summary>The media-library keys the Markdown's images point to ("/media/…").</summary>
    public static IReadOnlyList<string> MediaImageKeys(string markdown) =>
        [.. Markdig.Markdown.Parse(VietnameseText.Nfc(markdown), Pipeline).Descendants<LinkInline>()
            .Where(l => l.IsImage && l.Url is { } url && url.StartsWith(MediaUrls.Prefix, StringComparison.Ordinal))
            .Select(l => l.Url![MediaUrls.Prefix.Length..]).Distinct()];

    /// <summary>Images of the media library: a copy sized for the column, every copy in srcset, width and height against layout shifts.</summary>
    private static void SizeImages(MarkdownDocument document, Func<string, MediaImage?> mediaImage)
    {
        foreach (var link in document.Descendants<LinkInline>().Where(l => l.IsImage && l.Url is { } url && url.StartsWith(MediaUrls.Prefix, StringComparison.Ordinal)))
        {
            if (mediaImage(link.Url![MediaUrls.Prefix.Length..]) is not { } image)
            {
                continue;
            }
            link.Url = MediaUrls.Sized(image.StorageKey, image.Variants, 640);
            var attributes = link.GetAttributes();
            attributes.AddProperty("srcset", MediaUrls.SrcSet(image.StorageKey, image.Width, image.Variants));
            attributes.AddProperty("sizes", BodyImageSizes);
            attributes.AddProperty("width", image.Width.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attributes.AddProperty("height", image.Height.ToString(System.Globalization.CultureInfo.InvariantCulture));
            attributes.AddProperty("decoding", "async");
        }
    }

    private static Inline InsertAfter(Inline anchor, Inline inline)
    {
        anchor.InsertAfter(inline);
        return inline;
    }
}

internal static class InlineExtensions
{
    public static T? FirstParentOfType<T>(this Inline inline) where T : Inline
    {
        for (var parent = inline.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is T match)
            {
                return match;
            }
        }
        return null;
    }
}

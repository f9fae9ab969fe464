using System.Text.RegularExpressions;
using AngleSharp.Html.Parser;

namespace PbgdplPortal.Core.Tests.Markdown;

/// <summary>
/// The project's XSS corpus: hostile text in Markdown and HTML, plain and obfuscated, and the check that finds active
/// content in HTML as a browser or a feed reader would parse it: scripting elements, event handler attributes, and
/// addresses with a scheme other than http, https, mailto or tel.
/// </summary>
public static partial class XssCorpus
{
    public static TheoryData<string> Vectors { get; } = new()
    {
        // Raw HTML, which must come out as text.
        "<script>alert(1)</script>",
        "<SCRIPT SRC=https://evil.example/x.js></SCRIPT>",
        "Văn bản <script>alert(1)</script> giữa dòng",
        "<img src=x onerror=alert(1)>",
        "<IMG SRC=\"javascript:alert('XSS');\">",
        "<svg onload=alert(1)>",
        "<svg><script>alert(1)</script></svg>",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\"></object>",
        "<embed src=\"javascript:alert(1)\">",
        "<style>body{background:url(javascript:alert(1))}</style>",
        "<div style=\"width: expression(alert(1))\">x</div>",
        "<p style=\"background-image:url('javascript:alert(1)')\">x</p>",
        "<form action=\"javascript:alert(1)\"><input type=submit></form>",
        "<input onfocus=alert(1) autofocus>",
        "<button formaction=javascript:alert(1)>x</button>",
        "<a href=\"javascript:alert(1)\">bấm</a>",
        "<a href=\"&#106;avascript:alert(1)\">bấm</a>",
        "<body onload=alert(1)>",
        "<details open ontoggle=alert(1)>",
        "<video><source onerror=\"alert(1)\"></video>",
        "<marquee onstart=alert(1)>x</marquee>",
        "<base href=\"javascript:alert(1)//\">",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<link rel=stylesheet href=\"javascript:alert(1)\">",
        "<!-- <script>alert(1)</script> -->",
        "<!--><script>alert(1)</script>-->",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<img src=\"x\" onerror=\"alert(1)\"",
        "<div><p><a href=javascript:alert(1)>x",
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>",
        "<template><script>alert(1)</script></template>",
        "<![CDATA[<script>alert(1)</script>]]>",
        "<div>\n<script>alert(1)</script>\n</div>",
        "| a | b |\n|---|---|\n| <script>alert(1)</script> | <img src=x onerror=alert(1)> |",
        "- <svg onload=alert(1)>\n- <iframe src=//evil.example>",

        // Markdown links and images with dangerous schemes, plain and obfuscated.
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x](&#106;avascript:alert(1))",
        "[x](&#x6A;avascript&#x3A;alert(1))",
        "[x](javascript&colon;alert(1))",
        "[x](javascript\\:alert(1))",
        "[x]( javascript:alert(1) )",
        "[x](<javascript:alert(1)>)",
        "[x](java&#x09;script:alert(1))",
        "[x](java&#x0A;script:alert(1))",
        "[x](&#x20;javascript:alert(1))",
        "[x](&#x01;javascript:alert(1))",
        "[x](ｊavascript:alert(1))",
        "[x](java%0ascript:alert(1))",
        "[x](vbscript:msgbox(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[x](data:text/html,<script>alert(1)</script>)",
        "[x](file:///etc/passwd)",
        "[x](\"onmouseover=alert(1))",
        "[x](https://example.vn/\"onmouseover=\"alert(1))",
        "[x](https://example.vn \"\\\" onmouseover=\\\"alert(1)\")",
        "[x][ref]\n\n[ref]: javascript:alert(1)",
        "[x][ref]\n\n[ref]: <data:text/html,<script>alert(1)</script>>",
        "![x](javascript:alert(1))",
        "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+)",
        "![x](https://example.vn/a.png \"onerror=alert(1)\")",
        "![x\" onerror=\"alert(1)](https://example.vn/a.png)",
        "[![x](data:image/png;base64,AAAA)](javascript:alert(1))",
        "<javascript:alert(1)>",
        "<JaVaScRiPt:alert(1)>",
        "<vbscript:msgbox(1)>",
        "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>",
        "ftp://example.vn/tep.exe",
        "Xem javascript:alert(1) ngay.",
        "[x](javascript:alert(1) \"tiêu đề\")",
        "[^1]\n\n[^1]: [x](javascript:alert(1))",
        "`<script>alert(1)</script>`",
        "```html\n<script>alert(1)</script>\n```",

        // Text that turns into markup when a feed or its reader decodes it once too often, or closes the element it sits in.
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "&#60;img src=x onerror=alert(1)&#62;",
        "&amp;lt;img src=x onerror=alert(1)&amp;gt;",
        "]]><script>alert(1)</script><![CDATA[",
        "</description><script>alert(1)</script><description>",
        "</title><img src=x onerror=alert(1)><title>",
        "<p>Đoạn văn</p><a href=\"javascript:alert(1)\">liên kết</a>",
    };

    private static readonly HashSet<string> ForbiddenElements =
        ["script", "iframe", "object", "embed", "style", "form", "input", "button", "base", "meta", "link", "svg", "math", "frame",
         "frameset", "applet", "textarea", "select", "template", "noscript", "video", "audio", "source", "marquee", "details", "body"];

    private static readonly HashSet<string> AllowedSchemes = ["http", "https", "mailto", "tel"];

    private static readonly HashSet<string> UrlAttributes =
        ["href", "src", "srcset", "action", "formaction", "xlink:href", "background", "poster", "data", "cite", "lowsrc", "dynsrc"];

    [GeneratedRegex("^[a-z][a-z0-9+.-]*$")]
    private static partial Regex SchemePattern();

    /// <summary>The scheme a browser would see in an address, or null for a relative address.</summary>
    public static string? SchemeOf(string address)
    {
        // As the URL standard does: drop tabs and newlines anywhere, trim C0 controls and spaces.
        var cleaned = new string(address.Where(c => c is not ('\t' or '\n' or '\r')).ToArray()).Trim((char[])[.. Enumerable.Range(0, 0x21).Select(i => (char)i)]);
        var colon = cleaned.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return null;
        }
        var candidate = cleaned[..colon].ToLowerInvariant();
        return SchemePattern().IsMatch(candidate) ? candidate : null;
    }

    /// <summary>Every piece of active content in <paramref name="html"/>, described for the failure message.</summary>
    public static List<string> ActiveContent(string html)
    {
        var findings = new List<string>();
        foreach (var element in new HtmlParser().ParseDocument(html).Body!.QuerySelectorAll("*"))
        {
            if (ForbiddenElements.Contains(element.LocalName))
            {
                findings.Add($"<{element.LocalName}>");
            }
            foreach (var attribute in element.Attributes)
            {
                var name = attribute.Name.ToLowerInvariant();
                if (name.StartsWith("on", StringComparison.Ordinal) || name is "style" or "srcdoc")
                {
                    findings.Add($"{name}=\"{attribute.Value}\"");
                }
                else if (UrlAttributes.Contains(name) && SchemeOf(attribute.Value) is { } scheme && !AllowedSchemes.Contains(scheme))
                {
                    findings.Add($"{name}=\"{attribute.Value}\"");
                }
            }
        }
        return findings;
    }

}

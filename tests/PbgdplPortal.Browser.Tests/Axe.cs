using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace PbgdplPortal.Browser.Tests;

/// <summary>The accessibility check every page must pass: axe's WCAG 2.1 A and AA rules.</summary>
public static class Axe
{
    private static readonly AxeRunOptions Wcag21AA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
    };

    /// <summary>axe finds no WCAG 2.1 A/AA violation on the page as it is now.</summary>
    public static async Task AssertAccessibleAsync(this IPage page)
    {
        var result = await page.RunAxe(Wcag21AA);

        Assert.True(result.Passes.Length > 0, $"axe checked nothing on {page.Url}: did it run?");
        Assert.True(result.Violations.Length == 0, Describe(page.Url, page.ViewportSize?.Width, result.Violations));
    }

    private static string Describe(string url, int? width, AxeResultItem[] violations)
    {
        var text = new StringBuilder($"axe found {violations.Length} violation(s) on {url} at {width}px:");
        foreach (var violation in violations)
        {
            text.AppendLine().Append($"- {violation.Id} ({violation.Impact}): {violation.Help} {violation.HelpUrl}");
            foreach (var node in violation.Nodes)
            {
                text.AppendLine().Append($"    {node.Target} → {node.Html}");
                foreach (var check in node.Any.Concat(node.All).Concat(node.None))
                {
                    text.AppendLine().Append("      ").Append(check.Message);
                }
            }
        }
        return text.ToString();
    }
}

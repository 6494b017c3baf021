using System.Text;
using HtmlAgilityPack;

namespace Digest.Core.Feeds;

/// <summary>Text and link clean-up shared by every feed format.</summary>
internal static class FeedText
{
    // Elements whose boundaries separate words; without a space "<p>One</p><p>Two</p>" would read "OneTwo".
    private static readonly HashSet<string> BlockElements = new(StringComparer.OrdinalIgnoreCase)
    {
        "p", "br", "div", "li", "ul", "ol", "tr", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6",
        "blockquote", "pre", "section", "article", "header", "footer", "figure", "figcaption", "hr", "dd", "dt",
    };

    /// <summary>Trims and collapses runs of whitespace to one space; null when nothing is left.</summary>
    public static string? Clean(string? text)
    {
        if (text is null)
        {
            return null;
        }

        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c) || char.IsControl(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// Turns a fragment that may contain HTML markup or HTML entities into plain text: tags removed (block
    /// boundaries become spaces), script and style dropped, entities decoded, whitespace collapsed.
    /// </summary>
    public static string? HtmlToText(string? html)
    {
        if (html is null)
        {
            return null;
        }

        if (html.IndexOf('<', StringComparison.Ordinal) < 0 && html.IndexOf('&', StringComparison.Ordinal) < 0)
        {
            return Clean(html);
        }

        var document = new HtmlDocument();
        document.LoadHtml(html);
        var builder = new StringBuilder(html.Length);
        AppendText(document.DocumentNode, builder);
        return Clean(builder.ToString());
    }

    private static void AppendText(HtmlNode node, StringBuilder builder)
    {
        foreach (var child in node.ChildNodes)
        {
            switch (child.NodeType)
            {
                case HtmlNodeType.Text:
                    builder.Append(HtmlEntity.DeEntitize(((HtmlTextNode)child).Text));
                    break;
                case HtmlNodeType.Element when child.Name is "script" or "style":
                    break;
                case HtmlNodeType.Element:
                    var block = BlockElements.Contains(child.Name);
                    if (block)
                    {
                        builder.Append(' ');
                    }

                    AppendText(child, builder);
                    if (block)
                    {
                        builder.Append(' ');
                    }

                    break;
                default:
                    break;
            }
        }
    }

    /// <summary>
    /// Resolves a link against its base. Only http, https and file results are kept: a <c>javascript:</c> or
    /// <c>data:</c> "link" in a hostile feed must never reach a fetcher or an email.
    /// </summary>
    public static Uri? ResolveLink(string? href, Uri baseUri)
    {
        var trimmed = href?.Trim();
        if (string.IsNullOrEmpty(trimmed) || !Uri.TryCreate(baseUri, trimmed, out var resolved))
        {
            return null;
        }

        return resolved.Scheme is "http" or "https" or "file" ? resolved : null;
    }

    /// <summary>A trimmed identifier, or null when it is empty.</summary>
    public static string? Identifier(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}

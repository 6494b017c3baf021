using System.Text;
using System.Net;
using Digest.Core.Safety;

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

    /// <summary>
    /// One line of plain text: runs of whitespace collapse to one space, then <see cref="SafeText.Inline"/> removes
    /// control characters (C0, C1, DEL) and bidirectional overrides, which a hostile title could use to ring a bell,
    /// move a terminal's cursor or make a line read backwards. Null when nothing is left.
    /// </summary>
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
            if (char.IsWhiteSpace(c))
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

        return SafeText.Inline(builder.ToString());
    }

    /// <summary>
    /// Turns a fragment that may contain HTML markup or HTML entities into plain text: tags and comments removed
    /// (block boundaries become spaces), script and style content dropped, entities decoded, whitespace collapsed.
    /// <para>
    /// A single forward scan instead of an HTML parser: titles and summaries only need their text, and a parser
    /// that rebuilds the tree goes quadratic on hostile nesting (100 000 unclosed tags) where this stays linear.
    /// </para>
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

        var text = new StringBuilder(html.Length);
        var index = 0;
        var tagsMayClose = true;
        while (index < html.Length)
        {
            var open = html.IndexOf('<', index);
            if (open < 0 || !tagsMayClose)
            {
                text.Append(html, index, html.Length - index);
                break;
            }

            text.Append(html, index, open - index);
            var next = SkipMarkup(html, open, text);
            if (next < 0)
            {
                // No ">" anywhere after this point: every remaining "<" is literal text. Remembering that keeps the
                // scan linear on input such as "<a<a<a<a...".
                tagsMayClose = false;
                index = open;
                continue;
            }

            index = next;
        }

        return Clean(WebUtility.HtmlDecode(text.ToString()));
    }

    /// <summary>
    /// At a "&lt;": returns the index after the markup it starts (appending a space for block boundaries), the
    /// index after a literal "&lt;" (appended as text) when it starts no markup, or -1 when no "&gt;" follows at all.
    /// </summary>
    private static int SkipMarkup(string html, int open, StringBuilder text)
    {
        if (html.AsSpan(open).StartsWith("<!--", StringComparison.Ordinal))
        {
            var endOfComment = html.IndexOf("-->", open + 4, StringComparison.Ordinal);
            return endOfComment < 0 ? html.Length : endOfComment + 3;
        }

        var nameStart = open + 1;
        var closing = nameStart < html.Length && html[nameStart] == '/';
        if (closing)
        {
            nameStart++;
        }

        var isMarkup = nameStart < html.Length && (char.IsAsciiLetter(html[nameStart]) || (!closing && html[nameStart] is '!' or '?'));
        if (!isMarkup)
        {
            text.Append('<');
            return open + 1;
        }

        var close = html.IndexOf('>', nameStart);
        if (close < 0)
        {
            return -1;
        }

        var nameEnd = nameStart;
        while (nameEnd < close && char.IsAsciiLetterOrDigit(html[nameEnd]))
        {
            nameEnd++;
        }

        var name = html[nameStart..nameEnd];
        if (BlockElements.Contains(name))
        {
            text.Append(' ');
        }

        if (!closing && (name.Equals("script", StringComparison.OrdinalIgnoreCase) || name.Equals("style", StringComparison.OrdinalIgnoreCase)))
        {
            // Their content is code, never text; an unterminated one swallows the rest, as in a browser.
            var end = html.IndexOf("</" + name, close, StringComparison.OrdinalIgnoreCase);
            if (end < 0)
            {
                return html.Length;
            }

            var endClose = html.IndexOf('>', end);
            return endClose < 0 ? html.Length : endClose + 1;
        }

        return close + 1;
    }

    /// <summary>A trimmed identifier, or null when it is empty.</summary>
    public static string? Identifier(string? text)
    {
        var trimmed = text?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }

    /// <summary>At most this many names make an item's author; a hostile feed may list thousands.</summary>
    private const int MaxAuthors = 10;

    /// <summary>Names as one plain-text line: each cleaned, blanks and repeats dropped, joined with ", "; null when none.</summary>
    public static string? Authors(IEnumerable<string?> names)
    {
        var kept = new List<string>();
        foreach (var name in names)
        {
            if (Clean(name) is { } clean && !kept.Contains(clean, StringComparer.Ordinal))
            {
                kept.Add(clean);
                if (kept.Count == MaxAuthors)
                {
                    break;
                }
            }
        }

        return kept.Count == 0 ? null : string.Join(", ", kept);
    }
}

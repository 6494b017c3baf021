using System.Text.RegularExpressions;
using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>HtmlAgilityPack with guards for untrusted input.</summary>
internal static partial class HtmlParsing
{
    /// <summary>
    /// Real pages nest a few dozen levels. HtmlAgilityPack's cost grows with depth times size (a page of 30,000
    /// unclosed tags takes seconds), so deeper documents are refused by the parser and re-read flattened.
    /// </summary>
    internal const int MaxDepth = 1000;

    /// <summary>Parses the page; a pathologically deep one is parsed again with its structural tags stripped, keeping the text.</summary>
    public static HtmlDocument Parse(string html)
    {
        try
        {
            return Load(html);
        }
        catch (Exception exception) when (exception.GetType() == typeof(Exception) && exception.Message.Contains("nested", StringComparison.Ordinal))
        {
            // HtmlAgilityPack signals "too deep" with a bare System.Exception; anything else is a real fault and propagates.
            return Load(Flatten(html));
        }
    }

    private static HtmlDocument Load(string html)
    {
        var document = new HtmlDocument
        {
            // The extractor never looks elements up by id; skipping the id index saves time and memory.
            OptionUseIdAttribute = false,
            OptionCheckSyntax = false,
            OptionMaxNestedChildNodes = MaxDepth,

            // The text is already decoded (CharsetDecoder). Left on, the parser looks up every <meta charset> label
            // itself, and Encoding.GetEncoding("utf-7") throws NotSupportedException out of LoadHtml.
            OptionReadEncoding = false,
        };
        document.LoadHtml(html);
        return document;
    }

    /// <summary>
    /// Empties every script and style element except JSON-LD, before parsing. Their content is never text, yet on
    /// news pages inline scripts are often most of the bytes (hydration state, bundled code: a megabyte is not rare),
    /// and the parser walks them character by character. Comments are skipped whole, so a script tag inside one is
    /// left alone, as the parser would.
    /// </summary>
    internal static string StripScriptBodies(string html)
    {
        var span = html.AsSpan();
        System.Text.StringBuilder? builder = null;
        var copied = 0;
        var position = 0;
        while (position < span.Length)
        {
            var next = span[position..].IndexOf('<');
            if (next < 0)
            {
                break;
            }

            var open = position + next;
            var rest = span[(open + 1)..];
            if (rest.StartsWith("!--", StringComparison.Ordinal))
            {
                var endOfComment = span[(open + 4)..].IndexOf("-->", StringComparison.Ordinal);
                if (endOfComment < 0)
                {
                    break;
                }

                position = open + 4 + endOfComment + 3;
                continue;
            }

            var isScript = StartsWithTag(rest, "script");
            if (!isScript && !StartsWithTag(rest, "style"))
            {
                position = open + 1;
                continue;
            }

            var endOfTag = span[open..].IndexOf('>');
            if (endOfTag < 0)
            {
                break;
            }

            var contentStart = open + endOfTag + 1;
            var close = span[contentStart..].IndexOf(isScript ? "</script" : "</style", StringComparison.OrdinalIgnoreCase);
            if (close < 0)
            {
                break;
            }

            var contentEnd = contentStart + close;
            var keep = isScript && span[open..contentStart].Contains("ld+json", StringComparison.OrdinalIgnoreCase);
            if (!keep && contentEnd > contentStart)
            {
                builder ??= new System.Text.StringBuilder(html.Length / 2);
                builder.Append(span[copied..contentStart]);
                copied = contentEnd;
            }

            position = contentEnd;
        }

        if (builder is null)
        {
            return html;
        }

        builder.Append(span[copied..]);
        return builder.ToString();
    }

    private static bool StartsWithTag(ReadOnlySpan<char> rest, string name) =>
        rest.StartsWith(name, StringComparison.OrdinalIgnoreCase) && (rest.Length == name.Length || rest[name.Length] is ' ' or '\t' or '\n' or '\r' or '\f' or '>' or '/');

    /// <summary>Keeps only the tags that carry paragraph structure and metadata, so nothing can nest deeply any more.</summary>
    internal static string Flatten(string html) => StructuralTag().Replace(html, " ");

    [GeneratedRegex("""</?(?!(?:p|br|h[1-6]|html|head|body|title|meta|link|script|style)\b)[a-zA-Z][a-zA-Z0-9:-]*\b[^>]{0,2000}>""", RegexOptions.CultureInvariant)]
    private static partial Regex StructuralTag();
}

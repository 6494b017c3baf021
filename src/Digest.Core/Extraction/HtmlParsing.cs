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

    /// <summary>Keeps only the tags that carry paragraph structure and metadata, so nothing can nest deeply any more.</summary>
    internal static string Flatten(string html) => StructuralTag().Replace(html, " ");

    [GeneratedRegex("""</?(?!(?:p|br|h[1-6]|html|head|body|title|meta|link|script|style)\b)[a-zA-Z][a-zA-Z0-9:-]*\b[^>]{0,2000}>""", RegexOptions.CultureInvariant)]
    private static partial Regex StructuralTag();
}

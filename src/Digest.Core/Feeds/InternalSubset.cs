namespace Digest.Core.Feeds;

/// <summary>
/// Decides whether the entities a document declares in its internal DTD subset may be expanded. Old feeds declare a
/// few (<c>&lt;!ENTITY copy "&amp;#169;"&gt;</c>, a company name); those are expanded, within
/// <see cref="FeedParser.MaxCharactersFromEntities"/>, so a billion-laughs bomb is refused after a few kilobytes.
/// <para>
/// Expansion is allowed only for a subset of internal entities: none with an external identifier (<c>SYSTEM</c>,
/// <c>PUBLIC</c>, which covers NDATA and notations too) and no parameter entities (<c>%</c>), which could build such a
/// declaration out of character references. The reader never resolves external resources anyway (no resolver);
/// this keeps an external entity from even expanding to nothing silently: its references stay undeclared, and the
/// document fails unless they are HTML entity names that <see cref="HtmlEntityRepair"/> rewrites.
/// </para>
/// The scan is one linear pass over the prolog; quoted strings, comments and processing instructions are skipped.
/// </summary>
internal static class InternalSubset
{
    public static bool AllowsExpansion(string document)
    {
        var doctype = document.IndexOf("<!DOCTYPE", StringComparison.Ordinal);
        if (doctype < 0)
        {
            return true;
        }

        // Find the subset's "[" (or the doctype's end, when it has no subset), skipping the quoted external ids.
        var i = doctype + "<!DOCTYPE".Length;
        for (; i < document.Length; i++)
        {
            var c = document[i];
            if (c is '"' or '\'')
            {
                i = SkipQuoted(document, i);
            }
            else if (c == '>')
            {
                return true;
            }
            else if (c == '[')
            {
                break;
            }
        }

        for (i++; i < document.Length; i++)
        {
            var c = document[i];
            if (c is '"' or '\'')
            {
                i = SkipQuoted(document, i);
            }
            else if (document.AsSpan(i).StartsWith("<!--", StringComparison.Ordinal))
            {
                i = SkipTo(document, i + 4, "-->");
            }
            else if (document.AsSpan(i).StartsWith("<?", StringComparison.Ordinal))
            {
                i = SkipTo(document, i + 2, "?>");
            }
            else if (c == ']')
            {
                return true;
            }
            else if (c == '%' || IsKeywordAt(document, i, "SYSTEM") || IsKeywordAt(document, i, "PUBLIC"))
            {
                return false;
            }
        }

        // No end of the subset: the parser will refuse the document; nothing to expand.
        return false;
    }

    /// <summary>The index of the closing quote, or the end of the text.</summary>
    private static int SkipQuoted(string text, int open)
    {
        var close = text.IndexOf(text[open], open + 1);
        return close < 0 ? text.Length : close;
    }

    private static int SkipTo(string text, int from, string end)
    {
        var found = text.IndexOf(end, from, StringComparison.Ordinal);
        return found < 0 ? text.Length : found + end.Length - 1;
    }

    private static bool IsKeywordAt(string text, int index, string keyword)
        => text.AsSpan(index).StartsWith(keyword, StringComparison.Ordinal)
           && (index == 0 || !char.IsAsciiLetterOrDigit(text[index - 1]))
           && (index + keyword.Length >= text.Length || !char.IsAsciiLetterOrDigit(text[index + keyword.Length]));
}

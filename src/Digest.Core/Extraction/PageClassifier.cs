using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// Decides whether a page is an article at all. Index, tag and search pages are lists of linked headlines with short
/// teasers; login pages are a password form with little text. Metadata that says "article" (JSON-LD Article types,
/// og:type=article) outweighs the shape of the page unless there is next to no text.
/// </summary>
internal static class PageClassifier
{
    private const int MinArticleWords = 50;

    /// <summary>
    /// Links that stand alone as a line of their own (a headline linking to another page), not inside running text.
    /// Many of them in the chosen body mean it is a list of teasers, whatever the markup (headings, divs, list items).
    /// </summary>
    public static int CountStandaloneLinks(IReadOnlyList<HtmlNode> roots, DomStats stats)
    {
        var count = 0;
        foreach (var root in roots)
        {
            foreach (var node in DomWalk.PreOrder(root, elementsOnly: true))
            {
                if (node.Name == "a" && node.Attributes.Contains("href") && stats.Of(node).Text >= 15 && !HasTextBeside(node))
                {
                    count++;
                }
            }
        }

        return count;
    }

    private static bool HasTextBeside(HtmlNode link)
    {
        // Inline formatting around a link (<b><a>…</a></b>) still stands alone, so look beside the outermost inline wrapper.
        var outer = link;
        while (outer.ParentNode is { } parent && parent.NodeType == HtmlNodeType.Element && HtmlTags.IsInline(parent.Name) && parent.ChildNodes.Count == 1)
        {
            outer = parent;
        }

        foreach (var sibling in new[] { outer.PreviousSibling, outer.NextSibling })
        {
            if (sibling is HtmlTextNode text && TextNormalizer.CountVisibleChars(text.Text) > 1)
            {
                return true;
            }

            if (sibling is { NodeType: HtmlNodeType.Element } element && HtmlTags.IsInline(element.Name) && element.Name != "br")
            {
                return true;
            }
        }

        return false;
    }

    public static string? NotArticleReason(PageMetadata metadata, IReadOnlyList<string> paragraphs, int words, int standaloneLinks)
    {
        var declaredArticle = metadata.JsonLd.HasArticleType
            || string.Equals(metadata.Meta("og:type"), "article", StringComparison.OrdinalIgnoreCase);
        var longestParagraph = 0;
        foreach (var paragraph in paragraphs)
        {
            longestParagraph = Math.Max(longestParagraph, TextNormalizer.CountWords(paragraph));
        }

        // A login box in the page's header or sidebar is not a login page when the body holds a run of real prose.
        if (metadata.PasswordInputs > 0 && words < 150 && longestParagraph < 40)
        {
            return "login page (password form, little text)";
        }

        if (!declaredArticle)
        {
            if (metadata.JsonLd.Types.Contains("SearchResultsPage"))
            {
                return "search results page (schema.org SearchResultsPage)";
            }

            if (metadata.JsonLd.Types.Contains("CollectionPage") || metadata.JsonLd.Types.Contains("ProfilePage"))
            {
                return "index page (schema.org CollectionPage/ProfilePage)";
            }

            var teasers = Math.Max(metadata.LinkedHeadings, standaloneLinks);
            if (teasers >= 4 && words < 600 && longestParagraph < 60)
            {
                return $"index page ({teasers} linked headlines, no paragraph over 60 words)";
            }
        }

        if (words == 0)
        {
            return "no readable text on the page";
        }

        return words < (declaredArticle ? 20 : MinArticleWords) ? $"too little text for an article ({words} words)" : null;
    }
}

using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// Publishers often repeat the article's standfirst as the page's description (og:description, meta description). When
/// that standfirst stands on the page before the chosen body but outside it — an "excerpt" or "intro" box beside the
/// headline that the scorer left out — it is the article's lead and goes first. A description that is not on the
/// page, or already in the body, changes nothing.
/// </summary>
internal static class DescribedLead
{
    /// <summary>Descriptions shorter than this many words are taglines, not leads.</summary>
    private const int MinWords = 12;

    public static IReadOnlyList<HtmlNode> Prepend(IReadOnlyList<HtmlNode> roots, HtmlNode body, PageMetadata metadata, DomStats stats)
    {
        if (roots.Count == 0 || ReferenceEquals(roots[0], body))
        {
            return roots;
        }

        var description = metadata.Meta("og:description") ?? metadata.Meta("description") ?? metadata.Meta("twitter:description");
        if (description is null)
        {
            return roots;
        }

        var text = TextNormalizer.Clean(System.Net.WebUtility.HtmlDecode(description));
        if (TextNormalizer.CountWords(text) < MinWords)
        {
            return roots;
        }

        var wanted = TextNormalizer.LetterKey(text);
        var visible = TextNormalizer.CountVisibleChars(text);
        var lead = Find(body, stats, wanted, visible);
        if (lead is null || lead.StreamPosition >= roots[0].StreamPosition)
        {
            return roots;
        }

        foreach (var root in roots)
        {
            if (DomWalk.IsInside(lead, root) || DomWalk.IsInside(root, lead))
            {
                return roots;
            }
        }

        return [lead, .. roots];
    }

    /// <summary>The deepest element whose text is the description; only elements of about its length are read.</summary>
    private static HtmlNode? Find(HtmlNode body, DomStats stats, string wanted, int visible)
    {
        HtmlNode? found = null;
        foreach (var node in DomWalk.PreOrder(body, elementsOnly: true))
        {
            var length = stats.Of(node).Text;
            if (length < visible * 0.9 || length > visible * 1.1 || node.Name is "a" or "script" or "style")
            {
                continue;
            }

            if (TextNormalizer.LetterKey(DomWalk.Text(node)) == wanted)
            {
                // Pre-order: a later match inside the earlier one is deeper and holds only the lead.
                if (found is null || DomWalk.IsInside(node, found))
                {
                    found = node;
                }
                else
                {
                    break;
                }
            }
        }

        return found;
    }
}

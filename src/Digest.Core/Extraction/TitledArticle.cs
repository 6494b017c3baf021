using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// Pages with "infinite scroll" carry the requested article and then the next few articles of the site in full, each
/// under its own h1. The scorer can prefer a longer neighbour, or widen over all of them; the page's own title says
/// which article was asked for. The sections are found before pruning, as the pruner drops the &lt;header&gt;
/// elements that hold the headlines; the section elements themselves stay.
/// </summary>
internal sealed class TitledArticle
{
    /// <summary>The titled section must hold at least this much prose to be an article of its own.</summary>
    private const int MinSectionProse = 200;

    /// <summary>A title shorter than this (in letters and digits) is too generic to pick out a heading.</summary>
    private const int MinTitleKey = 10;

    private readonly HtmlNode _section;
    private readonly List<HtmlNode> _otherSections;

    private TitledArticle(HtmlNode section, List<HtmlNode> otherSections)
    {
        _section = section;
        _otherSections = otherSections;
    }

    /// <summary>
    /// On a page of several h1 headlines of which exactly one reads as the page's title, that headline's article:
    /// the outermost element around it that holds no other h1. Null on ordinary pages.
    /// </summary>
    public static TitledArticle? Find(HtmlNode body, string? title)
    {
        var wanted = TextNormalizer.LetterKey(title);
        if (wanted.Length < MinTitleKey)
        {
            return null;
        }

        var headlines = DomWalk.PreOrder(body, elementsOnly: true).FindAll(n => n.Name == "h1");
        if (headlines.Count < 2)
        {
            return null;
        }

        var titled = headlines.FindAll(h => TextNormalizer.LetterKey(DomWalk.Text(h)) == wanted);
        if (titled.Count != 1)
        {
            return null;
        }

        var counts = new Dictionary<HtmlNode, int>(ReferenceEqualityComparer.Instance);
        foreach (var headline in headlines)
        {
            for (var ancestor = headline.ParentNode; ancestor is not null && !ReferenceEquals(ancestor, body); ancestor = ancestor.ParentNode)
            {
                counts[ancestor] = counts.GetValueOrDefault(ancestor) + 1;
            }
        }

        var others = new List<HtmlNode>();
        foreach (var headline in headlines)
        {
            if (!ReferenceEquals(headline, titled[0]))
            {
                others.Add(SectionOf(headline, body, counts));
            }
        }

        return new TitledArticle(SectionOf(titled[0], body, counts), others);
    }

    /// <summary>Keeps, narrows or replaces the scorer's choice so that it lies within the titled article.</summary>
    public IReadOnlyList<HtmlNode> Prefer(IReadOnlyList<HtmlNode> roots, DomStats stats)
    {
        if (roots.Count == 0 || stats.Of(_section).Prose < MinSectionProse)
        {
            // Pruned away, or only a heading (a post that uses h1 for its subheads too): no article of its own.
            return roots;
        }

        var inside = roots.Where(r => DomWalk.IsInside(r, _section)).ToList();
        if (inside.Count > 0)
        {
            // Within the titled article, less the next articles joined as its siblings.
            return inside.Count == roots.Count ? roots : [.. roots.Where(r => inside.Contains(r) || !_otherSections.Exists(o => DomWalk.IsInside(o, r) || DomWalk.IsInside(r, o)))];
        }

        if (roots.Count == 1 && DomWalk.IsInside(_section, roots[0]))
        {
            // The scorer widened over the whole scroll of articles: narrow to the one asked for.
            return ContentScorer.FindBody(_section, stats);
        }

        return _otherSections.Exists(o => DomWalk.IsInside(roots[0], o)) ? ContentScorer.FindBody(_section, stats) : roots;
    }

    /// <summary>Whether the chosen body lies in the titled article.</summary>
    public bool Holds(IReadOnlyList<HtmlNode> roots) => roots.Any(r => DomWalk.IsInside(r, _section));

    /// <summary>Whether a heading (h1–h3) inside <paramref name="roots"/> reads exactly as the page's title.</summary>
    public static bool HoldsHeadline(IReadOnlyList<HtmlNode> roots, string? title)
    {
        var wanted = TextNormalizer.LetterKey(title);
        if (wanted.Length < MinTitleKey)
        {
            return false;
        }

        foreach (var root in roots)
        {
            if (DomWalk.FindFirst(root, n => n.Name is "h1" or "h2" or "h3" && TextNormalizer.LetterKey(DomWalk.Text(n)) == wanted) is not null)
            {
                return true;
            }
        }

        return false;
    }

    private static HtmlNode SectionOf(HtmlNode headline, HtmlNode body, Dictionary<HtmlNode, int> counts)
    {
        var section = headline;
        while (section.ParentNode is { } parent && !ReferenceEquals(parent, body) && parent.NodeType == HtmlNodeType.Element && counts.GetValueOrDefault(parent) <= 1)
        {
            section = parent;
        }

        return section;
    }
}

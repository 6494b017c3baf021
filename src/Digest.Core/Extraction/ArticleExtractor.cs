using Digest.Core.Safety;
using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// Extracts the article body and metadata from any news page without per-site rules. Pipeline: decode bytes
/// (<see cref="CharsetDecoder"/>), parse, read metadata from the intact document (<see cref="PageMetadata"/>), prune
/// furniture and boilerplate (<see cref="DomPruner"/>), pick the body (per-outlet Keep selectors, then
/// itemprop=articleBody, then <see cref="ContentScorer"/>), write paragraphs (<see cref="BodyTextWriter"/>), drop
/// furniture paragraphs (<see cref="BlockFilter"/>), check against JSON-LD articleBody
/// (<see cref="JsonLdBodyReconciler"/>) and decide whether the page is an article at all (<see cref="PageClassifier"/>).
/// Stateless, so one instance serves any number of threads.
/// </summary>
public sealed class ArticleExtractor : IArticleExtractor
{
    public ExtractedArticle Extract(ReadOnlySpan<byte> content, string? contentType, Uri? url, ExtractionOverrides? overrides = null)
    {
        var keep = SimpleSelector.ParseAll(overrides?.Keep);
        var drop = SimpleSelector.ParseAll(overrides?.Drop);
        var decoded = CharsetDecoder.Decode(content, contentType);
        if (decoded.LooksBinary)
        {
            return new ExtractedArticle { IsArticle = false, NotArticleReason = "binary content, not an HTML page", Text = string.Empty, CanonicalUrl = SafeUrl.HttpOrNull(url) };
        }

        return ExtractFromHtml(decoded.Html, url, keep, drop);
    }

    private static ExtractedArticle ExtractFromHtml(string page, Uri? url, IReadOnlyList<SimpleSelector> keep, IReadOnlyList<SimpleSelector> drop)
    {
        var html = HtmlParsing.StripScriptBodies(page);
        var document = HtmlParsing.Parse(html);
        var metadata = PageMetadata.Read(document);
        var body = BodyOf(document);
        var title = metadata.Title();

        var kept = keep.Count == 0 ? [] : FindOutermost(body, keep);
        var protectedNodes = kept.Count > 0 ? kept : metadata.ArticleBodyElement is { } marked ? [marked] : [];
        var titled = kept.Count > 0 ? null : TitledArticle.Find(body, title);
        var pageProse = DomPruner.Prune(body, drop, protectedNodes);

        // From the document node, so a body root that had to widen past <body> (no-body pages) still has statistics.
        var stats = DomStats.Compute(document.DocumentNode);
        var roots = kept.Count > 0 ? kept : DescribedLead.Prepend(WithLead(ChooseRoots(body, metadata, stats, titled), body, stats), body, metadata, stats);
        var blocks = BlockFilter.Clean(BodyTextWriter.Write(roots, stats), title);
        // On a page of several articles the rest of the page's prose is the other articles: when the body lies in the
        // one asked for, there is nothing to fall back to.
        if (kept.Count == 0 && IsShortOfProse(blocks, pageProse) && titled?.Holds(roots) != true)
        {
            (blocks, roots, stats) = Cascade(html, drop, title, pageProse, (blocks, roots, stats), TitledArticle.HoldsHeadline(roots, title));
        }

        var paragraphs = CleanParagraphs(kept.Count > 0 ? blocks.ConvertAll(b => b.Text) : JsonLdBodyReconciler.Reconcile(blocks, metadata.JsonLd.Article));
        if (paragraphs.Count == 0 && kept.Count == 0)
        {
            paragraphs = CleanParagraphs(DescriptionFallback(metadata));
        }

        var text = string.Join("\n\n", paragraphs);
        var reason = PageClassifier.NotArticleReason(metadata, paragraphs, TextNormalizer.CountWords(text), PageClassifier.CountStandaloneLinks(roots, stats));

        return new ExtractedArticle
        {
            IsArticle = reason is null,
            NotArticleReason = reason,
            Title = title,
            Byline = metadata.Byline(),
            Published = metadata.Published(),
            Modified = metadata.Modified(),
            SiteName = metadata.SiteName,
            CanonicalUrl = metadata.CanonicalUrl(url),
            Language = metadata.Language(),
            Text = text,
        };
    }

    private static HtmlNode BodyOf(HtmlDocument document) => DomWalk.FindFirst(document.DocumentNode, n => n.Name == "body") ?? document.DocumentNode;

    /// <summary>
    /// The chosen body is short of the page's prose when it holds less than half of it: the pruning by name or the
    /// scorer went wrong (an article inside a "widget" or "gallery", text spread over containers the scorer split).
    /// </summary>
    private static bool IsShortOfProse(List<TextBlock> blocks, int pageProse) => pageProse >= MinCascadeProse && VisibleChars(blocks) * 2 < pageProse;

    /// <summary>Pages with less prose than this have no main prose to miss; their result stands.</summary>
    private const int MinCascadeProse = 200;

    /// <summary>A fallback replaces the first result only when it is clearly longer: by this factor.</summary>
    private const double FallbackGain = 1.3;

    private static int VisibleChars(List<TextBlock> blocks)
    {
        var total = 0;
        foreach (var block in blocks)
        {
            total += TextNormalizer.CountVisibleChars(block.Text);
        }

        return total;
    }

    /// <summary>
    /// The fallbacks, trafilatura- and Readability-style: the page read again with only the pruning that cannot hide
    /// an article (no class or id names), scored as usual; and the smallest container that holds most of the page's
    /// prose. The longest candidate wins, the first result only yielding to one clearly longer.
    /// </summary>
    private static (List<TextBlock> Blocks, IReadOnlyList<HtmlNode> Roots, DomStats Stats) Cascade(
        string html, IReadOnlyList<SimpleSelector> drop, string? title, int pageProse, (List<TextBlock> Blocks, IReadOnlyList<HtmlNode> Roots, DomStats Stats) first,
        bool firstHoldsHeadline)
    {
        var best = first;
        var bestChars = VisibleChars(first.Blocks) * FallbackGain;

        // What the first pass found is kept unless it held almost none of the page's prose: a fallback that is longer
        // only by dropping it went to other prose (reader comments, a teaser list), not to more of the article.
        var firstProse = 0;
        foreach (var root in first.Roots)
        {
            firstProse += first.Stats.Of(root).Prose;
        }

        // So is a first result under the page's own headline however short it is: a three-line post, or the asked-for
        // article of an "infinite scroll" page followed by longer ones.
        var mustContainFirst = firstProse * 100 >= pageProse * 15 || firstHoldsHeadline;
        foreach (var level in (ReadOnlySpan<PruneLevel>)[PruneLevel.StrongNames, PruneLevel.NoNames])
        {
            var document = HtmlParsing.Parse(html);
            var body = BodyOf(document);
            DomPruner.Prune(body, drop, [], level);
            var stats = DomStats.Compute(document.DocumentNode);
            foreach (var roots in new[] { ContentScorer.FindBody(body, stats), ProseHolder(body, stats) })
            {
                var blocks = BlockFilter.Clean(BodyTextWriter.Write(roots, stats), title);
                var chars = VisibleChars(blocks);
                if (chars > bestChars && (!mustContainFirst || Contains(blocks, first.Blocks)))
                {
                    best = (blocks, roots, stats);
                    bestChars = chars * FallbackGain;
                }
            }

            if (!IsShortOfProse(best.Blocks, pageProse))
            {
                // Holds the page's prose now: reading the page once more could only find something longer, not better.
                break;
            }
        }

        return best;
    }

    /// <summary>Whether <paramref name="candidate"/> has at least 70% of the text of <paramref name="first"/>.</summary>
    private static bool Contains(List<TextBlock> candidate, List<TextBlock> first)
    {
        var texts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var block in candidate)
        {
            texts.Add(block.Text);
        }

        long found = 0, total = 0;
        foreach (var block in first)
        {
            total += block.Text.Length;
            if (texts.Contains(block.Text))
            {
                found += block.Text.Length;
            }
        }

        return found * 10 >= total * 7;
    }

    /// <summary>The deepest element that still holds at least half of the prose under <paramref name="body"/>.</summary>
    private static IReadOnlyList<HtmlNode> ProseHolder(HtmlNode body, DomStats stats)
    {
        var total = stats.Of(body).Prose;
        var holder = body;
        while (true)
        {
            HtmlNode? next = null;
            foreach (var child in holder.ChildNodes)
            {
                if (child.NodeType == HtmlNodeType.Element && stats.Of(child).Prose * 2 >= total)
                {
                    next = child;
                    break;
                }
            }

            if (next is null)
            {
                return [holder];
            }

            holder = next;
        }
    }

    /// <summary>
    /// The last resort for a page whose text is all in scripts: the publisher's description of it (og:description,
    /// meta description), when it is at least a sentence or two rather than a tagline.
    /// </summary>
    private static List<string> DescriptionFallback(PageMetadata metadata)
    {
        var description = metadata.Meta("og:description") ?? metadata.Meta("description") ?? metadata.Meta("twitter:description");
        if (description is null)
        {
            return [];
        }

        var text = TextNormalizer.Clean(System.Net.WebUtility.HtmlDecode(description));
        return TextNormalizer.CountWords(text) >= 12 ? [text] : [];
    }

    /// <summary>
    /// Body text keeps its line feeds but loses control and bidi characters (SafeText.Multiline): "&amp;#0;" decodes to
    /// a real NUL. A paragraph left with nothing visible is dropped rather than kept as an empty one.
    /// </summary>
    private static List<string> CleanParagraphs(List<string> paragraphs)
    {
        var result = new List<string>(paragraphs.Count);
        foreach (var paragraph in paragraphs)
        {
            var clean = SafeText.Multiline(paragraph);
            if (!string.IsNullOrWhiteSpace(clean))
            {
                result.Add(clean);
            }
        }

        return result;
    }

    private static IReadOnlyList<HtmlNode> ChooseRoots(HtmlNode body, PageMetadata metadata, DomStats stats, TitledArticle? titled)
    {
        if (metadata.ArticleBodyElement is { } marked && DomWalk.IsInside(marked, body))
        {
            var bodyText = stats.Of(body).Text;
            var markedText = stats.Of(marked).Text;
            if (markedText >= 500 || markedText * 2 >= bodyText)
            {
                return [marked];
            }
        }

        var found = ContentScorer.FindBody(body, stats);
        return titled is null ? found : titled.Prefer(found, stats);
    }

    /// <summary>
    /// News templates put the lead (standfirst, teaser, intro) beside the headline, outside the element that holds
    /// the rest of the body. Looking back from the body, a few levels up and only within the container that also
    /// holds the headline, the nearest element with a short run of link-poor prose is that lead.
    /// </summary>
    private static IReadOnlyList<HtmlNode> WithLead(IReadOnlyList<HtmlNode> roots, HtmlNode body, DomStats stats)
    {
        if (roots.Count == 0 || roots[0] == body)
        {
            return roots;
        }

        var path = roots[0];
        for (var level = 0; level < 3 && path.ParentNode is { } parent && parent != body && parent.NodeType == HtmlNodeType.Element; level++, path = parent)
        {
            var checkedSiblings = 0;
            for (var sibling = path.PreviousSibling; sibling is not null && checkedSiblings < 4; sibling = sibling.PreviousSibling)
            {
                if (sibling.NodeType != HtmlNodeType.Element)
                {
                    continue;
                }

                checkedSiblings++;
                var siblingStats = stats.Of(sibling);
                if (siblingStats.Text == 0)
                {
                    continue;
                }

                if (IsLeadShaped(siblingStats) && stats.Of(parent).ContainsH1)
                {
                    return [sibling, .. roots];
                }

                if (siblingStats.ContainsH1)
                {
                    // Back at the headline without a lead on the way: there is none.
                    return roots;
                }
            }
        }

        return roots;
    }

    private static bool IsLeadShaped(NodeStats stats) =>
        stats.Prose >= DomStats.MinProseRunChars && stats.LinkDensity < 0.2 && stats.Prose * 2 >= stats.Text && stats.Text <= 1500;

    private static List<HtmlNode> FindOutermost(HtmlNode body, IReadOnlyList<SimpleSelector> selectors)
    {
        var result = new List<HtmlNode>();
        var stack = new Stack<HtmlNode>();
        stack.Push(body);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.NodeType != HtmlNodeType.Element && node.NodeType != HtmlNodeType.Document)
            {
                continue;
            }

            var matched = false;
            foreach (var selector in selectors)
            {
                if (selector.Matches(node))
                {
                    matched = true;
                    break;
                }
            }

            if (matched)
            {
                result.Add(node);
                continue;
            }

            var children = node.ChildNodes;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return result;
    }
}

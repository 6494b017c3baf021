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

    private static ExtractedArticle ExtractFromHtml(string html, Uri? url, IReadOnlyList<SimpleSelector> keep, IReadOnlyList<SimpleSelector> drop)
    {
        var document = HtmlParsing.Parse(html);
        var metadata = PageMetadata.Read(document);
        var body = DomWalk.FindFirst(document.DocumentNode, n => n.Name == "body") ?? document.DocumentNode;
        var title = metadata.Title();

        var kept = keep.Count == 0 ? [] : FindOutermost(body, keep);
        var protectedNodes = kept.Count > 0 ? kept : metadata.ArticleBodyElement is { } marked ? [marked] : [];
        DomPruner.Prune(body, drop, protectedNodes);

        // From the document node, so a body root that had to widen past <body> (no-body pages) still has statistics.
        var stats = DomStats.Compute(document.DocumentNode);
        var roots = kept.Count > 0 ? kept : ChooseRoots(body, metadata, stats);
        var blocks = BlockFilter.Clean(BodyTextWriter.Write(roots, stats), title);
        var paragraphs = CleanParagraphs(kept.Count > 0 ? blocks.ConvertAll(b => b.Text) : JsonLdBodyReconciler.Reconcile(blocks, metadata.JsonLd.Article));
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

    private static IReadOnlyList<HtmlNode> ChooseRoots(HtmlNode body, PageMetadata metadata, DomStats stats)
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

        return ContentScorer.FindBody(body, stats);
    }

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

using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// Finds the element that holds the article body, Readability-style: every paragraph-like block scores by its length
/// and commas, the score flows to its parent, grandparent and (weaker) further ancestors, each candidate's total is
/// discounted by its link density and weighted by its tag and class names. The winner is then widened where the text
/// is spread over siblings (div soup, live-blog entries) and its siblings with enough content of their own join it.
/// </summary>
internal static class ContentScorer
{
    private const int MinParagraphChars = 25;
    private const int AncestorLevels = 5;

    public static IReadOnlyList<HtmlNode> FindBody(HtmlNode body, DomStats stats)
    {
        var scores = new Dictionary<HtmlNode, double>(ReferenceEqualityComparer.Instance);
        var elements = DomWalk.PreOrder(body, elementsOnly: true);
        foreach (var node in elements)
        {
            if (!IsParagraphLike(node))
            {
                continue;
            }

            var nodeStats = stats.Of(node);
            if (nodeStats.Text < MinParagraphChars)
            {
                continue;
            }

            var score = 1.0 + nodeStats.Commas + Math.Min(nodeStats.Text / 100, 3);
            var ancestor = node.ParentNode;
            for (var level = 0; level < AncestorLevels && ancestor is not null && ancestor.NodeType == HtmlNodeType.Element; level++)
            {
                // Nothing above <body> can be the article; scoring it would only let <html> win.
                if (!DomWalk.IsInside(ancestor, body))
                {
                    break;
                }

                if (!scores.TryGetValue(ancestor, out var current))
                {
                    current = InitialScore(ancestor);
                }

                var divider = level switch { 0 => 1.0, 1 => 2.0, _ => level * 3.0 };
                scores[ancestor] = current + (score / divider);
                ancestor = ancestor.ParentNode;
            }
        }

        if (scores.Count == 0)
        {
            return [body];
        }

        var ranked = new List<(HtmlNode Node, double Score)>(scores.Count);
        foreach (var (node, score) in scores)
        {
            ranked.Add((node, score * (1 - stats.Of(node).LinkDensity)));
        }

        // Ties go to the earlier element so the choice never depends on dictionary order.
        var order = new Dictionary<HtmlNode, int>(ReferenceEqualityComparer.Instance);
        var index = 0;
        foreach (var node in elements)
        {
            order[node] = index++;
        }

        ranked.Sort((a, b) => a.Score != b.Score ? b.Score.CompareTo(a.Score) : order.GetValueOrDefault(a.Node, int.MaxValue).CompareTo(order.GetValueOrDefault(b.Node, int.MaxValue)));
        var finalScores = new Dictionary<HtmlNode, double>(ReferenceEqualityComparer.Instance);
        foreach (var (node, score) in ranked)
        {
            finalScores[node] = score;
        }

        var top = ranked[0].Node;
        var topScore = ranked[0].Score;
        top = WidenToCommonAncestor(top, topScore, ranked, body);
        top = ClimbWhileParentScoresHigher(top, finalScores, body);
        while (top != body && top.ParentNode is { } parent && parent != body && parent.NodeType == HtmlNodeType.Element && CountElementChildren(parent) == 1)
        {
            top = parent;
        }

        return WithSiblings(top, finalScores, stats);
    }

    private static bool IsParagraphLike(HtmlNode node) => node.Name switch
    {
        "p" or "pre" or "td" or "blockquote" or "dd" => true,
        "div" or "section" or "article" or "li" => !HasBlockChild(node),
        _ => false,
    };

    private static bool HasBlockChild(HtmlNode node)
    {
        foreach (var child in node.ChildNodes)
        {
            if (child.NodeType == HtmlNodeType.Element && !HtmlTags.IsInline(child.Name) && child.Name != "br")
            {
                return true;
            }
        }

        return false;
    }

    private static double InitialScore(HtmlNode node)
    {
        var score = node.Name switch
        {
            "div" or "article" or "main" or "section" => 5,
            "pre" or "td" or "blockquote" => 3,
            "address" or "ol" or "ul" or "dl" or "dd" or "dt" or "li" or "form" => -3,
            "h1" or "h2" or "h3" or "h4" or "h5" or "h6" or "th" => -5,
            _ => 0,
        };
        if (node.GetAttributeValue("itemprop", string.Empty).Contains("articleBody", StringComparison.OrdinalIgnoreCase))
        {
            score += 30;
        }

        return score + ClassTokens.Classify(node) switch
        {
            ElementHint.Content => 25,
            ElementHint.Layout or ElementHint.Boilerplate => -25,
            _ => 0,
        };
    }

    /// <summary>When the strongest candidates sit side by side (entries of a live blog, div soup), their shared ancestor is the body.</summary>
    private static HtmlNode WidenToCommonAncestor(HtmlNode top, double topScore, List<(HtmlNode Node, double Score)> ranked, HtmlNode body)
    {
        var alternatives = new List<HtmlNode>();
        for (var i = 1; i < ranked.Count && alternatives.Count < 5; i++)
        {
            if (ranked[i].Score >= topScore * 0.75 && !DomWalk.IsInside(ranked[i].Node, top) && !DomWalk.IsInside(top, ranked[i].Node))
            {
                alternatives.Add(ranked[i].Node);
            }
        }

        if (alternatives.Count < 2)
        {
            return top;
        }

        for (var parent = top.ParentNode; parent is not null && parent != body && parent.NodeType == HtmlNodeType.Element; parent = parent.ParentNode)
        {
            var contained = 0;
            foreach (var alternative in alternatives)
            {
                if (DomWalk.IsInside(alternative, parent))
                {
                    contained++;
                }
            }

            if (contained >= 2)
            {
                return parent;
            }
        }

        return top;
    }

    private static HtmlNode ClimbWhileParentScoresHigher(HtmlNode top, Dictionary<HtmlNode, double> scores, HtmlNode body)
    {
        if (!scores.TryGetValue(top, out var lastScore))
        {
            return top;
        }

        var threshold = lastScore / 3;
        for (var parent = top.ParentNode; parent is not null && parent != body && parent.NodeType == HtmlNodeType.Element; parent = parent.ParentNode)
        {
            if (!scores.TryGetValue(parent, out var parentScore))
            {
                continue;
            }

            if (parentScore < threshold)
            {
                break;
            }

            if (parentScore > lastScore)
            {
                return parent;
            }

            lastScore = parentScore;
        }

        return top;
    }

    private static int CountElementChildren(HtmlNode node)
    {
        var count = 0;
        foreach (var child in node.ChildNodes)
        {
            if (child.NodeType == HtmlNodeType.Element)
            {
                count++;
            }
            else if (child.NodeType == HtmlNodeType.Text && TextNormalizer.CountVisibleChars(((HtmlTextNode)child).Text) > 0)
            {
                return 2;
            }
        }

        return count;
    }

    /// <summary>Siblings of the winner that carry content of their own (a lead paragraph outside the body div, a second body part).</summary>
    private static List<HtmlNode> WithSiblings(HtmlNode top, Dictionary<HtmlNode, double> scores, DomStats stats)
    {
        var result = new List<HtmlNode>();
        var parent = top.ParentNode;
        if (parent is null || parent.NodeType != HtmlNodeType.Element)
        {
            return [top];
        }

        var topScore = scores.GetValueOrDefault(top);
        var threshold = Math.Max(10, topScore * 0.2);
        var topClass = top.GetAttributeValue("class", string.Empty);
        foreach (var sibling in parent.ChildNodes)
        {
            if (sibling == top)
            {
                result.Add(sibling);
                continue;
            }

            if (sibling.NodeType != HtmlNodeType.Element)
            {
                continue;
            }

            var sameTemplate = topClass.Length > 0 && string.Equals(sibling.GetAttributeValue("class", string.Empty), topClass, StringComparison.Ordinal);
            var bonus = sameTemplate ? topScore * 0.2 : 0;
            if (scores.TryGetValue(sibling, out var siblingScore) && siblingScore + bonus >= threshold)
            {
                result.Add(sibling);
                continue;
            }

            // A body split into items of one template (Drupal's field__item, a page builder's text blocks) scores
            // thinly at the item level, where its paragraphs' scores arrive divided: an item of the winner's own class
            // that holds link-poor prose is the next part of the body.
            if (sameTemplate && IsProsePart(stats.Of(sibling)))
            {
                result.Add(sibling);
                continue;
            }

            if (sibling.Name == "p")
            {
                var siblingStats = stats.Of(sibling);
                var text = siblingStats.Text;
                if ((text > 80 && siblingStats.LinkDensity < 0.25) || (text > 0 && siblingStats.LinkDensity == 0 && EndsLikeSentence(sibling)))
                {
                    result.Add(sibling);
                }
            }
        }

        return result;
    }

    private static bool IsProsePart(NodeStats stats) => stats.Prose >= DomStats.MinProseRunChars && stats.LinkDensity < 0.25 && stats.Prose * 2 >= stats.Text;

    private static bool EndsLikeSentence(HtmlNode node)
    {
        var text = DomWalk.Text(node);
        return text.Length > 0 && text[^1] is '.' or '!' or '?' or '"' or '\u201D' or '\u00BB';
    }
}

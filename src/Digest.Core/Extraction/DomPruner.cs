using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// Removes what is never article text before the body is looked for: invisible and interactive elements, page
/// furniture by tag and ARIA role (nav, aside, footer, banner, dialog…), and boilerplate by class/id name (comments,
/// share bars, newsletter and paywall boxes, bios…). A wrapper that holds most of the page's text (and the headline) is
/// never removed for its name alone: sites put "sidebar" or "nav" in the classes of their outermost containers.
/// </summary>
/// <summary>How much the names of elements are trusted when pruning: the cascade's retries trust them less.</summary>
internal enum PruneLevel
{
    /// <summary>Boilerplate and layout names both remove an element.</summary>
    Full,

    /// <summary>Only the strong boilerplate words (comments, share, cookie, newsletter, ads…) and layout names remove.</summary>
    StrongNames,

    /// <summary>Only the strong boilerplate words remove; layout names (widget, gallery, card…) no longer do.</summary>
    NoNames,
}

internal static class DomPruner
{
    private static readonly HashSet<string> PageFurnitureTags = new(StringComparer.Ordinal) { "nav", "aside", "footer", "header", "form" };

    private static readonly HashSet<string> FurnitureRoles = new(StringComparer.Ordinal)
    {
        "navigation", "complementary", "contentinfo", "banner", "search", "dialog", "alertdialog", "menu", "menubar",
        "toolbar", "tablist", "alert", "status", "marquee",
    };

    /// <summary>Below this much prose on the whole page there is no main prose for a container to hold.</summary>
    private const int MinPageProse = 300;

    /// <summary>
    /// Prunes <paramref name="body"/> in place. The lighter <paramref name="level"/>s are the cascade's retries,
    /// for pages whose article is split over containers with misleading names.
    /// </summary>
    /// <returns>The page's prose (<see cref="NodeStats.Prose"/> of <paramref name="body"/>) before anything was removed.</returns>
    public static int Prune(HtmlNode body, IReadOnlyList<SimpleSelector> drop, IReadOnlyList<HtmlNode> protectedNodes, PruneLevel level = PruneLevel.Full)
    {
        var stats = DomStats.Compute(body);
        var bodyStats = stats.Of(body);
        var bodyText = Math.Max(1, bodyStats.Text);
        var context = new PruneContext(bodyText, bodyStats.Prose >= MinPageProse ? bodyStats.Prose : int.MaxValue, level);
        var stack = new Stack<HtmlNode>();
        PushChildren(stack, body);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.NodeType == HtmlNodeType.Comment)
            {
                node.Remove();
                continue;
            }

            if (node.NodeType != HtmlNodeType.Element)
            {
                continue;
            }

            if (ShouldRemove(node, stats.Of(node), context, drop, protectedNodes))
            {
                node.Remove();
                continue;
            }

            PushChildren(stack, node);
        }

        return bodyStats.Prose;
    }

    private static void PushChildren(Stack<HtmlNode> stack, HtmlNode node)
    {
        var children = node.ChildNodes;
        for (var i = children.Count - 1; i >= 0; i--)
        {
            stack.Push(children[i]);
        }
    }

    private readonly record struct PruneContext(int BodyText, int BodyProse, PruneLevel Level);

    private static bool ShouldRemove(HtmlNode node, NodeStats stats, PruneContext context, IReadOnlyList<SimpleSelector> drop, IReadOnlyList<HtmlNode> protectedNodes)
    {
        foreach (var selector in drop)
        {
            if (selector.Matches(node))
            {
                return true;
            }
        }

        foreach (var protectedNode in protectedNodes)
        {
            if (DomWalk.IsInside(protectedNode, node))
            {
                return false;
            }
        }

        var name = node.Name;
        if (HtmlTags.IsInvisible(name) || IsHidden(node))
        {
            return true;
        }

        var share = (double)stats.Text / context.BodyText;

        // The container that holds most of the page's prose is where the article is, whatever its tag or name says
        // ("widget", "gallery", "sticky", "field--label-hidden", a page-wide <form>); a discussion is the exception,
        // as it can outgrow the article it is under, and so is a cookie notice, which outgrows a short post.
        var holdsProse = stats.Prose * 2 >= context.BodyProse && !IsDiscussion(node) && !IsConsentNotice(node, stats);

        // A wall of footer links can outweigh a short page's text; only prose-like containers earn the protection.
        var holdsArticle = holdsProse || (stats.LinkDensity < 0.5 && (share > 0.5 || (stats.ContainsH1 && share > 0.3)));
        if (PageFurnitureTags.Contains(name) || FurnitureRoles.Contains(node.GetAttributeValue("role", string.Empty)))
        {
            return !holdsArticle && !(name == "header" && IsLead(stats));
        }

        if (holdsProse)
        {
            return false;
        }

        return ClassTokens.Classify(node) switch
        {
            ElementHint.Boilerplate => !(stats.ContainsH1 && share > 0.6) && !IsBodyDespiteItsName(node, stats, share) && name is not ("main" or "html")
                && (context.Level == PruneLevel.Full || ClassTokens.HasStrongBoilerplateName(node)),
            ElementHint.Layout => context.Level != PruneLevel.NoNames && !holdsArticle && !IsLead(stats) && name is not ("main" or "html"),
            _ => false,
        };
    }

    /// <summary>
    /// An article's header or "teaser" box that carries its lead: a run of prose, few links, not a whole section.
    /// Site headers and teaser lists are link-heavy or carry no running text of their own.
    /// </summary>
    private static bool IsLead(NodeStats stats) =>
        stats.Prose >= DomStats.MinProseRunChars && stats.LinkDensity < 0.2 && stats.Prose * 2 >= stats.Text && stats.Text <= 1500;

    private static bool IsDiscussion(HtmlNode node)
    {
        foreach (var attribute in new[] { node.GetAttributeValue("class", string.Empty), node.GetAttributeValue("id", string.Empty) })
        {
            foreach (var marker in DiscussionMarkers)
            {
                if (attribute.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>
    /// Some sites wrap the metered part of the story itself in "paywall" or "premium" containers. A box that holds
    /// most of the page's text as several real, link-poor paragraphs is the body, whatever it is called; the one
    /// exception is a discussion, which can legitimately outgrow the article it is under.
    /// </summary>
    private static bool IsBodyDespiteItsName(HtmlNode node, NodeStats stats, double share)
    {
        return share > 0.5 && stats.Paragraphs >= 3 && stats.LinkDensity < 0.25 && !IsDiscussion(node);
    }

    /// <summary>
    /// A cookie or consent notice by name, one or two paragraphs long: its boilerplate can hold more prose than a
    /// three-line blog post, and it is never the article. A long container with such a name is left to the other rules.
    /// </summary>
    private static bool IsConsentNotice(HtmlNode node, NodeStats stats)
    {
        if (stats.Paragraphs >= 3)
        {
            return false;
        }

        foreach (var attribute in new[] { node.GetAttributeValue("class", string.Empty), node.GetAttributeValue("id", string.Empty) })
        {
            foreach (var marker in ConsentMarkers)
            {
                if (attribute.Contains(marker, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static readonly string[] ConsentMarkers = ["cookie", "consent", "gdpr"];

    private static readonly string[] DiscussionMarkers = ["comment", "repl", "respon", "discuss", "disqus", "forum", "reaction"];

    private static bool IsHidden(HtmlNode node)
    {
        if (node.Attributes.Contains("hidden") || node.GetAttributeValue("aria-hidden", string.Empty) == "true")
        {
            return true;
        }

        var style = node.GetAttributeValue("style", string.Empty);
        if (style.Length == 0)
        {
            return false;
        }

        var compact = style.Replace(" ", string.Empty, StringComparison.Ordinal);
        return compact.Contains("display:none", StringComparison.OrdinalIgnoreCase)
            || compact.Contains("visibility:hidden", StringComparison.OrdinalIgnoreCase);
    }
}

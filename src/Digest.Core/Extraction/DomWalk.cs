using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// Iterative traversals. HtmlAgilityPack's own InnerText/Descendants recurse, which overflows the stack on hostile
/// pages nested ten thousand deep; everything in the extractor walks the tree through these instead.
/// </summary>
internal static class DomWalk
{
    /// <summary>All nodes under <paramref name="root"/> (itself included) in document order.</summary>
    public static List<HtmlNode> PreOrder(HtmlNode root, bool elementsOnly = false)
    {
        var result = new List<HtmlNode>();
        var stack = new Stack<HtmlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (!elementsOnly || node.NodeType == HtmlNodeType.Element)
            {
                result.Add(node);
            }

            var children = node.ChildNodes;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return result;
    }

    /// <summary>The text of a subtree, entities decoded and whitespace collapsed.</summary>
    public static string Text(HtmlNode root)
    {
        if (root.NodeType == HtmlNodeType.Text)
        {
            return TextNormalizer.Clean(((HtmlTextNode)root).Text);
        }

        var builder = new System.Text.StringBuilder();
        var stack = new Stack<HtmlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.NodeType == HtmlNodeType.Text)
            {
                builder.Append(((HtmlTextNode)node).Text).Append(' ');
                continue;
            }

            if (node.NodeType == HtmlNodeType.Comment || (HtmlTags.IsInvisible(node.Name) && !ReferenceEquals(node, root)))
            {
                continue;
            }

            var children = node.ChildNodes;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return TextNormalizer.Clean(builder.ToString());
    }

    public static bool IsInside(HtmlNode node, HtmlNode ancestor)
    {
        for (var current = node; current is not null; current = current.ParentNode)
        {
            if (ReferenceEquals(current, ancestor))
            {
                return true;
            }
        }

        return false;
    }

    public static HtmlNode? FindFirst(HtmlNode root, Func<HtmlNode, bool> predicate)
    {
        var stack = new Stack<HtmlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.NodeType == HtmlNodeType.Element && predicate(node))
            {
                return node;
            }

            var children = node.ChildNodes;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        return null;
    }
}

/// <summary>Tag categories.</summary>
internal static class HtmlTags
{
    private static readonly HashSet<string> Inline = new(StringComparer.Ordinal)
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q", "s", "samp",
        "small", "span", "strong", "sub", "sup", "time", "u", "var", "wbr", "font", "ins", "del", "big", "tt", "acronym",
        "nobr", "strike", "label", "img", "picture", "#text",
    };

    private static readonly HashSet<string> Invisible = new(StringComparer.Ordinal)
    {
        "script", "style", "noscript", "template", "svg", "math", "iframe", "object", "embed", "canvas", "video", "audio",
        "map", "head", "link", "meta", "title", "button", "select", "input", "textarea", "option", "datalist", "source",
        "track", "img", "picture", "figure", "figcaption", "dialog", "menu",
    };

    public static bool IsInline(string name) => Inline.Contains(name);

    /// <summary>Elements whose content is never article text.</summary>
    public static bool IsInvisible(string name) => Invisible.Contains(name);

    public static bool IsHeading(string name) => name.Length == 2 && name[0] == 'h' && name[1] is >= '1' and <= '6';
}

using System.Runtime.CompilerServices;
using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>Text measures of one element's subtree.</summary>
internal sealed class NodeStats
{
    /// <summary>Visible (non-whitespace) characters.</summary>
    public int Text;

    /// <summary>Visible characters inside links.</summary>
    public int LinkText;

    public int Commas;

    /// <summary>Paragraph-like descendants with at least a sentence of text.</summary>
    public int Paragraphs;

    public bool ContainsH1;

    public double LinkDensity => Text == 0 ? 0 : (double)LinkText / Text;
}

/// <summary>Bottom-up text statistics for every element, computed in two linear passes without recursion.</summary>
internal sealed class DomStats
{
    private readonly Dictionary<HtmlNode, NodeStats> _stats = new(ReferenceEqualityComparer.Instance);

    private DomStats()
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DomStats Compute(HtmlNode root)
    {
        var result = new DomStats();
        var elements = new List<HtmlNode>();
        var stack = new Stack<HtmlNode>();
        stack.Push(root);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            if (node.NodeType == HtmlNodeType.Text)
            {
                if (node.ParentNode is { } parent)
                {
                    var text = ((HtmlTextNode)node).Text;
                    var stats = result.GetOrAdd(parent);
                    stats.Text += TextNormalizer.CountVisibleChars(text);
                    stats.Commas += CountCommas(text);
                }

                continue;
            }

            if ((node.NodeType != HtmlNodeType.Element && node.NodeType != HtmlNodeType.Document)
                || (HtmlTags.IsInvisible(node.Name) && !ReferenceEquals(node, root)))
            {
                // Scripts and styles are not text: counting them would make a page with a big inline script look text-poor.
                continue;
            }

            elements.Add(node);
            result.GetOrAdd(node);
            var children = node.ChildNodes;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push(children[i]);
            }
        }

        for (var i = elements.Count - 1; i >= 0; i--)
        {
            var element = elements[i];
            var stats = result._stats[element];
            if (element.Name == "a")
            {
                stats.LinkText = stats.Text;
            }
            else if (element.Name == "h1")
            {
                stats.ContainsH1 = true;
            }

            if (element.Name is "p" or "pre" or "blockquote" or "li" or "td" or "dd" && stats.Text >= 60)
            {
                stats.Paragraphs++;
            }

            if (element.ParentNode is { } parent && !ReferenceEquals(element, root) && result._stats.TryGetValue(parent, out var parentStats))
            {
                parentStats.Text += stats.Text;
                parentStats.LinkText += stats.LinkText;
                parentStats.Commas += stats.Commas;
                parentStats.Paragraphs += stats.Paragraphs;
                parentStats.ContainsH1 |= stats.ContainsH1;
            }
        }

        return result;
    }

    public NodeStats Of(HtmlNode node) => _stats.TryGetValue(node, out var stats) ? stats : new NodeStats();

    private NodeStats GetOrAdd(HtmlNode node)
    {
        if (!_stats.TryGetValue(node, out var stats))
        {
            stats = new NodeStats();
            _stats[node] = stats;
        }

        return stats;
    }

    private static int CountCommas(string text)
    {
        var count = 0;
        foreach (var c in text)
        {
            if (c is ',' or '\u060C' or '\uFE50' or '\uFF0C' or '\u3001')
            {
                count++;
            }
        }

        return count;
    }
}

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

    /// <summary>How many h1 elements the subtree holds (the element itself included).</summary>
    public int H1Count;

    /// <summary>
    /// Visible characters of prose in the subtree: runs of running text (the text a block element holds directly or
    /// through inline markup) of at least <see cref="DomStats.MinProseRunChars"/> characters and few links. Menus,
    /// link lists, captions and labels are not prose; paragraphs of an article, a Blogger post written with line
    /// breaks, and the entries of a discussion are.
    /// </summary>
    public int Prose;

    /// <summary>Own text of this element (not of its block descendants), and how much of it is link text.</summary>
    internal int OwnText;

    internal int OwnLinkText;

    public double LinkDensity => Text == 0 ? 0 : (double)LinkText / Text;
}

/// <summary>Bottom-up text statistics for every element, computed in two linear passes without recursion.</summary>
internal sealed class DomStats
{
    /// <summary>A run of running text shorter than this (a label, a headline, a menu entry) is not counted as prose.</summary>
    internal const int MinProseRunChars = 100;

    private const double MaxProseLinkDensity = 0.3;

    private readonly Dictionary<HtmlNode, NodeStats> _stats = new(ReferenceEqualityComparer.Instance);

    private DomStats()
    {
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static DomStats Compute(HtmlNode root)
    {
        var result = new DomStats();
        var elements = new List<HtmlNode>();
        // Each node travels with the block element its inline text belongs to and whether it sits inside a link.
        var stack = new Stack<(HtmlNode Node, NodeStats? Block, bool InLink)>();
        stack.Push((root, null, false));
        while (stack.Count > 0)
        {
            var (node, block, inLink) = stack.Pop();
            if (node.NodeType == HtmlNodeType.Text)
            {
                if (node.ParentNode is { } parent)
                {
                    var text = ((HtmlTextNode)node).Text;
                    var stats = result.GetOrAdd(parent);
                    var visible = TextNormalizer.CountVisibleChars(text);
                    stats.Text += visible;
                    stats.Commas += CountCommas(text);
                    if (block is not null)
                    {
                        block.OwnText += visible;
                        if (inLink)
                        {
                            block.OwnLinkText += visible;
                        }
                    }
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
            var own = result.GetOrAdd(node);
            var childBlock = block is null || !HtmlTags.IsInline(node.Name) ? own : block;
            var childInLink = inLink || node.Name == "a";
            var children = node.ChildNodes;
            for (var i = children.Count - 1; i >= 0; i--)
            {
                stack.Push((children[i], childBlock, childInLink));
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
                stats.H1Count++;
            }

            if (element.Name is "p" or "pre" or "blockquote" or "li" or "td" or "dd" && stats.Text >= 60)
            {
                stats.Paragraphs++;
            }

            if (stats.OwnText >= MinProseRunChars && stats.OwnLinkText <= stats.OwnText * MaxProseLinkDensity)
            {
                stats.Prose += stats.OwnText;
            }

            if (element.ParentNode is { } parent && !ReferenceEquals(element, root) && result._stats.TryGetValue(parent, out var parentStats))
            {
                parentStats.Text += stats.Text;
                parentStats.LinkText += stats.LinkText;
                parentStats.Commas += stats.Commas;
                parentStats.Paragraphs += stats.Paragraphs;
                parentStats.ContainsH1 |= stats.ContainsH1;
                parentStats.H1Count += stats.H1Count;
                parentStats.Prose += stats.Prose;
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

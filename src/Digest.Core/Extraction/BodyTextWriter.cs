using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// Turns the chosen body elements into paragraphs. Inside the body it still drops link farms (related lists, tag
/// clouds, "read more" rows: more than half of their text is links), so a boilerplate box the class names did not
/// give away still does not reach the text.
/// </summary>
internal static class BodyTextWriter
{
    private const double MaxLinkDensity = 0.5;

    public static List<TextBlock> Write(IReadOnlyList<HtmlNode> roots, DomStats stats)
    {
        var blocks = new List<TextBlock>();
        var current = new StringBuilder();
        var blockStack = new List<string>();
        var headingLevels = new List<int>();
        foreach (var root in roots)
        {
            // Each entry is a node to enter, or (with exit=true) a block element being left.
            var stack = new Stack<(HtmlNode Node, bool Exit)>();
            stack.Push((root, false));
            while (stack.Count > 0)
            {
                var (node, exit) = stack.Pop();
                if (exit)
                {
                    Flush(current, blocks, blockStack, headingLevels);
                    if (HtmlTags.IsHeading(blockStack[^1]))
                    {
                        headingLevels.RemoveAt(headingLevels.Count - 1);
                    }

                    blockStack.RemoveAt(blockStack.Count - 1);
                    continue;
                }

                switch (node.NodeType)
                {
                    case HtmlNodeType.Text:
                        var text = ((HtmlTextNode)node).Text;
                        TextNormalizer.AppendCollapsed(current, text.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(text) : text);
                        continue;
                    case HtmlNodeType.Element or HtmlNodeType.Document:
                        break;
                    default:
                        continue;
                }

                var name = node.Name;
                if (name == "br")
                {
                    Flush(current, blocks, blockStack, headingLevels);
                    continue;
                }

                if (HtmlTags.IsInvisible(name))
                {
                    continue;
                }

                var nodeStats = stats.Of(node);
                if (nodeStats.Text == 0 || (nodeStats.LinkDensity > MaxLinkDensity && name != "a" && !HtmlTags.IsHeading(name)))
                {
                    continue;
                }

                var isBlock = !HtmlTags.IsInline(name);
                if (isBlock)
                {
                    Flush(current, blocks, blockStack, headingLevels);
                    blockStack.Add(name);
                    if (HtmlTags.IsHeading(name))
                    {
                        headingLevels.Add(name[1] - '0');
                    }

                    stack.Push((node, true));
                }

                var children = node.ChildNodes;
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push((children[i], false));
                }
            }

            Flush(current, blocks, blockStack, headingLevels);
        }

        return blocks;
    }

    private static void Flush(StringBuilder current, List<TextBlock> blocks, List<string> blockStack, List<int> headingLevels)
    {
        if (current.Length == 0)
        {
            return;
        }

        var text = current.ToString().Trim();
        current.Clear();
        if (text.Length == 0)
        {
            return;
        }

        // Headings are tracked as the walk enters and leaves them, so this stays O(1) on deeply nested pages.
        var kind = headingLevels.Count > 0 ? BlockKind.Heading : blockStack.Count > 0 && blockStack[^1] == "li" ? BlockKind.ListItem : BlockKind.Paragraph;
        blocks.Add(new TextBlock(text, kind, headingLevels.Count > 0 ? headingLevels[^1] : 0));
    }
}

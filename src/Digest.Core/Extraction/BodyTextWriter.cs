using System.Net;
using System.Text;
using HtmlAgilityPack;

namespace Digest.Core.Extraction;

/// <summary>
/// Turns the chosen body elements into paragraphs. Inside the body it still drops link farms (related lists, tag
/// clouds, "read more" rows: more than half of their text is links), so a boilerplate box the class names did not
/// give away still does not reach the text. A short paragraph set entirely in bold is a heading in all but markup
/// (live blogs and older CMSs do this) and is reported as one.
/// </summary>
internal static class BodyTextWriter
{
    private const double MaxLinkDensity = 0.5;
    private const int MaxBoldHeadingWords = 15;

    private enum Step
    {
        Enter,
        LeaveBlock,
        LeaveBold,
    }

    public static List<TextBlock> Write(IReadOnlyList<HtmlNode> roots, DomStats stats)
    {
        var builder = new ParagraphBuilder();
        foreach (var root in roots)
        {
            var stack = new Stack<(HtmlNode Node, Step Step)>();
            stack.Push((root, Step.Enter));
            while (stack.Count > 0)
            {
                var (node, step) = stack.Pop();
                switch (step)
                {
                    case Step.LeaveBlock:
                        builder.LeaveBlock();
                        continue;
                    case Step.LeaveBold:
                        builder.BoldDepth--;
                        continue;
                    default:
                        break;
                }

                if (node.NodeType == HtmlNodeType.Text)
                {
                    var text = ((HtmlTextNode)node).Text;
                    builder.AppendText(text.Contains('&', StringComparison.Ordinal) ? WebUtility.HtmlDecode(text) : text);
                    continue;
                }

                if (node.NodeType is not (HtmlNodeType.Element or HtmlNodeType.Document))
                {
                    continue;
                }

                var name = node.Name;
                if (name == "br")
                {
                    builder.Flush();
                    continue;
                }

                var nodeStats = stats.Of(node);
                if (HtmlTags.IsInvisible(name) || nodeStats.Text == 0 || (nodeStats.LinkDensity > MaxLinkDensity && name != "a" && !HtmlTags.IsHeading(name)))
                {
                    continue;
                }

                // A data cell is part of its row's line; a layout cell (holding paragraphs) is a block of its own.
                var isCellInRow = name is "td" or "th" && !HasBlockChild(node);
                if (isCellInRow)
                {
                    builder.Separate();
                }
                else if (!HtmlTags.IsInline(name))
                {
                    builder.EnterBlock(name);
                    stack.Push((node, Step.LeaveBlock));
                }
                else if (name is "b" or "strong")
                {
                    builder.BoldDepth++;
                    stack.Push((node, Step.LeaveBold));
                }

                var children = node.ChildNodes;
                for (var i = children.Count - 1; i >= 0; i--)
                {
                    stack.Push((children[i], Step.Enter));
                }
            }

            builder.Flush();
        }

        return builder.Blocks;
    }

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

    /// <summary>The paragraph being written and the block context it is written in.</summary>
    private sealed class ParagraphBuilder
    {
        private readonly StringBuilder _current = new();
        private readonly List<string> _blockStack = [];
        private readonly List<int> _headingLevels = [];
        private int _boldChars;
        private int _chars;

        public List<TextBlock> Blocks { get; } = [];

        public int BoldDepth { get; set; }

        public void AppendText(string text)
        {
            var visible = TextNormalizer.CountVisibleChars(text);
            _chars += visible;
            if (BoldDepth > 0)
            {
                _boldChars += visible;
            }

            TextNormalizer.AppendCollapsed(_current, text);
        }

        public void Separate()
        {
            if (_current.Length > 0 && _current[^1] != ' ')
            {
                _current.Append(' ');
            }
        }

        public void EnterBlock(string name)
        {
            Flush();
            _blockStack.Add(name);
            if (HtmlTags.IsHeading(name))
            {
                // Tracked on entry and exit so classifying a paragraph stays O(1) however deep the page nests.
                _headingLevels.Add(name[1] - '0');
            }
        }

        public void LeaveBlock()
        {
            Flush();
            if (HtmlTags.IsHeading(_blockStack[^1]))
            {
                _headingLevels.RemoveAt(_headingLevels.Count - 1);
            }

            _blockStack.RemoveAt(_blockStack.Count - 1);
        }

        public void Flush()
        {
            var allBold = _chars > 0 && _boldChars * 10 >= _chars * 9;
            _chars = 0;
            _boldChars = 0;
            if (_current.Length == 0)
            {
                return;
            }

            var text = _current.ToString().Trim();
            _current.Clear();
            if (text.Length == 0)
            {
                return;
            }

            var innermost = _blockStack.Count > 0 ? _blockStack[^1] : string.Empty;
            var kind = _headingLevels.Count > 0 ? BlockKind.Heading
                : innermost == "li" ? BlockKind.ListItem
                : innermost == "tr" ? BlockKind.TableRow
                : BlockKind.Paragraph;
            var level = _headingLevels.Count > 0 ? _headingLevels[^1] : 0;
            var block = new TextBlock(text, kind, level);
            if (kind == BlockKind.Paragraph && allBold && block.Words <= MaxBoldHeadingWords)
            {
                block = new TextBlock(text, BlockKind.Heading, 6);
            }

            Blocks.Add(block);
        }
    }
}

namespace Digest.Core.Extraction;

internal enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,

    /// <summary>A data-table row, its cells joined by spaces.</summary>
    TableRow,
}

/// <summary>One paragraph of output: a run of text between block boundaries.</summary>
internal sealed record TextBlock(string Text, BlockKind Kind, int HeadingLevel = 0)
{
    public int Words { get; } = TextNormalizer.CountWords(Text);
}

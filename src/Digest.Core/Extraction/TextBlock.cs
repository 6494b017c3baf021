namespace Digest.Core.Extraction;

internal enum BlockKind
{
    Paragraph,
    Heading,
    ListItem,
}

/// <summary>One paragraph of output: a run of text between block boundaries.</summary>
internal sealed record TextBlock(string Text, BlockKind Kind, int HeadingLevel = 0)
{
    public int Words { get; } = TextNormalizer.CountWords(Text);
}

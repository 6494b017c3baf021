using Digest.Core.Text;

namespace Digest.Core.Coverage;

/// <summary>A sentence as the paraphrase-tolerant matcher sees it: its distinct content stems (numbers included).</summary>
internal sealed class SentenceProfile
{
    public SentenceProfile(string text, int documentIndex)
    {
        Text = text;
        DocumentIndex = documentIndex;
        Stems = ContentWords.Stems(text, 200).Distinct(StringComparer.Ordinal).ToArray();
        StemSet = new HashSet<string>(Stems, StringComparer.Ordinal);
    }

    private SentenceProfile(SentenceProfile other, int documentIndex)
    {
        Text = other.Text;
        DocumentIndex = documentIndex;
        Stems = other.Stems;
        StemSet = other.StemSet;
    }

    /// <summary>The same sentence attributed to another document index (its stems are shared, not recomputed).</summary>
    public SentenceProfile ForDocument(int documentIndex) => new(this, documentIndex);

    public string Text { get; }

    /// <summary>Which document it came from (index into the earlier list; -1 for the article being labelled).</summary>
    public int DocumentIndex { get; }

    public string[] Stems { get; }
    public HashSet<string> StemSet { get; }
}

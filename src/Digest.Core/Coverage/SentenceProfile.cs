using Digest.Core.Text;

namespace Digest.Core.Coverage;

/// <summary>A sentence as the paraphrase-tolerant matcher sees it: its distinct content stems (numbers included).</summary>
internal sealed class SentenceProfile
{
    public SentenceProfile(string text, int documentIndex)
    {
        Text = text;
        DocumentIndex = documentIndex;
        var stems = new List<string>();
        var names = new List<string>();
        var tokens = Tokenizer.Tokenize(text);
        for (var i = 0; i < tokens.Count && stems.Count < 200; i++)
        {
            var stem = ContentWords.StemOf(tokens[i]);
            if (stem is null)
            {
                continue;
            }

            stems.Add(stem);

            // A capitalized word inside the sentence is (part of) a name; the first word is capitalized anyway.
            if (i > 0 && tokens[i].IsCapitalized && !tokens[i].IsNumber)
            {
                names.Add(stem);
            }
        }

        Stems = stems.Distinct(StringComparer.Ordinal).ToArray();
        NameStems = names.Distinct(StringComparer.Ordinal).ToArray();
        StemSet = new HashSet<string>(Stems, StringComparer.Ordinal);
    }

    private SentenceProfile(SentenceProfile other, int documentIndex)
    {
        Text = other.Text;
        DocumentIndex = documentIndex;
        Stems = other.Stems;
        NameStems = other.NameStems;
        StemSet = other.StemSet;
    }

    /// <summary>The same sentence attributed to another document index (its stems are shared, not recomputed).</summary>
    public SentenceProfile ForDocument(int documentIndex) => new(this, documentIndex);

    public string Text { get; }

    /// <summary>Which document it came from (index into the earlier list; -1 for the article being labelled).</summary>
    public int DocumentIndex { get; }

    public string[] Stems { get; }

    /// <summary>Stems of the capitalized words after the first: the names the sentence mentions.</summary>
    public string[] NameStems { get; }
    public HashSet<string> StemSet { get; }
}

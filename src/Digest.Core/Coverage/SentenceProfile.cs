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
        var (tokens, tokenStems) = Tokenizer.TokenizeWithStems(text);
        for (var i = 0; i < tokens.Count && stems.Count < 200; i++)
        {
            var stem = tokenStems[i];
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

        Stems = Distinct(stems);
        NameStems = Distinct(names);
        origin = this;
    }

    /// <summary>Per thread, the set <see cref="Distinct"/> reuses: every sentence of every article is profiled.</summary>
    [ThreadStatic]
    private static HashSet<string>? seen;

    /// <summary>The distinct items, in order of first appearance (as LINQ's Distinct gives them).</summary>
    private static string[] Distinct(List<string> items)
    {
        if (items.Count == 0)
        {
            return [];
        }

        var set = seen ??= new HashSet<string>(StringComparer.Ordinal);
        set.Clear();
        var result = new List<string>(items.Count);
        foreach (var item in items)
        {
            if (set.Add(item))
            {
                result.Add(item);
            }
        }

        return [.. result];
    }

    private SentenceProfile(SentenceProfile other, int documentIndex)
    {
        Text = other.Text;
        DocumentIndex = documentIndex;
        Stems = other.Stems;
        NameStems = other.NameStems;
        origin = other.origin;
    }

    /// <summary>The same sentence attributed to another document index (its stems are shared, not recomputed).</summary>
    public SentenceProfile ForDocument(int documentIndex) => new(this, documentIndex);

    public string Text { get; }

    /// <summary>Which document it came from (index into the earlier list; -1 for the article being labelled).</summary>
    public int DocumentIndex { get; }

    public string[] Stems { get; }

    /// <summary>Stems of the capitalized words after the first: the names the sentence mentions.</summary>
    public string[] NameStems { get; }

    /// <summary>The profile the stems were read for: <see cref="ForDocument"/> copies share its ids.</summary>
    private readonly SentenceProfile origin;

    private Numbered? numbered;

    /// <summary>The stems' and names' ids in <paramref name="vocabulary"/> (one comparison's, <see cref="StemVocabulary.Current"/>
    /// when it began), numbered once per sentence.</summary>
    public Numbered Ids(StemVocabulary vocabulary)
    {
        var found = Volatile.Read(ref origin.numbered);
        if (found is null || !ReferenceEquals(found.Vocabulary, vocabulary))
        {
            found = new Numbered(vocabulary, vocabulary.Ids(Stems), vocabulary.Ids(NameStems));
            Volatile.Write(ref origin.numbered, found);
        }

        return found;
    }

    /// <summary>Stem and name ids in one vocabulary.</summary>
    internal sealed record Numbered(StemVocabulary Vocabulary, int[] Stems, int[] Names);
}

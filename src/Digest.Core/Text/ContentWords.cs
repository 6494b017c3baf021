namespace Digest.Core.Text;

/// <summary>The stemmed content words of a text: what the similarity measures of stories, coverage and summaries compare.</summary>
public static class ContentWords
{
    /// <summary>Stems of the non-stopword words, numbers kept as written (normalized), in text order.</summary>
    public static List<string> Stems(string text, int maxTokens = int.MaxValue)
    {
        var tokens = Tokenizer.Tokenize(text);
        var stems = new List<string>(Math.Min(tokens.Count, maxTokens));
        foreach (var token in tokens)
        {
            if (stems.Count >= maxTokens)
            {
                break;
            }

            var stem = StemOf(token);
            if (stem is not null)
            {
                stems.Add(stem);
            }
        }

        return stems;
    }

    /// <summary>Words remembered per thread before the memory is cleared (hostile vocabularies cannot grow it).</summary>
    private const int MaxRemembered = 50_000;

    /// <summary>
    /// Per thread, each word's contribution (its stem, or null for a stopword): one lookup in place of a stopword test
    /// and the stemmer's shared cache, for every word that clustering, the coverage diff and summaries read.
    /// </summary>
    [ThreadStatic]
    private static Dictionary<string, string?>? remembered;

    /// <summary>The stem a token contributes, or null for stopwords and single letters.</summary>
    public static string? StemOf(Token token)
    {
        if (token.IsNumber)
        {
            return token.Lower;
        }

        var memory = remembered ??= new Dictionary<string, string?>(StringComparer.Ordinal);
        if (memory.TryGetValue(token.Lower, out var known))
        {
            return known;
        }

        if (memory.Count >= MaxRemembered)
        {
            memory.Clear();
        }

        var stem = Stopwords.Contains(token.Lower) || token.Lower.Length <= 1 ? null : Stemmer.Stem(token.Lower);
        memory[token.Lower] = stem;
        return stem;
    }
}

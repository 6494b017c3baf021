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

            if (token.IsNumber)
            {
                stems.Add(token.Lower);
            }
            else if (!Stopwords.Contains(token.Lower) && token.Lower.Length > 1)
            {
                stems.Add(Stemmer.Stem(token.Lower));
            }
        }

        return stems;
    }
}

namespace Digest.Core.Text;

/// <summary>
/// A number in a sentence together with the content words around it, which say what it counts ("40,000 people killed"
/// → value 40000, context {people, kill}).
/// </summary>
/// <param name="Written">The number as written, with any multiplier ("1.2 million").</param>
/// <param name="Value">Its value, multiplier applied.</param>
/// <param name="Context">Stems of the content words near it, nearest first.</param>
/// <param name="ContextWords">The same words as written (lowercase), parallel to <paramref name="Context"/>.</param>
public sealed record NumberMention(string Written, double Value, IReadOnlyList<string> Context, IReadOnlyList<string> ContextWords);

/// <summary>
/// Finds the quantities a sentence reports. Years, times of day and dates are left out: they situate an event, they do
/// not measure it, so they are never "updated".
/// </summary>
public static class NumberExtractor
{
    private const int ContextWindow = 4;

    private static readonly Dictionary<string, double> Multipliers = new(StringComparer.Ordinal)
    {
        ["hundred"] = 1e2, ["thousand"] = 1e3, ["million"] = 1e6, ["billion"] = 1e9, ["trillion"] = 1e12,
    };

    private static readonly HashSet<string> DateWords = new(StringComparer.Ordinal)
    {
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
        "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "a.m", "p.m",
        "am", "pm", "gmt", "utc", "am.", "pm.",
    };

    public static IReadOnlyList<NumberMention> Find(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var tokens = Tokenizer.Tokenize(sentence);
        var mentions = new List<NumberMention>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsNumber || !Tokenizer.TryParseNumber(token.Lower, out var value) || IsDateOrYear(tokens, i, value))
            {
                continue;
            }

            var written = token.Text;
            var after = i + 1;
            if (after < tokens.Count && Multipliers.TryGetValue(tokens[after].Lower, out var multiplier))
            {
                value *= multiplier;
                written += " " + tokens[after].Text;
                after++;
            }

            var (stems, words) = Context(tokens, i, after);
            mentions.Add(new NumberMention(written, value, stems, words));
        }

        return mentions;
    }

    private static bool IsDateOrYear(IReadOnlyList<Token> tokens, int i, double value)
    {
        var isYear = tokens[i].Lower.Length == 4 && value is >= 1900 and <= 2100 && !tokens[i].Lower.Contains('.', StringComparison.Ordinal);
        var nearDateWord = (i > 0 && DateWords.Contains(tokens[i - 1].Lower)) || (i + 1 < tokens.Count && DateWords.Contains(tokens[i + 1].Lower));
        return isYear || nearDateWord;
    }

    /// <summary>Content stems around the number, alternating after/before so the nearest words come first.</summary>
    private static (List<string> Stems, List<string> Words) Context(IReadOnlyList<Token> tokens, int first, int afterLast)
    {
        var context = new List<string>();
        var words = new List<string>();
        for (var distance = 0; distance < ContextWindow; distance++)
        {
            AddIfContent(tokens, afterLast + distance, context, words);
            AddIfContent(tokens, first - 1 - distance, context, words);
        }

        return (context, words);
    }

    private static void AddIfContent(IReadOnlyList<Token> tokens, int index, List<string> context, List<string> words)
    {
        if (index < 0 || index >= tokens.Count || tokens[index].IsNumber || Stopwords.Contains(tokens[index].Lower))
        {
            return;
        }

        var stem = Stemmer.Stem(tokens[index].Lower);
        if (!context.Contains(stem, StringComparer.Ordinal))
        {
            context.Add(stem);
            words.Add(tokens[index].Lower);
        }
    }
}

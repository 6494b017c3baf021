namespace Digest.Core.Text;

/// <summary>
/// A number in a sentence together with the content words around it, which say what it counts ("40,000 people killed"
/// → value 40000, context {people, kill}).
/// </summary>
/// <param name="Written">The number as written, with any multiplier ("1.2 million").</param>
/// <param name="Value">Its value, multiplier applied.</param>
/// <param name="Context">Stems of the content words near it, nearest first.</param>
/// <param name="ContextWords">The same words as written (lowercase), parallel to <paramref name="Context"/>.</param>
public sealed record NumberMention(string Written, double Value, IReadOnlyList<string> Context, IReadOnlyList<string> ContextWords)
{
    /// <summary>What the number counts or measures, as written right after it ("operator jobs", "per cent", "metres"); empty when nothing says.</summary>
    public string Unit { get; init; } = string.Empty;

    /// <summary>
    /// The unit reduced to its head word's stem, with plain synonyms merged ("residents" and "people"), so two mentions
    /// count the same kind of thing only when their keys are equal.
    /// </summary>
    public string UnitKey { get; init; } = string.Empty;

    /// <summary>True for measures (per cent, metres, euros) rather than counts of things.</summary>
    public bool IsMeasure { get; init; }

    /// <summary>Token index in the sentence of each context word, parallel to <see cref="Context"/>: gives the words' reading order.</summary>
    public IReadOnlyList<int> ContextPositions { get; init; } = [];

    /// <summary>The context words with their written casing ("Brenholt"), parallel to <see cref="Context"/>: labels read as the text did.</summary>
    public IReadOnlyList<string> ContextWritten { get; init; } = [];

    /// <summary>The words after the number and its unit up to the next punctuation, as written ("waiting", "at", "North", "Quay").</summary>
    public IReadOnlyList<string> Following { get; init; } = [];

    /// <summary>
    /// True for a value the sentence gives as the earlier one ("up from 14", "slowed to 2.7% from 3.0%"): it reports a
    /// change, it does not restate the old figure as current.
    /// </summary>
    public bool IsPreviousValue { get; init; }
}

/// <summary>
/// Finds the quantities a sentence reports. Years, times of day and dates are left out: they situate an event, they do
/// not measure it, so they are never "updated".
/// </summary>
public static class NumberExtractor
{
    private const int ContextWindow = 4;

    private const int FollowingWords = 6;

    private static readonly HashSet<string> ApproximationWords = new(StringComparer.Ordinal) { "the", "about", "around", "some", "nearly", "almost", "roughly", "approximately", "just" };

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

            var unit = NumberUnit.Read(sentence, tokens, i, after);
            var (stems, words, positions) = Context(tokens, i, after);
            mentions.Add(new NumberMention(written, value, stems, words)
            {
                Unit = unit.Phrase,
                UnitKey = unit.Key,
                IsMeasure = unit.IsMeasure,
                ContextPositions = positions,
                ContextWritten = positions.Select(p => tokens[p].Text).ToList(),
                Following = Following(sentence, tokens, after + unit.TokenCount),
                IsPreviousValue = IsPreviousValue(tokens, i),
            });
        }

        return mentions;
    }

    private static bool IsDateOrYear(IReadOnlyList<Token> tokens, int i, double value)
    {
        var isYear = tokens[i].Lower.Length == 4 && value is >= 1900 and <= 2100 && !tokens[i].Lower.Contains('.', StringComparison.Ordinal);
        var nearDateWord = (i > 0 && DateWords.Contains(tokens[i - 1].Lower)) || (i + 1 < tokens.Count && DateWords.Contains(tokens[i + 1].Lower));
        return isYear || nearDateWord;
    }

    /// <summary>"up from 14", "from the 4%", "down from about 340": the value a change started from.</summary>
    private static bool IsPreviousValue(IReadOnlyList<Token> tokens, int i)
    {
        var k = i - 1;
        if (k >= 0 && ApproximationWords.Contains(tokens[k].Lower))
        {
            k--;
        }

        return k >= 0 && tokens[k].Lower == "from";
    }

    /// <summary>Words after the number's unit, up to the first punctuation or a handful of words.</summary>
    private static List<string> Following(string sentence, IReadOnlyList<Token> tokens, int from)
    {
        var words = new List<string>();
        for (var k = from; k < tokens.Count && words.Count < FollowingWords; k++)
        {
            var gapStart = tokens[k - 1].Start + tokens[k - 1].Text.Length;
            if (sentence.AsSpan(gapStart, tokens[k].Start - gapStart).Trim().Length > 0 || tokens[k].IsNumber)
            {
                break;
            }

            words.Add(tokens[k].Text);
        }

        return words;
    }

    /// <summary>Content stems around the number, alternating after/before so the nearest words come first.</summary>
    private static (List<string> Stems, List<string> Words, List<int> Positions) Context(IReadOnlyList<Token> tokens, int first, int afterLast)
    {
        var context = new List<string>();
        var words = new List<string>();
        var positions = new List<int>();
        for (var distance = 0; distance < ContextWindow; distance++)
        {
            AddIfContent(tokens, afterLast + distance, context, words, positions);
            AddIfContent(tokens, first - 1 - distance, context, words, positions);
        }

        return (context, words, positions);
    }

    private static void AddIfContent(IReadOnlyList<Token> tokens, int index, List<string> context, List<string> words, List<int> positions)
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
            positions.Add(index);
        }
    }
}

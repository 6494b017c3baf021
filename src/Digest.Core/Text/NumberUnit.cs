namespace Digest.Core.Text;

/// <summary>What a number counts or measures.</summary>
/// <param name="Phrase">The noun phrase as written after the number ("operator jobs"), or the measure ("per cent").</param>
/// <param name="Key">The head word's stem with synonyms merged; empty when the text does not say.</param>
/// <param name="IsMeasure">True for a measure (per cent, metres, euros), false for a count of things.</param>
public readonly record struct NumberUnit(string Phrase, string Key, bool IsMeasure)
{
    /// <summary>Words of the text the unit takes up after the number (0 for "%" or a currency sign before it).</summary>
    public int TokenCount { get; init; }

    /// <summary>No unit: the text does not say what the number counts.</summary>
    public static readonly NumberUnit None = new(string.Empty, string.Empty, IsMeasure: false);

    /// <summary>Nouns in a phrase after a number: "310 operator jobs at …" stops at "at".</summary>
    private const int MaxPhraseWords = 3;

    /// <summary>Measures, by the stem of their written form, mapped to one name per measure.</summary>
    private static readonly Dictionary<string, string> Measures = new(StringComparer.Ordinal)
    {
        ["metr"] = "metres", ["meter"] = "metres", ["m"] = "metres", ["centimetr"] = "centimetres", ["cm"] = "centimetres",
        ["millimetr"] = "millimetres", ["mm"] = "millimetres", ["kilometr"] = "kilometres", ["km"] = "kilometres",
        ["mile"] = "miles", ["euro"] = "euros", ["dollar"] = "dollars", ["pound"] = "pounds", ["kronor"] = "kronor",
        ["krona"] = "kronor", ["tonn"] = "tonnes", ["ton"] = "tonnes", ["kilogram"] = "kilograms", ["kg"] = "kilograms",
        ["litr"] = "litres", ["degre"] = "degrees", ["hectar"] = "hectares", ["percent"] = "per cent",
    };

    /// <summary>Plain synonyms for the things news counts most: a count of residents is a count of people.</summary>
    private static readonly Dictionary<string, string> Synonyms = new(StringComparer.Ordinal)
    {
        ["resident"] = "peopl", ["person"] = "peopl", ["inhabit"] = "peopl", ["vessel"] = "ship", ["boat"] = "ship",
    };

    /// <summary>"up from 23 yesterday": words of time that follow a number without being what it counts.</summary>
    private static readonly HashSet<string> TimeWords = new(StringComparer.Ordinal) { "yesterday", "today", "tonight", "tomorrow", "ago", "earlier", "later", "previously", "before" };

    private static readonly Dictionary<char, string> CurrencySigns = new() { ['€'] = "euros", ['$'] = "dollars", ['£'] = "pounds" };

    /// <summary>Reads the unit of the number at token <paramref name="first"/>; <paramref name="after"/> is the first token past it.</summary>
    public static NumberUnit Read(string sentence, IReadOnlyList<Token> tokens, int first, int after)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        ArgumentNullException.ThrowIfNull(tokens);
        var number = tokens[first];
        var numberEnd = after > first + 1 ? tokens[after - 1].Start + tokens[after - 1].Text.Length : number.Start + number.Text.Length;
        if (numberEnd < sentence.Length && sentence[numberEnd] is '%' or '\u066A')
        {
            return new NumberUnit("per cent", "per cent", IsMeasure: true);
        }

        if (number.Start > 0 && CurrencySigns.TryGetValue(sentence[number.Start - 1], out var currency))
        {
            return new NumberUnit(currency, currency, IsMeasure: true);
        }

        if (after + 1 < tokens.Count && tokens[after].Lower == "per" && tokens[after + 1].Lower == "cent")
        {
            return new NumberUnit("per cent", "per cent", IsMeasure: true) { TokenCount = 2 };
        }

        var words = new List<string>();
        var previousEnd = numberEnd;
        for (var k = after; k < tokens.Count && words.Count < MaxPhraseWords; k++)
        {
            var token = tokens[k];
            if (!OnlySpaceBetween(sentence, previousEnd, token.Start) || !IsNounLike(token, words.Count))
            {
                break;
            }

            words.Add(token.Lower);
            previousEnd = token.Start + token.Text.Length;
        }

        if (words.Count == 0)
        {
            return None;
        }

        var head = Stemmer.Stem(words[^1]);
        if (words.Count == 1 && Measures.TryGetValue(head, out var measure))
        {
            return new NumberUnit(measure, measure, IsMeasure: true) { TokenCount = 1 };
        }

        return new NumberUnit(string.Join(' ', words), Synonyms.GetValueOrDefault(head, head), IsMeasure: false) { TokenCount = words.Count };
    }

    /// <summary>
    /// A lowercase content word that is not a participle: "340 people evacuated" counts people, "ships waiting" ships.
    /// The first word after a number may be a measure abbreviation ("4 km").
    /// </summary>
    private static bool IsNounLike(Token token, int position)
    {
        var lower = token.Lower;
        if (token.IsNumber || token.IsCapitalized || Stopwords.Contains(lower) || TimeWords.Contains(lower) || (lower.Length < 2 && position > 0))
        {
            return false;
        }

        return !(lower.EndsWith("ed", StringComparison.Ordinal) || lower.EndsWith("ing", StringComparison.Ordinal) || lower.EndsWith("ly", StringComparison.Ordinal));
    }

    private static bool OnlySpaceBetween(string text, int from, int to)
    {
        for (var k = from; k < to; k++)
        {
            if (!char.IsWhiteSpace(text[k]))
            {
                return false;
            }
        }

        return true;
    }
}

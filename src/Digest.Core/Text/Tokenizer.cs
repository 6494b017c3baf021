using System.Globalization;

namespace Digest.Core.Text;

/// <summary>A word or number of a text, with where it starts and whether it was written capitalized.</summary>
/// <param name="Text">The token as written.</param>
/// <param name="Lower">Culture-invariant lowercase form; numbers without thousands separators.</param>
/// <param name="Start">Offset of the first character in the source text.</param>
/// <param name="IsNumber">True for numerals such as 40,000 or 3.5.</param>
public readonly record struct Token(string Text, string Lower, int Start, bool IsNumber)
{
    public bool IsCapitalized => Text.Length > 0 && char.IsUpper(Text[0]);
}

/// <summary>
/// Splits text into words (letters and digits, with inner apostrophes and hyphens) and numbers (digits with inner
/// thousands separators and decimal points). Unicode-aware and culture-invariant, so results never depend on the machine.
/// </summary>
public static class Tokenizer
{
    /// <summary>Longest token kept; longer runs are hostile input (base64, URLs) and carry no meaning for us.</summary>
    private const int MaxTokenLength = 40;

    /// <summary>Texts up to this length (a sentence, a title) are remembered; longer ones are tokenized once anyway.</summary>
    private const int MaxRememberedLength = 2000;

    private const int MaxRemembered = 1024;

    /// <summary>
    /// The tokens of recently seen sentences, per thread. One article's sentences are read by several analyses in turn
    /// (its names for clustering, its stems, figures and names for the coverage diff), each tokenizing them again; the
    /// same strings are met within microseconds, so a small table answers nearly all of them. Cleared when full.
    /// </summary>
    [ThreadStatic]
    private static Dictionary<string, Remembered>? remembered;

    public static IReadOnlyList<Token> Tokenize(string text) => Recall(text).Tokens;

    /// <summary>
    /// The text's tokens with the stem each contributes (<see cref="ContentWords.StemOf"/>, null for stopwords), by
    /// position: clustering and the coverage diff both stem every sentence of an article, so the stems are kept with
    /// the remembered tokens rather than looked up word by word twice.
    /// </summary>
    public static (IReadOnlyList<Token> Tokens, string?[] Stems) TokenizeWithStems(string text)
    {
        var entry = Recall(text);
        if (entry.Stems is null)
        {
            var stems = new string?[entry.Tokens.Count];
            for (var i = 0; i < stems.Length; i++)
            {
                stems[i] = ContentWords.StemOf(entry.Tokens[i]);
            }

            entry.Stems = stems;
        }

        return (entry.Tokens, entry.Stems);
    }

    private static Remembered Recall(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > MaxRememberedLength)
        {
            return new Remembered(Read(text));
        }

        remembered ??= new Dictionary<string, Remembered>(StringComparer.Ordinal);
        if (remembered.TryGetValue(text, out var known))
        {
            return known;
        }

        if (remembered.Count >= MaxRemembered)
        {
            remembered.Clear();
        }

        var entry = new Remembered(Read(text));
        remembered[text] = entry;
        return entry;
    }

    /// <summary>One remembered text: its tokens, and their stems once someone asked for them.</summary>
    private sealed class Remembered(List<Token> tokens)
    {
        public List<Token> Tokens { get; } = tokens;
        public string?[]? Stems { get; set; }
    }

    private static List<Token> Read(string text)
    {
        // News prose runs about six characters a word: sized once rather than grown through its doublings.
        var tokens = new List<Token>(text.Length / 6 + 4);
        var i = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                i++;
                continue;
            }

            var start = i;
            var isNumber = char.IsDigit(text[i]);
            var hasLetter = !isNumber;
            i++;
            while (i < text.Length)
            {
                var c = text[i];
                if (char.IsLetterOrDigit(c))
                {
                    hasLetter |= char.IsLetter(c);
                    i++;
                    continue;
                }

                // Inner punctuation joins when a letter or digit follows: "we're", "al-Nour", "40,000", "3.5".
                var next = i + 1 < text.Length ? text[i + 1] : '\0';
                var joinsWord = (c is '\'' or '\u2019' or '-') && char.IsLetter(next) && !isNumber;
                var joinsNumber = (c is ',' or '.') && isNumber && !hasLetter && char.IsDigit(next)
                    && (c == '.' || ThousandsGroupFollows(text, i + 1));
                if (!joinsWord && !joinsNumber)
                {
                    break;
                }

                i += 2;
            }

            if (i - start > MaxTokenLength)
            {
                continue;
            }

            var raw = text[start..i];
            var number = isNumber && !hasLetter;
            tokens.Add(new Token(raw, Normalize(raw, number), start, number));
        }

        return tokens;
    }

    /// <summary>Lowercase word forms of a text, numbers included.</summary>
    public static IReadOnlyList<string> Words(string text) => Tokenize(text).Select(t => t.Lower).ToList();

    /// <summary>Counts whitespace-separated words, the unit every word budget is measured in.</summary>
    public static int CountWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            var space = char.IsWhiteSpace(c);
            if (!space && !inWord)
            {
                count++;
            }

            inWord = !space;
        }

        return count;
    }

    private static bool ThousandsGroupFollows(string text, int index)
    {
        // "39,600" joins, "3,4" (a list) does not: a thousands group is exactly three digits.
        var digits = 0;
        while (index + digits < text.Length && char.IsDigit(text[index + digits]))
        {
            digits++;
        }

        return digits == 3;
    }

    private static string Normalize(string raw, bool number)
    {
        if (number)
        {
            return raw.Replace(",", string.Empty, StringComparison.Ordinal);
        }

        // Most words are already lowercase: reuse the string instead of allocating a copy.
        var needsChange = false;
        foreach (var c in raw)
        {
            needsChange |= c == '\u2019' || char.ToLowerInvariant(c) != c;
        }

        return !needsChange ? raw : string.Create(raw.Length, raw, static (span, source) =>
        {
            for (var k = 0; k < source.Length; k++)
            {
                span[k] = source[k] == '\u2019' ? '\'' : char.ToLowerInvariant(source[k]);
            }
        });
    }

    /// <summary>Parses a normalized number token; false for anything that is not a plain decimal.</summary>
    public static bool TryParseNumber(string lower, out double value)
        => double.TryParse(lower, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
}

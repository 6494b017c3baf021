namespace Digest.Core.Text;

/// <summary>
/// Splits running text into sentences. Paragraph and line breaks always end a sentence; inside a line, ".", "!" and "?"
/// (with any closing quotes or brackets) end one when whitespace and a capital, digit or opening quote follow — except
/// after abbreviations ("Mr.", "U.S.", "Oct.") and initials ("John F. Kirby").
/// </summary>
public static class SentenceSplitter
{
    /// <summary>Hostile input (one "sentence" of megabytes) is cut into pieces no longer than this.</summary>
    private const int MaxSentenceLength = 2000;

    private static readonly HashSet<string> Abbreviations = new(StringComparer.OrdinalIgnoreCase)
    {
        "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "sen", "rep", "gov", "gen", "col", "lt", "maj",
        "capt", "sgt", "cmdr", "adm", "pres", "rev", "hon", "messrs", "inc", "ltd", "co", "corp", "bros", "no", "nos",
        "vs", "v", "etc", "approx", "dept", "est", "fig", "al", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
        "sept", "oct", "nov", "dec", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun", "ave",
        "blvd", "rd", "e.g", "i.e", "a.m", "p.m", "u.s", "u.k", "u.n", "e.u", "d.c",
    };

    /// <summary>Splits remembered per thread: one article is split by each analysis in turn (stems, figures, names).</summary>
    private const int Remembered = 8;

    [ThreadStatic]
    private static (string Text, IReadOnlyList<string> Sentences)[]? recent;

    [ThreadStatic]
    private static int next;

    public static IReadOnlyList<string> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        recent ??= new (string, IReadOnlyList<string>)[Remembered];
        foreach (var (known, sentences) in recent)
        {
            if (known is not null && known.Length == text.Length && string.Equals(known, text, StringComparison.Ordinal))
            {
                return sentences;
            }
        }

        var split = new List<string>();
        // Lines as spans of the text, and each sentence cut out (trimmed) once: no copy of a line or of an untrimmed piece.
        var lineStart = 0;
        while (true)
        {
            var lineEnd = text.IndexOf('\n', lineStart);
            SplitLine(text.AsSpan(lineStart, (lineEnd < 0 ? text.Length : lineEnd) - lineStart), split);
            if (lineEnd < 0)
            {
                break;
            }

            lineStart = lineEnd + 1;
        }

        // Shared by whoever splits the same text next, so nobody may change it.
        var result = split.AsReadOnly();
        recent[next] = (text, result);
        next = (next + 1) % Remembered;
        return result;
    }

    private static void SplitLine(ReadOnlySpan<char> line, List<string> sentences)
    {
        var start = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c is not ('.' or '!' or '?'))
            {
                if (i - start >= MaxSentenceLength)
                {
                    Add(line[start..(i + 1)], sentences);
                    start = i + 1;
                }

                continue;
            }

            var end = i + 1;
            while (end < line.Length && line[end] is '.' or '!' or '?' or '"' or '\'' or '\u201D' or '\u2019' or ')' or ']')
            {
                end++;
            }

            if (end < line.Length && !char.IsWhiteSpace(line[end]))
            {
                i = end - 1;
                continue;
            }

            var next = end;
            while (next < line.Length && char.IsWhiteSpace(line[next]))
            {
                next++;
            }

            var atLineEnd = next >= line.Length;
            if (!atLineEnd && !StartsSentence(line[next]))
            {
                i = end - 1;
                continue;
            }

            if (c == '.' && !atLineEnd && IsAbbreviation(line, start, i))
            {
                i = end - 1;
                continue;
            }

            Add(line[start..end], sentences);
            start = end;
            i = end - 1;
        }

        if (start < line.Length)
        {
            Add(line[start..], sentences);
        }
    }

    private static bool StartsSentence(char c)
        => char.IsUpper(c) || char.IsDigit(c) || c is '"' or '\'' or '\u201C' or '\u2018' or '(' or '[' or '-' or '\u2014';

    /// <summary>True when the word before the period at <paramref name="dot"/> is an abbreviation or an initial.</summary>
    private static bool IsAbbreviation(ReadOnlySpan<char> line, int sentenceStart, int dot)
    {
        var wordStart = dot;
        while (wordStart > sentenceStart && (char.IsLetter(line[wordStart - 1]) || line[wordStart - 1] == '.'))
        {
            wordStart--;
        }

        var word = line[wordStart..dot];
        if (word.IsEmpty)
        {
            return false;
        }

        // A lone capital is an initial ("John F. Kirby"); dotted letter groups are acronyms ("U.S.", "a.m.").
        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true;
        }

        return Abbreviations.GetAlternateLookup<ReadOnlySpan<char>>().Contains(word);
    }

    private static void Add(ReadOnlySpan<char> piece, List<string> sentences)
    {
        var trimmed = piece.Trim();
        foreach (var c in trimmed)
        {
            if (char.IsLetterOrDigit(c))
            {
                sentences.Add(trimmed.ToString());
                return;
            }
        }
    }
}

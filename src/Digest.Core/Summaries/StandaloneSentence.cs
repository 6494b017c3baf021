using System.Text.RegularExpressions;

namespace Digest.Core.Summaries;

/// <summary>
/// Whether a sentence can stand in a summary on its own, away from the sentences around it. Headings, subheads and
/// captions have no closing punctuation; a sentence that opens with a pronoun or a connective leans on the one before,
/// and so does a quote attributed only to "he" or "she".
/// </summary>
internal static partial class StandaloneSentence
{
    private static readonly HashSet<string> LeaningOpeners = new(StringComparer.Ordinal)
    {
        "he", "she", "it", "they", "this", "these", "those", "that", "his", "her", "their", "its",
        "but", "and", "or", "so", "also", "however", "meanwhile", "still", "yet", "instead", "then",
    };

    public static bool ReadsAlone(string sentence)
    {
        var text = sentence.AsSpan().Trim();
        if (text.Length == 0 || !EndsLikeASentence(text) || PronounAttribution().IsMatch(sentence))
        {
            return false;
        }

        var start = 0;
        while (start < text.Length && !char.IsLetterOrDigit(text[start]))
        {
            start++;
        }

        // A sentence that opens with a quotation stands on its own whatever its first word.
        if (start > 0 && IsQuote(text[0]))
        {
            return true;
        }

        var end = start;
        while (end < text.Length && char.IsLetter(text[end]))
        {
            end++;
        }

        return !LeaningOpeners.Contains(text[start..end].ToString().ToLowerInvariant());
    }

    /// <summary>
    /// An article's headline as a summary sentence, or null when it does not read as a plain statement of what happened:
    /// a question or a quotation is a hook, not a fact, and a headline that leans on context fails like any sentence.
    /// A missing full stop is added; headline style often leaves it out.
    /// </summary>
    public static string? HeadlineAsSentence(string? headline)
    {
        var text = (headline ?? string.Empty).Trim();
        while (text.EndsWith("..", StringComparison.Ordinal))
        {
            text = text[..^1];
        }

        if (text.Length == 0 || IsQuote(text[0]))
        {
            return null;
        }

        var bare = text.TrimEnd('.', ' ');
        var unquoted = bare.TrimEnd('"', '\'', '\u201D', '\u2019');
        if (unquoted.Length == 0 || unquoted[^1] is '?' or '!')
        {
            return null;
        }

        var sentence = EndsLikeASentence(text.AsSpan()) ? text : bare + ".";
        return ReadsAlone(sentence) ? sentence : null;
    }

    private static bool EndsLikeASentence(ReadOnlySpan<char> text)
    {
        var last = text.Length - 1;
        while (last > 0 && (IsQuote(text[last]) || text[last] == ')'))
        {
            last--;
        }

        return text[last] is '.' or '!' or '?' or '\u2026';
    }

    [GeneratedRegex("""[,"\u201D]\s*(he|she|they|it)\s+(said|says|added|adds|told\s+\w+|wrote|writes|explained|warned)\W*$""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex PronounAttribution();

    private static bool IsQuote(char c) => c is '"' or '\'' or '\u201C' or '\u201D' or '\u2018' or '\u2019' or '\u00AB' or '\u00BB';
}

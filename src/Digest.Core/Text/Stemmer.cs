namespace Digest.Core.Text;

/// <summary>
/// A light English stemmer: plural, past-tense, gerund, comparative and the commonest derivational suffixes, so that
/// "talks", "talked" and "talking" or "closer" and "close" meet. Deliberately conservative: a wrong merge costs more
/// than a missed one, because paraphrase matching tolerates partial overlap.
/// </summary>
public static class Stemmer
{
    private static readonly (string Suffix, string Replacement)[] Derivational =
    [
        ("ational", "ate"), ("ization", "ize"), ("isation", "ize"), ("fulness", "ful"), ("iveness", "ive"),
        ("ousness", "ous"), ("ements", "e"), ("ement", "e"), ("ments", ""), ("ment", ""), ("ness", ""), ("ities", ""),
        ("ity", ""), ("ally", "al"), ("ily", "y"), ("ly", ""), ("ations", "ate"), ("ation", "ate"), ("ers", ""), ("er", ""),
        ("est", ""),
    ];

    /// <summary>Stems remembered per thread before the memory is cleared (hostile vocabularies cannot grow it).</summary>
    private const int CacheCapacity = 100_000;

    /// <summary>
    /// Per thread, the stems of words met: a plain table, as a shared concurrent one cost more per lookup than most
    /// stems cost to compute. Cleared when full, so a vocabulary past the cap is still remembered (a fixed set that
    /// stopped taking words would compute every newer word again).
    /// </summary>
    [ThreadStatic]
    private static Dictionary<string, string>? cache;

    public static string Stem(string lowerWord)
    {
        ArgumentNullException.ThrowIfNull(lowerWord);
        if (lowerWord.Length <= 3 || !char.IsLetter(lowerWord[0]))
        {
            return lowerWord;
        }

        var memory = cache ??= new Dictionary<string, string>(StringComparer.Ordinal);
        if (memory.TryGetValue(lowerWord, out var cached))
        {
            return cached;
        }

        if (memory.Count >= CacheCapacity)
        {
            memory.Clear();
        }

        var stem = Compute(lowerWord);
        memory[lowerWord] = stem;
        return stem;
    }

    private static string Compute(string lowerWord)
    {

        var word = lowerWord.EndsWith("'s", StringComparison.Ordinal) ? lowerWord[..^2] : lowerWord;
        word = StripPlural(word);
        word = StripInflection(word);
        foreach (var (suffix, replacement) in Derivational)
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 4)
            {
                word = word[..^suffix.Length] + replacement;
                return UndoubleAndTrimE(word);
            }
        }

        // "-ion" only after s or t with a long enough root, as in Porter: "election" → "elect", not "million" → "mill".
        if (word.EndsWith("ion", StringComparison.Ordinal) && word.Length - 3 >= 5 && word[^4] is 's' or 't')
        {
            word = word[..^3];
        }

        return UndoubleAndTrimE(word);
    }

    private static string StripPlural(string word)
    {
        if (word.EndsWith("sses", StringComparison.Ordinal))
        {
            return word[..^2];
        }

        if (word.EndsWith("ies", StringComparison.Ordinal) && word.Length > 4)
        {
            return word[..^3] + "y";
        }

        if (word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) && !word.EndsWith("us", StringComparison.Ordinal)
            && !word.EndsWith("is", StringComparison.Ordinal) && word.Length > 3)
        {
            return word[..^1];
        }

        return word;
    }

    private static string StripInflection(string word)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ed"])
        {
            if (word.EndsWith(suffix, StringComparison.Ordinal) && word.Length - suffix.Length >= 3
                && HasVowel(word.AsSpan(0, word.Length - suffix.Length)))
            {
                return word[..^suffix.Length];
            }
        }

        return word;
    }

    private static string UndoubleAndTrimE(string word)
    {
        if (word.Length >= 4 && word[^1] == word[^2] && !IsVowel(word[^1]) && word[^1] is not ('l' or 's' or 'z'))
        {
            word = word[..^1];
        }

        // "close"/"clos-" and "hope"/"hop-": a final e is dropped so both spellings meet.
        if (word.Length >= 4 && word[^1] == 'e')
        {
            word = word[..^1];
        }

        return word;
    }

    private static bool HasVowel(ReadOnlySpan<char> span)
    {
        foreach (var c in span)
        {
            if (IsVowel(c))
            {
                return true;
            }
        }

        return false;
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u' or 'y';
}

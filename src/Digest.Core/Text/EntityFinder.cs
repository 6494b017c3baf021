namespace Digest.Core.Text;

/// <summary>
/// Candidate names of people, organisations and places: runs of capitalized words ("John Kirby", "National Security
/// Council", "Bank of Aldmere"). A capitalized word that merely starts a sentence counts only when it is part of a longer
/// run or is not a common word, since "The" or "Officials" at a sentence start are capitalized by grammar, not by name.
/// </summary>
public static class EntityFinder
{
    /// <summary>Small words allowed inside a name when capitalized words surround them.</summary>
    private static readonly HashSet<string> Connectors = new(StringComparer.Ordinal) { "of", "de", "la", "al", "bin", "van", "von", "der", "for", "and" };

    /// <summary>Capitalized words that are never a name on their own: days, months, titles and sentence openers.</summary>
    private static readonly HashSet<string> NotNames = new(StringComparer.Ordinal)
    {
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "june", "july", "august", "september", "october", "november", "december", "mr", "mrs", "ms", "dr",
        "president", "minister", "prime", "spokesman", "spokeswoman", "spokesperson", "chief", "officials", "police",
        "government", "but", "and", "in", "on", "at", "as", "after", "before", "while", "when", "it", "he", "she",
        "they", "we", "i", "a", "an", "the", "this", "that", "these", "those", "there", "his", "her", "their", "our",
        "its", "if", "for", "from", "by", "with", "some", "many", "more", "most", "no", "yes", "so", "meanwhile",
        "however", "asked", "according", "earlier", "later", "last", "today", "yesterday", "tomorrow", "reuters",
        "envoy", "secretary", "senator", "governor", "ambassador", "mayor", "judge", "director", "adviser", "advisor",
        "commander", "general", "leader", "chairman", "chairwoman", "chair", "executive", "deputy", "acting", "former",
        "foreign", "interior", "defence", "defense", "finance", "transport", "health", "regional", "opposition", "union",
        "rescue", "fire", "conductor", "spokesman", "officer", "analyst", "analysts", "residents", "rebels", "workers",
    };

    /// <summary>Entities of a text, normalized to lowercase, in order of first mention, without duplicates.</summary>
    public static IReadOnlyList<string> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var sentence in SentenceSplitter.Split(text))
        {
            foreach (var entity in RememberedInSentence(sentence))
            {
                if (seen.Add(entity))
                {
                    found.Add(entity);
                }
            }
        }

        return found;
    }

    /// <summary>Entities of one sentence, lowercase, in order.</summary>
    private const int MaxRemembered = 1024;

    /// <summary>
    /// The names of recently read sentences, per thread: clustering reads an article's names from its whole text and from
    /// its lead, and the coverage diff again from title and text, so the same sentences come by within microseconds.
    /// </summary>
    [ThreadStatic]
    private static Dictionary<string, string[]>? remembered;

    private static string[] RememberedInSentence(string sentence)
    {
        remembered ??= new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (remembered.TryGetValue(sentence, out var known))
        {
            return known;
        }

        if (remembered.Count >= MaxRemembered)
        {
            remembered.Clear();
        }

        var names = new List<string>();
        AddNamesOfSentence(sentence, names);
        return remembered[sentence] = [.. names];
    }

    /// <summary>Entities of one sentence, lowercase, in order (repeats included).</summary>
    public static IEnumerable<string> FindInSentence(string sentence)
    {
        ArgumentNullException.ThrowIfNull(sentence);
        var names = new List<string>();
        AddNamesOfSentence(sentence, names);
        return names;
    }

    /// <summary>Appends the sentence's names to <paramref name="names"/>: a loop, as this runs for every sentence read.</summary>
    private static void AddNamesOfSentence(string sentence, List<string> names)
    {
        var tokens = Tokenizer.Tokenize(sentence);
        var i = 0;
        while (i < tokens.Count)
        {
            if (tokens[i].IsNumber || !tokens[i].IsCapitalized)
            {
                i++;
                continue;
            }

            var start = i;
            var end = i + 1;
            while (end < tokens.Count)
            {
                if (tokens[end].IsCapitalized && !tokens[end].IsNumber && Adjacent(sentence, tokens[end - 1], tokens[end]))
                {
                    end++;
                }
                else if (end + 1 < tokens.Count && Connectors.Contains(tokens[end].Lower) && tokens[end + 1].IsCapitalized
                    && Adjacent(sentence, tokens[end - 1], tokens[end]) && Adjacent(sentence, tokens[end], tokens[end + 1]))
                {
                    end += 2;
                }
                else
                {
                    break;
                }
            }

            // Leading words that are capitalized by grammar or by title ("The", "President") are not part of the name.
            while (start < end && NotNames.Contains(tokens[start].Lower))
            {
                start++;
            }

            while (end > start && (NotNames.Contains(tokens[end - 1].Lower) || Connectors.Contains(tokens[end - 1].Lower)))
            {
                end--;
            }

            if (end > start)
            {
                var entity = JoinWords(tokens, start, end);
                var atSentenceStart = start == 0;
                if (!atSentenceStart || end - start > 1 || !Stopwords.Contains(entity))
                {
                    if (entity.Length > 1 && !(atSentenceStart && end - start == 1 && IsLikelyCommonOpener(tokens, start)))
                    {
                        names.Add(entity);
                    }
                }
            }

            i = Math.Max(end, i + 1);
        }
    }

    /// <summary>The lowercase words of tokens [start, end), possessives stripped, joined by single spaces.</summary>
    private static string JoinWords(IReadOnlyList<Token> tokens, int start, int end)
    {
        if (end - start == 1)
        {
            return StripPossessive(tokens[start].Lower);
        }

        var length = end - start - 1;
        for (var k = start; k < end; k++)
        {
            length += StrippedLength(tokens[k].Lower);
        }

        return string.Create(length, (tokens, start, end), static (span, state) =>
        {
            var at = 0;
            for (var k = state.start; k < state.end; k++)
            {
                if (k > state.start)
                {
                    span[at++] = ' ';
                }

                var word = state.tokens[k].Lower;
                word.AsSpan(0, StrippedLength(word)).CopyTo(span[at..]);
                at += StrippedLength(word);
            }
        });
    }

    private static int StrippedLength(string word)
        => word.EndsWith("'s", StringComparison.Ordinal) ? word.Length - 2 : word.Length;

    /// <summary>Words in a name are separated by spaces only: a comma or a full stop between them ends the name.</summary>
    private static bool Adjacent(string sentence, Token left, Token right)
    {
        for (var k = left.Start + left.Text.Length; k < right.Start; k++)
        {
            if (!char.IsWhiteSpace(sentence[k]))
            {
                return false;
            }
        }

        return right.Start - (left.Start + left.Text.Length) <= 2;
    }

    /// <summary>A single capitalized word opening a sentence, followed by a lowercase word, is usually grammar ("Officials said").</summary>
    private static bool IsLikelyCommonOpener(IReadOnlyList<Token> tokens, int start)
        => tokens[start].Lower.EndsWith("ly", StringComparison.Ordinal) || tokens[start].Lower.EndsWith("ing", StringComparison.Ordinal)
            || tokens[start].Lower.EndsWith("ed", StringComparison.Ordinal);

    private static string StripPossessive(string word)
        => word.EndsWith("'s", StringComparison.Ordinal) ? word[..^2] : word;
}

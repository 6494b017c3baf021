using System.Text.RegularExpressions;

namespace Digest.Core.Text;

/// <summary>A direct quote and who said it, when the text names them.</summary>
/// <param name="Text">The words between the quotation marks.</param>
/// <param name="Speaker">The speaker's fullest name used in the text ("John Kirby" even when the quote says "Kirby said"), or null.</param>
public sealed record Quote(string Text, string? Speaker);

/// <summary>
/// Finds direct quotes (curly or straight double quotes) and their speaker from the attribution next to them:
/// "…," Kirby said / said Kirby / Kirby said: "…" / "…," he said (the pronoun resolves to the last person named before).
/// </summary>
public static partial class QuoteExtractor
{
    /// <summary>Quotes shorter than this are scare quotes ("so-called 'deal'"), not statements.</summary>
    private const int MinQuoteWords = 4;

    private const int MaxQuoteLength = 1500;

    /// <summary>Quotes read per text: far more than any article has, few enough to bound the work on hostile input.</summary>
    private const int MaxQuotes = 200;

    private const string Verbs = "said|says|told|added|warned|wrote|insisted|stressed|explained|argued|noted|declared|announced|tweeted|posted|replied|asked|continued|acknowledged|admitted|conceded";

    private const string Name = @"(?:[A-Z][\p{L}'\u2019-]+)(?:\s+(?:[A-Z][\p{L}'\u2019-]+|of|de|al|bin))*";

    public static IReadOnlyList<Quote> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var quotes = new List<Quote>();
        foreach (Match match in QuotePattern().Matches(text))
        {
            var inner = match.Groups["q"].Value.Trim();
            if (Tokenizer.CountWords(inner) < MinQuoteWords || inner.Length > MaxQuoteLength)
            {
                continue;
            }

            if (quotes.Count >= MaxQuotes)
            {
                break;
            }

            var before = SentencePrefix(text, match.Index);
            var after = SentenceSuffix(text, match.Index + match.Length);
            var speaker = SpeakerAfter(after) ?? SpeakerBefore(before);
            speaker = Resolve(speaker, text, match.Index);
            quotes.Add(new Quote(inner.TrimEnd(',', ' '), speaker));
        }

        return quotes;
    }

    private static string? SpeakerAfter(string after)
    {
        var m = AfterVerbFirst().Match(after);
        if (m.Success)
        {
            return m.Groups["name"].Value;
        }

        m = AfterNameFirst().Match(after);
        return m.Success ? m.Groups["name"].Value : null;
    }

    private static string? SpeakerBefore(string before)
    {
        var m = BeforeQuote().Match(before);
        return m.Success ? m.Groups["name"].Value : null;
    }

    /// <summary>Turns a pronoun into the last person named before the quote, and a surname into the full name.</summary>
    private static string? Resolve(string? speaker, string text, int quoteStart)
    {
        if (speaker is null)
        {
            return null;
        }

        // Only the text shortly before the quote can name its speaker; bounding it keeps many-quote articles linear.
        var prefix = text[Math.Max(0, quoteStart - 1500)..quoteStart];
        var names = EntityFinder.Find(RemoveQuotes(prefix)).Where(n => n.Contains(' ', StringComparison.Ordinal)).ToList();
        if (speaker is "he" or "she" or "He" or "She")
        {
            var last = LastPersonMention(prefix, names);
            return last is null ? null : TitleCase(last);
        }

        var lower = speaker.ToLowerInvariant();
        var full = names.LastOrDefault(n => n.EndsWith(" " + lower, StringComparison.Ordinal) || n == lower);
        return full is null ? speaker : TitleCase(full);
    }

    /// <summary>The multi-word name mentioned last in <paramref name="prefix"/>, by position.</summary>
    private static string? LastPersonMention(string prefix, List<string> names)
    {
        string? best = null;
        var bestPosition = -1;
        var lowerPrefix = prefix.ToLowerInvariant();
        foreach (var name in names)
        {
            var surname = name[(name.LastIndexOf(' ') + 1)..];
            var position = lowerPrefix.LastIndexOf(surname, StringComparison.Ordinal);
            if (position > bestPosition)
            {
                bestPosition = position;
                best = name;
            }
        }

        return best;
    }

    private static string RemoveQuotes(string text) => QuotePattern().Replace(text, " ");

    private static string TitleCase(string lower)
        => string.Join(' ', lower.Split(' ').Select(w => w.Length == 0 ? w : char.ToUpperInvariant(w[0]) + w[1..]));

    private static string SentencePrefix(string text, int end)
    {
        var start = Math.Max(0, end - 200);
        var piece = text[start..end];
        var cut = piece.LastIndexOfAny(['.', '!', '?', '\n']);
        return cut >= 0 ? piece[(cut + 1)..] : piece;
    }

    private static string SentenceSuffix(string text, int start)
    {
        var end = Math.Min(text.Length, start + 120);
        var piece = text[start..end];
        var cut = piece.IndexOfAny(['.', '!', '?', '\n', '"', '\u201C']);
        return cut >= 0 ? piece[..cut] : piece;
    }

    [GeneratedRegex("[\"\u201C](?<q>[^\"\u201C\u201D\n]{1,1500})[\"\u201D]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex QuotePattern();

    [GeneratedRegex(@"^\W{0,3}(?:" + Verbs + @")\s+(?<name>" + Name + ")", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AfterVerbFirst();

    [GeneratedRegex(@"^\W{0,3}(?<name>[Hh]e|[Ss]he|" + Name + @")\s+(?:\w+\s+){0,1}(?:" + Verbs + ")", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AfterNameFirst();

    [GeneratedRegex(@"(?<name>" + Name + @")\s+(?:" + Verbs + @")(?:\s+[\p{Ll}\w]+){0,3}\s*[:,]?\s*(?:that\s*)?$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex BeforeQuote();
}

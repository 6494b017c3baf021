using System.Text.RegularExpressions;

namespace Digest.Core.Text;

/// <summary>A direct quote and who said it, when the text names them.</summary>
/// <param name="Text">The words between the quotation marks.</param>
/// <param name="Speaker">The speaker's fullest name used in the text ("John Kirby" even when the quote says "Kirby said"), or null.</param>
public sealed record Quote(string Text, string? Speaker);

/// <summary>
/// Finds direct quotes (curly or straight double quotes) and their speaker from the attribution in the quote's sentence:
/// "…," Kirby said / said Kirby, the envoy / Kirby said: "…" / Kirby called it "…" / according to Kirby / "…," he said
/// (a pronoun is the person the nearest earlier sentence is about). A quote that opens a sentence right after an
/// attributed quote continues it. A person is preferred to an organisation, a place is never a speaker, and when the
/// attribution names nobody the speaker is null rather than a guess.
/// </summary>
public static partial class QuoteExtractor
{
    /// <summary>Quotes shorter than this are scare quotes ("so-called 'deal'"), not statements.</summary>
    private const int MinQuoteWords = 4;

    private const int MaxQuoteLength = 1500;

    /// <summary>Quotes read per text: far more than any article has, few enough to bound the work on hostile input.</summary>
    private const int MaxQuotes = 200;

    /// <summary>Characters before or after a quote read for its attribution.</summary>
    private const int MaxAttributionReach = 400;

    /// <summary>Sentences looked back through for the person a pronoun stands for.</summary>
    private const int PronounLookback = 4;

    /// <summary>Words allowed between a reporting verb and the quote it introduces ("said the talks would go on until …").</summary>
    private const int MaxWordsVerbToQuote = 16;

    private const string Verbs = "said|says|say|told|tells|added|adds|warned|wrote|writes|insisted|stressed|explained|argued|noted|declared|announced|tweeted|posted|replied|asked|continued|acknowledged|admitted|conceded|recalled|urged|complained|predicted|called|calls|described|describes";

    public static IReadOnlyList<Quote> Find(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var spans = new List<(int Start, int End, string Inner)>();
        foreach (Match match in QuotePattern().Matches(text))
        {
            var inner = match.Groups["q"].Value.Trim();
            if (Tokenizer.CountWords(inner) < MinQuoteWords || inner.Length > MaxQuoteLength)
            {
                continue;
            }

            spans.Add((match.Index, match.Index + match.Length, inner));
            if (spans.Count >= MaxQuotes)
            {
                break;
            }
        }

        if (spans.Count == 0)
        {
            return [];
        }

        var masked = Mask(text);
        var context = new AttributionContext(masked, NameMentions.Find(masked), SentenceStarts(masked));
        var speakers = spans.Select(s => Attribute(context, s.Start, s.End)).ToArray();
        FillContinuations(context, spans, speakers);
        return spans.Select((s, k) => new Quote(s.Inner.TrimEnd(',', ' '), speakers[k])).ToList();
    }

    private static string? Attribute(AttributionContext context, int quoteStart, int quoteEnd)
    {
        // An attribution sits within a few hundred characters of its quote; the bound keeps hostile, unpunctuated text linear.
        var sentenceStart = Math.Max(context.SentenceStartBefore(quoteStart), quoteStart - MaxAttributionReach);
        var sentenceEnd = Math.Min(context.SentenceEndAfter(quoteEnd), quoteEnd + MaxAttributionReach);
        return SpeakerAfter(context, quoteEnd, sentenceEnd)
            ?? SpeakerBefore(context, sentenceStart, quoteStart)
            ?? SpeakerAccordingTo(context, sentenceStart, sentenceEnd);
    }

    /// <summary>"…," Rask said / "…," said Rask, the chair / "…," she told reporters.</summary>
    private static string? SpeakerAfter(AttributionContext context, int from, int to)
    {
        var after = context.Masked[from..to];
        var m = AfterSubjectFirst().Match(after);
        if (m.Success)
        {
            var subject = m.Groups["subj"];
            return SpeakerIn(context, from + subject.Index, from + subject.Index + subject.Length, preferLast: false);
        }

        m = AfterVerbFirst().Match(after);
        if (m.Success)
        {
            var subject = m.Groups["subj"];
            return SpeakerIn(context, from + subject.Index, from + subject.Index + subject.Length, preferLast: false);
        }

        return null;
    }

    /// <summary>Rask said: "…" / Its chair, Dagny Rask, said the offer "…" / what she called "…".</summary>
    private static string? SpeakerBefore(AttributionContext context, int from, int to)
    {
        var before = context.Masked[from..to];
        var verb = ReportingVerb().Matches(before).LastOrDefault();
        if (verb is null || Tokenizer.Tokenize(before[(verb.Index + verb.Length)..]).Count > MaxWordsVerbToQuote)
        {
            return null;
        }

        // The subject is in the same clause as the verb: a semicolon starts another one.
        var clauseStart = before.LastIndexOf(';', verb.Index) + 1;
        return SpeakerIn(context, from + clauseStart, from + verb.Index, preferLast: true);
    }

    private static string? SpeakerAccordingTo(AttributionContext context, int from, int to)
    {
        var m = AccordingTo().Match(context.Masked[from..to]);
        if (!m.Success)
        {
            return null;
        }

        var subject = m.Groups["subj"];
        return SpeakerIn(context, from + subject.Index, from + subject.Index + subject.Length, preferLast: false);
    }

    /// <summary>
    /// The speaker named in an attribution's subject: a person (or a pronoun standing for one) before an organisation;
    /// places and titles never. <paramref name="preferLast"/> picks the one nearest a verb that follows the span.
    /// </summary>
    private static string? SpeakerIn(AttributionContext context, int from, int to, bool preferLast)
    {
        var candidates = new List<(int Position, string? Person)>();
        foreach (var mention in context.MentionsIn(from, to).Where(m => m.Kind == NameKind.Person))
        {
            candidates.Add((mention.Start, mention.Canonical));
        }

        foreach (Match pronoun in Pronoun().Matches(context.Masked[from..to]))
        {
            candidates.Add((from + pronoun.Index, null));
        }

        if (candidates.Count > 0)
        {
            var chosen = preferLast ? candidates.MaxBy(c => c.Position) : candidates.MinBy(c => c.Position);
            return chosen.Person ?? PersonBefore(context, chosen.Position);
        }

        var organisations = context.MentionsIn(from, to).Where(m => m.Kind == NameKind.Organisation).ToList();
        return organisations.Count == 0 ? SpeakerByDescription(context, from, to) : (preferLast ? organisations[^1] : organisations[0]).Text;
    }

    /// <summary>
    /// "the judge wrote" / "a spokesperson for the authority said": a description that points back to someone named
    /// earlier — a person written with that role ("Judge Marit Eklund", "the mediator, Tobias Renquist"), or else an
    /// organisation whose name holds the noun ("the authority" → "Port of Vellmar Authority"). The nearest one wins.
    /// </summary>
    private static string? SpeakerByDescription(AttributionContext context, int from, int to)
    {
        var nouns = DefiniteNoun().Matches(context.Masked[from..to]).Select(m => m.Groups["noun"].Value).ToList();
        if (nouns.Count == 0)
        {
            return null;
        }

        var earlier = context.MentionsBefore(from).Reverse().ToList();
        foreach (var noun in nouns)
        {
            var person = earlier.FirstOrDefault(m => m.Kind == NameKind.Person && context.HasRole(m, noun));
            if (person is not null)
            {
                return person.Canonical;
            }
        }

        foreach (var noun in nouns)
        {
            var organisation = earlier.FirstOrDefault(m => m.Kind == NameKind.Organisation
                && m.Text.Split(' ').Contains(noun, StringComparer.OrdinalIgnoreCase));
            if (organisation is not null)
            {
                return organisation.Text;
            }
        }

        return null;
    }

    /// <summary>
    /// The person a pronoun at <paramref name="position"/> stands for: the first person named earlier in its own sentence,
    /// else the first person (the subject, as news sentences run) of the nearest earlier sentence naming one.
    /// </summary>
    private static string? PersonBefore(AttributionContext context, int position)
    {
        var sentence = context.SentenceIndexOf(position);
        for (var s = sentence; s >= 0 && s > sentence - PronounLookback; s--)
        {
            var start = context.SentenceStarts[s];
            var end = s == sentence ? position : context.SentenceStarts[s + 1];
            var person = context.MentionsIn(start, end).FirstOrDefault(m => m.Kind == NameKind.Person);
            if (person is not null)
            {
                return person.Canonical;
            }
        }

        return null;
    }

    /// <summary>
    /// "…," she said. "And more." — a quote that opens the sentence right after an attributed quote, in the same paragraph
    /// and with no attribution of its own, is the same speaker going on.
    /// </summary>
    private static void FillContinuations(AttributionContext context, List<(int Start, int End, string Inner)> spans, string?[] speakers)
    {
        for (var k = 1; k < spans.Count; k++)
        {
            if (speakers[k] is not null || speakers[k - 1] is null)
            {
                continue;
            }

            var sentenceStart = context.SentenceStartBefore(spans[k].Start);
            var opensSentence = string.IsNullOrWhiteSpace(context.Masked[sentenceStart..spans[k].Start]);
            var previousSentenceEnd = context.SentenceEndAfter(spans[k - 1].End);
            var adjacent = previousSentenceEnd >= sentenceStart && !context.Masked[spans[k - 1].End..spans[k].Start].Contains('\n', StringComparison.Ordinal);
            if (opensSentence && adjacent)
            {
                speakers[k] = speakers[k - 1];
            }
        }
    }

    /// <summary>
    /// The text with every quote's inside blanked (offsets kept), so names and verbs inside quotes are never taken for
    /// the attribution. A full stop ending the quote is kept: it still ends the sentence.
    /// </summary>
    private static string Mask(string text)
    {
        var chars = text.ToCharArray();
        foreach (Match match in QuotePattern().Matches(text))
        {
            var group = match.Groups["q"];
            var last = group.Index + group.Length - 1;
            for (var k = group.Index; k <= last; k++)
            {
                chars[k] = k == last && chars[k] is '.' or '!' or '?' ? chars[k] : ' ';
            }
        }

        return new string(chars);
    }

    /// <summary>Offsets where sentences start: after a line break, or after . ! ? (and any closing quote) and a space.</summary>
    private static List<int> SentenceStarts(string masked)
    {
        var starts = new List<int> { 0 };
        for (var k = 0; k < masked.Length; k++)
        {
            if (masked[k] == '\n')
            {
                starts.Add(k + 1);
                continue;
            }

            if (masked[k] is not ('.' or '!' or '?') || IsAbbreviation(masked, k))
            {
                continue;
            }

            var next = k + 1;
            while (next < masked.Length && masked[next] is '"' or '\u201D' or '\u2019' or ')')
            {
                next++;
            }

            if (next < masked.Length && masked[next] == ' ')
            {
                starts.Add(next + 1);
            }
        }

        starts.Add(masked.Length);
        return starts.Distinct().Order().ToList();
    }

    /// <summary>"Mr. Holm", "Dr. Vinge", "J. Holm": a full stop after a title or an initial does not end a sentence.</summary>
    private static bool IsAbbreviation(string text, int dot)
    {
        var start = dot;
        while (start > 0 && char.IsLetter(text[start - 1]))
        {
            start--;
        }

        var word = text[start..dot];
        return (word.Length == 1 && char.IsUpper(word[0])) || word is "Mr" or "Mrs" or "Ms" or "Dr" or "St" or "Prof" or "Gen" or "Col" or "Sgt" or "Lt";
    }

    /// <summary>The masked text with its names and sentence offsets, shared by all quotes of one text.</summary>
    private sealed class AttributionContext(string masked, IReadOnlyList<NameMention> mentions, List<int> sentenceStarts)
    {
        public string Masked { get; } = masked;

        /// <summary>Sentence start offsets, ascending, with the text length as the last entry.</summary>
        public List<int> SentenceStarts { get; } = sentenceStarts;

        public IEnumerable<NameMention> MentionsIn(int from, int to)
            => mentions.Where(m => m.Start >= from && m.End <= to);

        public IEnumerable<NameMention> MentionsBefore(int position) => mentions.Where(m => m.End <= position);

        /// <summary>"Judge Marit Eklund", "the mediator, Tobias Renquist", "Tobias Renquist, the mediator": the name written with the role.</summary>
        public bool HasRole(NameMention mention, string role)
        {
            var before = Masked[Math.Max(0, mention.Start - 40)..mention.Start].TrimEnd(' ', ',');
            var after = Masked[mention.End..Math.Min(Masked.Length, mention.End + 40)].TrimStart(' ', ',');
            return before.EndsWith(role, StringComparison.OrdinalIgnoreCase)
                || after.StartsWith("the " + role, StringComparison.OrdinalIgnoreCase)
                || after.StartsWith("a " + role, StringComparison.OrdinalIgnoreCase);
        }

        public int SentenceIndexOf(int position)
        {
            var index = SentenceStarts.BinarySearch(position);
            return Math.Min(index >= 0 ? index : ~index - 1, SentenceStarts.Count - 2);
        }

        public int SentenceStartBefore(int position) => SentenceStarts[SentenceIndexOf(position)];

        public int SentenceEndAfter(int position)
        {
            var index = SentenceStarts.BinarySearch(position);
            return SentenceStarts[Math.Min(index >= 0 ? index : ~index, SentenceStarts.Count - 1)];
        }
    }

    [GeneratedRegex("[\"\u201C](?<q>[^\"\u201C\u201D\n]{1,1500})[\"\u201D]", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex QuotePattern();

    [GeneratedRegex(@"^[\s,;:\u2013\u2014-]{0,4}(?<subj>[^.!?;\s][^.!?;]{0,120}?)\s+(?:" + Verbs + @")\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AfterSubjectFirst();

    [GeneratedRegex(@"^[\s,;:\u2013\u2014-]{0,4}(?:" + Verbs + @")\s+(?<subj>[^.!?;]{1,160})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AfterVerbFirst();

    [GeneratedRegex(@"\b(?:" + Verbs + @")\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex ReportingVerb();

    [GeneratedRegex(@"\b[Aa]ccording to (?<subj>[^.!?;,]{1,120})", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex AccordingTo();

    /// <summary>"the judge", "the port authority": a definite description; its last word is the noun that points back.</summary>
    [GeneratedRegex(@"\b[Tt]he\s+(?:[\p{Ll}'\u2019-]+\s+){0,2}(?<noun>\p{Ll}{3,})\b(?!['\u2019]s)", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex DefiniteNoun();

    [GeneratedRegex(@"\b(?:[Hh]e|[Ss]he|[Tt]hey)\b", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 1000)]
    private static partial Regex Pronoun();
}

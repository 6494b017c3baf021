using System.Globalization;
using Digest.Core.Text;

namespace Digest.Core.Coverage;

/// <summary>
/// Finds figures that changed since earlier coverage: the same quantity reported with a different value, e.g.
/// "people killed: 39,600 → 40,000". Two mentions are the same quantity only when they count the same thing (the unit
/// written after the number agrees: ships, per cent, metres) and the words around them agree as well, so "2,400 crane
/// drivers" never becomes "26 years". Fewer, surer updates beat many doubtful ones: the briefing shows them to readers.
/// </summary>
internal static class NumberUpdateFinder
{
    private const double MinContextOverlap = 0.5;

    /// <summary>Context words in a label: enough to say what is counted, few enough to read at a glance.</summary>
    private const int MaxLabelWords = 2;

    private const int MaxLabelFollowingWords = 3;

    /// <summary>Small words kept in a label because they carry its sense: "ships at anchor", "jobs in Vellmar".</summary>
    private static readonly HashSet<string> Prepositions = new(StringComparer.Ordinal) { "at", "in", "on", "off", "near", "from", "for", "of", "to", "without", "with" };

    /// <summary>Stems that agree between any two news sentences and so prove nothing, nor make a label.</summary>
    private static readonly HashSet<string> NotLabelWords = new(StringComparer.Ordinal)
    {
        "said", "say", "told", "tell", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "morn", "afternoon", "even", "night", "today", "yesterday", "week", "year", "month", "day", "about", "around",
        "least", "nearli", "almost", "some", "more", "than", "up", "down", "four", "fiv", "six", "seven", "eight", "nine",
        "ten", "eleven", "twelv", "twenti", "hundr", "dozen",
    };

    /// <summary>Figures read per article and from earlier coverage: bounds the work on hostile, number-stuffed input.</summary>
    private const int MaxCurrentMentions = 300;
    private const int MaxEarlierMentions = 3000;

    /// <summary>A document's figures, read once while it lives (each later member of its story compares with it).</summary>
    /// <remarks>Read first as the article being diffed, then as earlier coverage of each later member.</remarks>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<CoverageDocument, DocumentMentions> MentionsByDocument = new();

    private static DocumentMentions MentionsOf(CoverageDocument document) => MentionsByDocument.GetValue(document, d => new DocumentMentions(d));

    private static IReadOnlyList<NumberMention> Mentions(CoverageDocument document) => MentionsOf(document).Distinct;

    /// <summary>The changed figures of <paramref name="article"/>'s text (its figures read once while it lives).</summary>
    public static IReadOnlyList<NumberUpdate> Find(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier)
        => Find(MentionsOf(article).All, earlier);

    public static IReadOnlyList<NumberUpdate> Find(IReadOnlyList<string> sentences, IReadOnlyList<CoverageDocument> earlier)
        => Find(sentences.SelectMany(NumberExtractor.Find).Take(MaxCurrentMentions).ToList(), earlier);

    private static List<NumberUpdate> Find(IEnumerable<NumberMention> mentions, IReadOnlyList<CoverageDocument> earlier)
    {
        var earlierMentions = new List<(int Document, NumberMention Mention)>();
        for (var d = earlier.Count - 1; d >= 0 && earlierMentions.Count < MaxEarlierMentions; d--)
        {
            foreach (var mention in Mentions(earlier[d]))
            {
                earlierMentions.Add((d, mention));
            }
        }

        // Mentions can only count the same thing if they share a context word: index them by those words.
        var byContext = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < earlierMentions.Count; i++)
        {
            foreach (var stem in earlierMentions[i].Mention.Context)
            {
                if (!byContext.TryGetValue(stem, out var list))
                {
                    byContext[stem] = list = [];
                }

                list.Add(i);
            }
        }

        var current = mentions.Take(MaxCurrentMentions).ToList();
        var currentValues = current.Where(c => !c.IsPreviousValue).Select(c => (c.UnitKey, c.Value)).ToHashSet();
        var previousValues = current.Where(c => c.IsPreviousValue).Select(c => c.Value).ToHashSet();
        var updates = new List<NumberUpdate>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        // Candidates are marked per mention (distinct, then put in ascending order) in arrays reused across mentions.
        var marks = new int[earlierMentions.Count];
        var candidates = new List<int>();
        var sameQuantity = new List<(int Document, NumberMention Mention)>();
        var stamp = 0;
        // "up from 14" gives the old value, not a current one.
        foreach (var mention in current)
        {
            // A mention with no unit counts nothing nameable: it is the same quantity as no other (see SameQuantity).
            if (mention.IsPreviousValue || mention.UnitKey.Length == 0)
            {
                continue;
            }

            stamp++;
            candidates.Clear();
            foreach (var stem in mention.Context)
            {
                if (!byContext.TryGetValue(stem, out var list))
                {
                    continue;
                }

                foreach (var i in list)
                {
                    if (marks[i] != stamp && string.Equals(earlierMentions[i].Mention.UnitKey, mention.UnitKey, StringComparison.Ordinal))
                    {
                        marks[i] = stamp;
                        candidates.Add(i);
                    }
                }
            }

            candidates.Sort();
            var unitStems = UnitStems(mention);
            sameQuantity.Clear();
            foreach (var i in candidates)
            {
                var candidate = earlierMentions[i];
                if (SameQuantity(mention, unitStems, candidate.Mention, previousValues.Contains(candidate.Mention.Value), out _))
                {
                    sameQuantity.Add(candidate);
                }
            }

            // Not reported before, or unchanged: the article still gives the earlier value for this quantity somewhere.
            if (sameQuantity.Count == 0 || sameQuantity.Any(e => currentValues.Contains((e.Mention.UnitKey, e.Mention.Value))))
            {
                continue;
            }

            var latest = sameQuantity.MaxBy(e => e.Document);
            SameQuantity(mention, unitStems, latest.Mention, previousValues.Contains(latest.Mention.Value), out var label);
            var seenIn = sameQuantity.Where(e => e.Mention.Value == latest.Mention.Value)
                .Select(e => e.Document).Distinct().Order()
                .Select(d => earlier[d].Id).ToList();
            if (reported.Add(label + "\u0000" + mention.Written))
            {
                updates.Add(new NumberUpdate(label, latest.Mention.Written, mention.Written, seenIn));
            }
        }

        return updates;
    }

    /// <summary>A document's figures: every mention of its text's sentences in order, and the distinct ones.</summary>
    private sealed class DocumentMentions
    {
        public DocumentMentions(CoverageDocument document)
        {
            All = SentenceSplitter.Split(document.Text).SelectMany(NumberExtractor.Find).ToList();
            var distinct = new HashSet<string>(StringComparer.Ordinal);
            // The same figure said twice in one article in the same words is one mention.
            Distinct = All.Where(m => distinct.Add(string.Join('|', [m.Written, .. m.Context]))).ToList();
        }

        public IReadOnlyList<NumberMention> All { get; }
        public IReadOnlyList<NumberMention> Distinct { get; }
    }

    /// <summary>
    /// Two mentions count the same thing when their units agree and, besides the unit, most of their nearby content words
    /// agree too (at least two when both have that many; one when the article itself gives the old value "up from 14"). The label says what is counted: "operator jobs (guarantee)",
    /// "pay rise (per cent)".
    /// </summary>
    private static bool SameQuantity(NumberMention a, string[] unitStems, NumberMention b, bool articleGivesOldValue, out string label)
    {
        label = string.Empty;
        if (a.UnitKey.Length == 0 || !string.Equals(a.UnitKey, b.UnitKey, StringComparison.Ordinal))
        {
            return false;
        }

        var shared = new List<int>();
        var aWords = 0;
        var bWords = 0;
        foreach (var word in b.Context)
        {
            if (!IsUnitOrNotLabel(word, unitStems))
            {
                bWords++;
            }
        }

        for (var i = 0; i < a.Context.Count; i++)
        {
            if (IsUnitOrNotLabel(a.Context[i], unitStems))
            {
                continue;
            }

            aWords++;
            if (ContainsOrdinal(b.Context, a.Context[i]))
            {
                shared.Add(i);
            }
        }

        var smaller = Math.Min(aWords, bWords);
        // When the article itself gives the earlier value ("up from about 340"), one shared word is proof enough.
        var enough = articleGivesOldValue
            ? shared.Count > 0
            : shared.Count > 0 && (double)shared.Count / smaller >= MinContextOverlap && (shared.Count >= 2 || smaller <= 2);
        if (!enough)
        {
            return false;
        }

        label = Label(a, b, shared);
        return true;
    }

    /// <summary>The stems of a mention's unit words ("operator jobs" → "oper", "job"): context words that only repeat the unit prove nothing.</summary>
    private static string[] UnitStems(NumberMention mention) => mention.Unit.Split(' ').Select(Stemmer.Stem).Distinct(StringComparer.Ordinal).ToArray();

    private static bool IsUnitOrNotLabel(string stem, string[] unitStems) => ContainsOrdinal(unitStems, stem) || NotLabelWords.Contains(stem);

    private static bool ContainsOrdinal(IReadOnlyList<string> words, string word)
    {
        for (var i = 0; i < words.Count; i++)
        {
            if (string.Equals(words[i], word, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Counts read as the counted noun with what the sentence says about it, when a word both mentions share follows
    /// it ("ships waiting at anchor", "operator jobs at North Quay"), else with the shared words in brackets; measures
    /// read as the shared words with the unit in brackets ("pay rise (per cent)").
    /// </summary>
    private static string Label(NumberMention mention, NumberMention other, List<int> shared)
    {
        if (!mention.IsMeasure)
        {
            var otherStems = other.Context.Concat(other.Following.Select(StemOf)).ToHashSet(StringComparer.Ordinal);
            // Auxiliaries go ("were waiting" → "waiting"), prepositions stay ("at anchor"); a few words say enough.
            var kept = mention.Following.Where(w => !IsStopword(w) || Prepositions.Contains(w)).Take(MaxLabelFollowingWords).ToList();
            var lastShared = kept.FindLastIndex(w => !IsStopword(w) && otherStems.Contains(StemOf(w)));
            if (lastShared >= 0)
            {
                return string.Join(' ', [mention.Unit, .. kept.Take(lastShared + 1)]);
            }
        }

        var words = shared.Take(MaxLabelWords)
            .OrderBy(i => i < mention.ContextPositions.Count ? mention.ContextPositions[i] : i)
            .Select(i => WrittenContextWord(mention, i)).ToList();
        return mention.IsMeasure
            ? string.Join(' ', words) + " (" + mention.Unit + ")"
            : mention.Unit + " (" + string.Join(", ", words) + ")";
    }

    private static bool IsStopword(string written) => Stopwords.Contains(written.ToLowerInvariant());

    private static string StemOf(string written) => Stemmer.Stem(written.ToLowerInvariant().Replace('\u2019', '\''));

    /// <summary>A context word as written, unless it was capitalized only because it opened the sentence.</summary>
    private static string WrittenContextWord(NumberMention mention, int index)
        => index < mention.ContextWritten.Count && mention.ContextPositions[index] > 0 ? mention.ContextWritten[index] : mention.ContextWords[index];
}

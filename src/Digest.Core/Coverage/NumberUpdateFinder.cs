using System.Globalization;
using Digest.Core.Text;

namespace Digest.Core.Coverage;

/// <summary>
/// Finds figures that changed since earlier coverage: the same quantity (number with mostly the same words around it)
/// reported with a different value, e.g. "killed: 39,600 → 40,000".
/// </summary>
internal static class NumberUpdateFinder
{
    private const double MinContextOverlap = 0.5;

    /// <summary>Figures read per article and from earlier coverage: bounds the work on hostile, number-stuffed input.</summary>
    private const int MaxCurrentMentions = 300;
    private const int MaxEarlierMentions = 3000;

    public static IReadOnlyList<NumberUpdate> Find(IReadOnlyList<string> sentences, IReadOnlyList<CoverageDocument> earlier)
    {
        var earlierMentions = new List<(int Document, NumberMention Mention)>();
        var distinct = new HashSet<string>(StringComparer.Ordinal);
        for (var d = earlier.Count - 1; d >= 0 && earlierMentions.Count < MaxEarlierMentions; d--)
        {
            foreach (var sentence in SentenceSplitter.Split(earlier[d].Text))
            {
                // The same figure said twice in one article in the same words is one mention.
                earlierMentions.AddRange(NumberExtractor.Find(sentence)
                    .Where(m => distinct.Add(string.Join('|', [d.ToString(CultureInfo.InvariantCulture), m.Written, .. m.Context])))
                    .Select(m => (d, m)));
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

        var current = sentences.SelectMany(NumberExtractor.Find).Take(MaxCurrentMentions).ToList();
        var currentValues = current.Select(c => c.Value).ToHashSet();
        var updates = new List<NumberUpdate>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mention in current)
        {
            var sameQuantity = mention.Context
                .SelectMany(stem => byContext.TryGetValue(stem, out var list) ? list : [])
                .Distinct()
                .Order()
                .Select(i => earlierMentions[i])
                .Where(e => SameQuantity(mention, e.Mention, out _))
                .ToList();

            // Not reported before, unchanged, or the article itself restates the old figure next to the new one.
            if (sameQuantity.Count == 0 || sameQuantity.Any(e => currentValues.Contains(e.Mention.Value)))
            {
                continue;
            }

            var latest = sameQuantity.MaxBy(e => e.Document);
            SameQuantity(mention, latest.Mention, out var label);
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

    /// <summary>
    /// Two mentions count the same thing when most of their nearby content words agree. The label is the shared word a
    /// reader would use: a participle ("killed", "arrested") when there is one, else the nearest shared word.
    /// </summary>
    private static bool SameQuantity(NumberMention a, NumberMention b, out string label)
    {
        label = string.Empty;
        var shared = new List<int>();
        for (var i = 0; i < a.Context.Count; i++)
        {
            if (b.Context.Contains(a.Context[i], StringComparer.Ordinal))
            {
                shared.Add(i);
            }
        }

        var smaller = Math.Min(a.Context.Count, b.Context.Count);
        if (shared.Count == 0 || (double)shared.Count / smaller < MinContextOverlap || (shared.Count < 2 && smaller > 1))
        {
            return false;
        }

        var participle = shared.FirstOrDefault(i => a.ContextWords[i].EndsWith("ed", StringComparison.Ordinal), -1);
        label = a.ContextWords[participle >= 0 ? participle : shared[0]];
        return true;
    }
}

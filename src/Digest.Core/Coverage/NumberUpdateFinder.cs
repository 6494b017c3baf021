using Digest.Core.Text;

namespace Digest.Core.Coverage;

/// <summary>
/// Finds figures that changed since earlier coverage: the same quantity (number with mostly the same words around it)
/// reported with a different value, e.g. "killed: 39,600 → 40,000".
/// </summary>
internal static class NumberUpdateFinder
{
    private const double MinContextOverlap = 0.5;

    public static IReadOnlyList<NumberUpdate> Find(IReadOnlyList<string> sentences, IReadOnlyList<CoverageDocument> earlier)
    {
        var earlierMentions = new List<(int Document, NumberMention Mention)>();
        for (var d = 0; d < earlier.Count; d++)
        {
            foreach (var sentence in SentenceSplitter.Split(earlier[d].Text))
            {
                earlierMentions.AddRange(NumberExtractor.Find(sentence).Select(m => (d, m)));
            }
        }

        var current = sentences.SelectMany(NumberExtractor.Find).ToList();
        var updates = new List<NumberUpdate>();
        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var mention in current)
        {
            var sameQuantity = earlierMentions.Where(e => SameQuantity(mention, e.Mention, out _)).ToList();
            if (sameQuantity.Count == 0 || sameQuantity.Any(e => e.Mention.Value == mention.Value)
                || current.Any(c => !ReferenceEquals(c, mention) && sameQuantity.Any(e => e.Mention.Value == c.Value)))
            {
                // Not reported before, not changed, or the article itself restates the old figure next to the new one.
                continue;
            }

            var latest = sameQuantity.MaxBy(e => e.Document);
            SameQuantity(mention, latest.Mention, out var label);
            var seenIn = sameQuantity.Where(e => e.Mention.Value == latest.Mention.Value)
                .Select(e => earlier[e.Document].Id).Distinct(StringComparer.Ordinal).ToList();
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

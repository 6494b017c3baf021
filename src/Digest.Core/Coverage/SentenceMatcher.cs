namespace Digest.Core.Coverage;

/// <summary>
/// Paraphrase-tolerant sentence similarity: how much of sentence A's information (IDF-weighted content stems) sentence B
/// also carries. Stems that differ only in their ending ("closer"/"close", "negotiators"/"negotiating") match softly;
/// numbers weigh extra, so a changed figure makes a sentence new rather than repeated.
/// </summary>
internal sealed class SentenceMatcher
{
    private const double SoftMatchCredit = 0.8;
    private const double NumberWeight = 1.5;
    private const int SoftPrefix = 5;
    private readonly Dictionary<string, int> documentFrequency = new(StringComparer.Ordinal);
    private readonly int sentences;

    /// <summary>Stems grouped by their first letters: the only places a soft match can come from.</summary>
    private readonly Dictionary<string, List<string>> families = new(StringComparer.Ordinal);

    /// <summary>The same table looked up by a span of a stem: the innermost test of every comparison allocates nothing.</summary>
    private readonly Dictionary<string, List<string>>.AlternateLookup<ReadOnlySpan<char>> familiesBySpan;

    public SentenceMatcher(IEnumerable<SentenceProfile> all)
    {
        familiesBySpan = families.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var profile in all)
        {
            sentences++;
            foreach (var stem in profile.Stems)
            {
                var count = documentFrequency.GetValueOrDefault(stem);
                documentFrequency[stem] = count + 1;
                if (count == 0 && stem.Length >= SoftPrefix - 1 && !char.IsDigit(stem[0]))
                {
                    var key = stem[..(SoftPrefix - 1)];
                    if (!families.TryGetValue(key, out var family))
                    {
                        families[key] = family = [];
                    }

                    family.Add(stem);
                }
            }
        }
    }

    public double Weight(string stem)
    {
        var idf = Math.Log((sentences + 1.0) / (documentFrequency.GetValueOrDefault(stem) + 0.5));
        var weight = Math.Max(0.1, idf);
        return char.IsDigit(stem[0]) ? weight * NumberWeight : weight;
    }

    /// <summary>Share of <paramref name="a"/>'s weight found in <paramref name="b"/> (1 when a has no content words).</summary>
    public double Coverage(SentenceProfile a, IReadOnlySet<string> b)
    {
        double total = 0, covered = 0;
        foreach (var stem in a.Stems)
        {
            var weight = Weight(stem);
            total += weight;
            covered += weight * Match(stem, b);
        }

        return total == 0 ? 1 : covered / total;
    }

    /// <summary>
    /// <see cref="Coverage"/> of <paramref name="a"/> by the union of two stem sets, without building the union: a stem's
    /// match with the union is the better of its matches with either set.
    /// </summary>
    public double Coverage(SentenceProfile a, IReadOnlySet<string> b, IReadOnlySet<string> c)
    {
        double total = 0, covered = 0;
        foreach (var stem in a.Stems)
        {
            var weight = Weight(stem);
            total += weight;
            var match = Match(stem, b);
            covered += weight * (match == 1 ? 1 : Math.Max(match, Match(stem, c)));
        }

        return total == 0 ? 1 : covered / total;
    }

    /// <summary>The weights of a sentence's stems, in order: computed once per sentence rather than once per comparison.</summary>
    public double[] Weights(SentenceProfile a)
    {
        var weights = new double[a.Stems.Length];
        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] = Weight(a.Stems[i]);
        }

        return weights;
    }

    /// <summary>
    /// <see cref="Coverage"/> of <paramref name="a"/> by <paramref name="b"/> and, from the same matches, the dot product
    /// of <see cref="Cosine"/>: one pass over a's stems gives both (the same values as the two separate calls).
    /// </summary>
    /// <param name="a">The sentence.</param>
    /// <param name="weights">Its stem weights (<see cref="Weights"/>).</param>
    /// <param name="b">The other sentence's stems.</param>
    public (double Coverage, double Dot) CoverageAndDot(SentenceProfile a, double[] weights, IReadOnlySet<string> b)
    {
        double total = 0, covered = 0, dot = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            var weight = weights[i];
            var match = Match(a.Stems[i], b);
            total += weight;
            covered += weight * match;
            dot += weight * weight * match;
        }

        return (total == 0 ? 1 : covered / total, dot);
    }

    /// <summary>Norm of a sentence's IDF-weighted stem vector.</summary>
    public double Norm(SentenceProfile a)
    {
        var sum = 0.0;
        foreach (var stem in a.Stems)
        {
            var weight = Weight(stem);
            sum += weight * weight;
        }

        return Math.Sqrt(sum);
    }

    private double Match(string stem, IReadOnlySet<string> other)
    {
        if (other.Contains(stem))
        {
            return 1;
        }

        if (stem.Length < SoftPrefix - 1 || char.IsDigit(stem[0])
            || !familiesBySpan.TryGetValue(stem.AsSpan(0, SoftPrefix - 1), out var family))
        {
            return 0;
        }

        foreach (var candidate in family)
        {
            if (other.Contains(candidate) && SharesRoot(stem, candidate))
            {
                return SoftMatchCredit;
            }
        }

        return 0;
    }

    /// <summary>Same word family: one is a prefix of the other, or both share their first five letters.</summary>
    private static bool SharesRoot(string a, string b)
    {
        if (b.Length < SoftPrefix - 1 || char.IsDigit(b[0]))
        {
            return false;
        }

        var shorter = a.Length <= b.Length ? a : b;
        var longer = ReferenceEquals(shorter, a) ? b : a;
        if (shorter.Length >= SoftPrefix - 1 && longer.StartsWith(shorter, StringComparison.Ordinal))
        {
            return true;
        }

        return a.Length >= SoftPrefix && b.Length >= SoftPrefix && a.AsSpan(0, SoftPrefix).SequenceEqual(b.AsSpan(0, SoftPrefix));
    }
}

namespace Digest.Core.Coverage;

/// <summary>
/// Paraphrase-tolerant sentence similarity: how much of sentence A's information (IDF-weighted content stems) sentence B
/// also carries. Stems that differ only in their ending ("closer"/"close", "negotiators"/"negotiating") match softly;
/// numbers weigh extra, so a changed figure makes a sentence new rather than repeated.
/// </summary>
/// <remarks>
/// Built once per comparison over every sentence it will see (its "universe"), which it numbers 0…n: the document
/// frequencies, weights and soft-match partners are arrays over those numbers, and a set is compared with by marking
/// its members, so the innermost test of every comparison is an array read. Not thread-safe (one comparison, one thread).
/// </remarks>
internal sealed class SentenceMatcher
{
    private const double SoftMatchCredit = 0.8;
    private const double NumberWeight = 1.5;
    private const int SoftPrefix = StemVocabulary.FamilyPrefix + 1;

    /// <summary>Maps vocabulary ids to this matcher's numbers while it is built; reused by the next matcher on the thread.</summary>
    [ThreadStatic]
    private static Numbering? numbering;

    private readonly StemVocabulary vocabulary;

    /// <summary>The universe's sentences in this matcher's numbers, in the order it was given them.</summary>
    private readonly List<Local> locals = [];

    /// <summary>Vocabulary ids of this matcher's numbers.</summary>
    private readonly List<int> globals = [];

    private readonly double[] weights;

    /// <summary>
    /// Each word family's stems (soft matches come from there only) as a chain: <see cref="familyFirst"/> gives a stem's
    /// first family member (-1: the stem takes no soft match), <see cref="familyNext"/> the next one (-1: the last).
    /// </summary>
    private readonly int[] familyFirst;

    private readonly int[] familyNext;

    /// <summary>Per stem, the stems of its family that share its root, found when first needed.</summary>
    private readonly int[]?[] partners;

    private readonly int[] exactMark;
    private readonly int[] exactPosition;
    private readonly int[] softMark;
    private readonly int[] softHead;

    /// <summary>Chains of the prepared sentence's positions a stem softly credits (<see cref="softHead"/> starts them).</summary>
    private readonly List<(int Position, int Next)> softLinks = [];

    private int[] prepared = [];
    private int preparedMark;
    private double[] preparedMatch = new double[32];
    /// <summary>The set a plain comparison is against: the stems carrying the current <see cref="mark"/>.</summary>
    private readonly int[] member;
    private int mark;

    public SentenceMatcher(IEnumerable<SentenceProfile> all)
    {
        vocabulary = StemVocabulary.Current;
        var scratch = numbering ??= new Numbering();
        var stamp = scratch.Next();
        var frequency = new List<int>();
        var sentences = 0;
        foreach (var profile in all)
        {
            sentences++;
            var numbered = profile.Ids(vocabulary);
            scratch.Fit(vocabulary.Count);
            var local = new Local(Number(numbered.Stems, scratch, stamp, frequency), Number(numbered.Names, scratch, stamp, frequency));
            locals.Add(local);
            foreach (var id in local.Stems)
            {
                frequency[id]++;
            }
        }

        weights = new double[globals.Count];
        partners = new int[]?[globals.Count];
        member = new int[globals.Count];
        exactMark = new int[globals.Count];
        exactPosition = new int[globals.Count];
        softMark = new int[globals.Count];
        softHead = new int[globals.Count];
        familyFirst = new int[globals.Count];
        familyNext = new int[globals.Count];
        scratch.FitFamilies(vocabulary.FamilyCount);
        for (var id = 0; id < globals.Count; id++)
        {
            var global = globals[id];
            var idf = Math.Log((sentences + 1.0) / (frequency[id] + 0.5));
            var weight = Math.Max(0.1, idf);
            weights[id] = char.IsDigit(vocabulary.Text(global)[0]) ? weight * NumberWeight : weight;
            familyNext[id] = -1;
            var family = vocabulary.Family(global);
            if (family < 0)
            {
                familyFirst[id] = -1;
            }
            else if (scratch.FamilyStamps[family] != stamp)
            {
                scratch.FamilyStamps[family] = stamp;
                scratch.FamilyLast[family] = id;
                familyFirst[id] = id;
            }
            else
            {
                var last = scratch.FamilyLast[family];
                familyFirst[id] = familyFirst[last];
                familyNext[last] = id;
                scratch.FamilyLast[family] = id;
            }
        }
    }

    /// <summary>Stems this matcher has numbers for.</summary>
    public int StemCount => globals.Count;

    /// <summary>The stems (in order) and name stems, in this matcher's numbers, of the sentence it was given at <paramref name="position"/>.</summary>
    public Local At(int position) => locals[position];

    public double Weight(int stem) => weights[stem];

    /// <summary>The weights of a sentence's stems, in order: computed once per sentence rather than once per comparison.</summary>
    public double[] Weights(int[] stems)
    {
        var result = new double[stems.Length];
        for (var i = 0; i < result.Length; i++)
        {
            result[i] = weights[stems[i]];
        }

        return result;
    }

    /// <summary>Share of <paramref name="a"/>'s weight found in <paramref name="b"/> (1 when a has no content words).</summary>
    public double Coverage(int[] a, int[] b) => CoverageByAll(a, [b]);

    /// <summary>Coverage of <paramref name="a"/> by everything in <paramref name="sets"/> together.</summary>
    public double CoverageByAll(int[] a, IEnumerable<int[]> sets)
    {
        mark++;
        foreach (var set in sets)
        {
            foreach (var stem in set)
            {
                member[stem] = mark;
            }
        }

        double total = 0, covered = 0;
        foreach (var stem in a)
        {
            var weight = weights[stem];
            total += weight;
            covered += weight * Match(stem);
        }

        return total == 0 ? 1 : covered / total;
    }

    /// <summary>Norm of a sentence's IDF-weighted stem vector.</summary>
    public double Norm(int[] stems)
    {
        var sum = 0.0;
        foreach (var stem in stems)
        {
            var weight = weights[stem];
            sum += weight * weight;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Makes <paramref name="a"/> the sentence the <c>Prepared</c> comparisons score: each of its stems, and each stem
    /// that softly matches one, points back at the positions it credits, so comparing with another set costs one look
    /// per stem of that set rather than a search through word families per stem of this one.
    /// </summary>
    public void Prepare(int[] a)
    {
        prepared = a;
        preparedMark++;
        softLinks.Clear();
        if (preparedMatch.Length < a.Length)
        {
            preparedMatch = new double[a.Length];
        }

        for (var i = 0; i < a.Length; i++)
        {
            exactMark[a[i]] = preparedMark;
            exactPosition[a[i]] = i;
        }

        for (var i = 0; i < a.Length; i++)
        {
            foreach (var partner in Partners(a[i]))
            {
                softLinks.Add((i, softMark[partner] == preparedMark ? softHead[partner] : -1));
                softMark[partner] = preparedMark;
                softHead[partner] = softLinks.Count - 1;
            }
        }
    }

    /// <summary>
    /// <see cref="Coverage(int[], int[])"/> of the <see cref="Prepare">prepared</see> sentence by <paramref name="b"/> and,
    /// from the same matches, the dot product of the weighted stem vectors (each stem's weight squared times its match).
    /// </summary>
    /// <param name="aWeights">The prepared sentence's weights (<see cref="Weights"/>).</param>
    /// <param name="b">The other sentence's (or document's) distinct stems.</param>
    public (double Coverage, double Dot) PreparedCoverageAndDot(double[] aWeights, int[] b)
    {
        Credit(b, reset: true);
        return PreparedSums(aWeights);
    }

    /// <summary>
    /// Coverage of the <see cref="Prepare">prepared</see> sentence by the union of two stem sets, without building the
    /// union: a stem's match with the union is the better of its matches with either set.
    /// </summary>
    public double PreparedCoverage(double[] aWeights, int[] b, int[] c)
    {
        Credit(b, reset: true);
        Credit(c, reset: false);
        return PreparedSums(aWeights).Coverage;
    }

    private void Credit(int[] set, bool reset)
    {
        var match = preparedMatch;
        if (reset)
        {
            Array.Clear(match, 0, prepared.Length);
        }

        foreach (var stem in set)
        {
            if (exactMark[stem] == preparedMark)
            {
                match[exactPosition[stem]] = 1;
            }

            if (softMark[stem] == preparedMark)
            {
                for (var link = softHead[stem]; link >= 0; link = softLinks[link].Next)
                {
                    var position = softLinks[link].Position;
                    if (match[position] < SoftMatchCredit)
                    {
                        match[position] = SoftMatchCredit;
                    }
                }
            }
        }
    }

    /// <summary>Coverage and dot product over the prepared sentence's stems, summed in their order.</summary>
    private (double Coverage, double Dot) PreparedSums(double[] aWeights)
    {
        double total = 0, covered = 0, dot = 0;
        for (var i = 0; i < prepared.Length; i++)
        {
            var weight = aWeights[i];
            var match = preparedMatch[i];
            total += weight;
            covered += weight * match;
            dot += weight * weight * match;
        }

        return (total == 0 ? 1 : covered / total, dot);
    }

    /// <summary>How well the marked set holds <paramref name="stem"/>: 1 as such, the soft credit through a partner, else 0.</summary>
    private double Match(int stem)
    {
        if (member[stem] == mark)
        {
            return 1;
        }

        foreach (var partner in Partners(stem))
        {
            if (member[partner] == mark)
            {
                return SoftMatchCredit;
            }
        }

        return 0;
    }

    private int[] Partners(int stem)
    {
        if (partners[stem] is { } found)
        {
            return found;
        }

        var text = vocabulary.Text(globals[stem]);
        var result = new List<int>();
        for (var member = familyFirst[stem]; member >= 0; member = familyNext[member])
        {
            if (member != stem && SharesRoot(text, vocabulary.Text(globals[member])))
            {
                result.Add(member);
            }
        }

        return partners[stem] = result.ToArray();
    }

    private int[] Number(int[] ids, Numbering scratch, int stamp, List<int> frequency)
    {
        var result = new int[ids.Length];
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            if (scratch.Stamps[id] != stamp)
            {
                scratch.Stamps[id] = stamp;
                scratch.Numbers[id] = globals.Count;
                globals.Add(id);
                frequency.Add(0);
            }

            result[i] = scratch.Numbers[id];
        }

        return result;
    }

    /// <summary>Same word family: one is a prefix of the other, or both share their first five letters.</summary>
    private static bool SharesRoot(string a, string b)
    {
        var shorter = a.Length <= b.Length ? a : b;
        var longer = ReferenceEquals(shorter, a) ? b : a;
        if (shorter.Length >= SoftPrefix - 1 && longer.StartsWith(shorter, StringComparison.Ordinal))
        {
            return true;
        }

        return a.Length >= SoftPrefix && b.Length >= SoftPrefix && a.AsSpan(0, SoftPrefix).SequenceEqual(b.AsSpan(0, SoftPrefix));
    }

    /// <summary>A sentence in this matcher's numbers: its stems in order, and its name stems.</summary>
    internal sealed record Local(int[] Stems, int[] Names);

    /// <summary>Vocabulary-sized scratch: which matcher numbered an id last (its stamp) and as what.</summary>
    private sealed class Numbering
    {
        private int stamp;
        public int[] Stamps { get; private set; } = new int[1024];
        public int[] Numbers { get; private set; } = new int[1024];

        /// <summary>Per word family: which matcher met it last (its stamp) and its last member so far.</summary>
        public int[] FamilyStamps { get; private set; } = new int[1024];

        public int[] FamilyLast { get; private set; } = new int[1024];

        public int Next()
        {
            if (stamp == int.MaxValue)
            {
                Array.Clear(Stamps);
                Array.Clear(FamilyStamps);
                stamp = 0;
            }

            return ++stamp;
        }

        public void Fit(int count)
        {
            var (stamps, numbers) = (Stamps, Numbers);
            Grow(ref stamps, ref numbers, count);
            (Stamps, Numbers) = (stamps, numbers);
        }

        public void FitFamilies(int count)
        {
            var (stamps, last) = (FamilyStamps, FamilyLast);
            Grow(ref stamps, ref last, count);
            (FamilyStamps, FamilyLast) = (stamps, last);
        }

        /// <summary>Makes two parallel arrays hold at least <paramref name="count"/> entries, doubling so growth stays rare.</summary>
        private static void Grow(ref int[] first, ref int[] second, int count)
        {
            if (count > first.Length)
            {
                var size = Math.Max(count, first.Length * 2);
                Array.Resize(ref first, size);
                Array.Resize(ref second, size);
            }
        }
    }
}

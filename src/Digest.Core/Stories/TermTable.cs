namespace Digest.Core.Stories;

/// <summary>
/// The clustering's vocabulary: one <see cref="Term"/> object per distinct term, holding its document frequency (for
/// IDF) and the active stories whose centroid holds it. Centroids and postings refer to these objects rather than to
/// strings, so the innermost loop of scoring (every centroid term of every candidate story) reads fields instead of
/// hashing strings.
/// <para>
/// Bounded like a plain frequency table: beyond <c>maxTerms</c> counted terms the rarest are forgotten (they matter
/// least to clustering); a term leaves the table once it is neither counted nor held by a story.
/// </para>
/// </summary>
internal sealed class TermTable
{
    /// <summary>Natural logarithms of small counts, precomputed: IDF is the innermost operation of scoring.</summary>
    private static readonly double[] SmallLogs = Enumerable.Range(0, 1 << 16).Select(i => Math.Log(i)).ToArray();

    private readonly Dictionary<string, Term> terms = new(StringComparer.Ordinal);
    private readonly int maxTerms;

    /// <summary>The hash code the next new term gets (see <see cref="Term.GetHashCode"/>).</summary>
    private int nextHash;

    /// <summary>Terms with a document frequency above zero (what the bound applies to).</summary>
    private int counted;

    public TermTable(int maxTerms, long documents = 0, IReadOnlyDictionary<string, int>? counts = null)
    {
        this.maxTerms = Math.Max(1000, maxTerms);
        Documents = documents;
        foreach (var (text, count) in counts ?? new Dictionary<string, int>())
        {
            if (count > 0)
            {
                Intern(text).Count = count;
                counted++;
            }
        }
    }

    /// <summary>Articles counted.</summary>
    public long Documents
    {
        get => documents;
        private set
        {
            documents = value;
            // Every IDF needs it, and past the precomputed logarithms (65,536 articles) it would be a Math.Log each time.
            logDocumentsPlusOne = Log(value + 1);
        }
    }

    private long documents;
    private double logDocumentsPlusOne;

    /// <summary>Term → document frequency, the counted terms only.</summary>
    public IEnumerable<KeyValuePair<string, int>> Counts
        => terms.Values.Where(t => t.Count > 0).Select(t => KeyValuePair.Create(t.Text, t.Count));

    /// <summary>Counts one article's distinct terms.</summary>
    public void Add(IEnumerable<string> documentTerms)
    {
        ArgumentNullException.ThrowIfNull(documentTerms);
        Documents++;
        foreach (var text in documentTerms)
        {
            Count(Intern(text));
        }

        PruneIfFull();
    }

    /// <summary>
    /// Counts one article's distinct terms and returns their objects, in the order given: the clusterer weighs and joins
    /// the same terms next, and this table is large enough that each string lookup in it is a cache miss. A term the
    /// bound forgot at once is <see cref="Term.Removed"/> (<see cref="Find"/> would no longer give it).
    /// </summary>
    public Term[] AddAndIntern<T>(IReadOnlyDictionary<string, T> documentTerms)
    {
        ArgumentNullException.ThrowIfNull(documentTerms);
        Documents++;
        var interned = new Term[documentTerms.Count];
        var i = 0;
        foreach (var text in documentTerms.Keys)
        {
            Count(interned[i++] = Intern(text));
        }

        PruneIfFull();
        return interned;
    }

    private void Count(Term term)
    {
        if (term.Count++ == 0)
        {
            counted++;
        }
    }

    private void PruneIfFull()
    {
        if (counted > maxTerms)
        {
            Prune();
        }
    }

    /// <summary>The term's object, created (uncounted, in no story) when new.</summary>
    public Term Intern(string text)
    {
        if (!terms.TryGetValue(text, out var term))
        {
            terms[text] = term = new Term(text, nextHash++);
        }

        return term;
    }

    /// <summary>The term's object when the table knows it.</summary>
    public Term? Find(string text) => terms.GetValueOrDefault(text);

    /// <summary>Smoothed inverse document frequency: never zero, highest for unseen terms.</summary>
    public double Idf(Term term) => Idf(term.Count);

    /// <summary>The IDF of a term the table does not hold (never counted, or forgotten).</summary>
    public double UnseenIdf => Idf(0);

    /// <summary>Counts the histogram of <see cref="Prune"/> tells apart; higher counts share its last bucket.</summary>
    private const int MaxHistogramCount = 256;

    private void Forget(Term term)
    {
        term.Count = 0;
        counted--;
        Release(term);
    }

    /// <summary>Drops a term that no story holds any more, unless it is still counted.</summary>
    public void Release(Term term)
    {
        if (term.Count == 0 && !term.InSomeStory)
        {
            terms.Remove(term.Text);
            term.Removed = true;
        }
    }

    private double Idf(int count) => logDocumentsPlusOne - Log(count + 1L) + 1.0;

    private static double Log(long value) => value < SmallLogs.Length ? SmallLogs[value] : Math.Log(value);

    private void Prune()
    {
        // Raise the cut-off until at most 80% of the cap remains, so pruning runs rarely (amortised constant cost).
        var target = maxTerms * 8 / 10;

        // The cut-off from a histogram of the counts (one pass), rather than one pass over the table per cut-off tried:
        // where most terms recur a few times (figures, names) the cut-off climbs several steps each time.
        var histogram = new int[MaxHistogramCount + 2];
        foreach (var term in terms.Values)
        {
            if (term.Count > 0)
            {
                histogram[Math.Min(term.Count, MaxHistogramCount + 1)]++;
            }
        }

        var cutoff = 0;
        for (var remaining = counted; remaining > target && cutoff <= MaxHistogramCount;)
        {
            remaining -= histogram[++cutoff];
        }

        // Forgotten rarest first, as the cut-off rose; terms above the histogram's range keep the old step by step way.
        var rare = terms.Values.Where(t => t.Count > 0 && t.Count <= cutoff).OrderBy(t => t.Count).ToList();
        foreach (var term in rare)
        {
            Forget(term);
        }

        for (cutoff++; counted > target; cutoff++)
        {
            foreach (var term in terms.Values.Where(t => t.Count > 0 && t.Count <= cutoff).ToList())
            {
                Forget(term);
            }
        }
    }
}

/// <summary>One distinct term of <see cref="TermTable"/>; compared by reference.</summary>
/// <param name="text">The term.</param>
/// <param name="hash">A number the table gives each term it creates.</param>
internal sealed class Term(string text, int hash)
{
    public string Text { get; } = text;

    /// <summary>
    /// The table's number for the term rather than the object's identity hash: centroids are keyed by terms and a new
    /// term would otherwise have its identity hash made and stored in its header on first use, on every article's join.
    /// Equality stays by reference, and dictionaries enumerate in insertion order whatever the hashes are.
    /// </summary>
    public override int GetHashCode() => hash;

    /// <summary>Articles containing it (0: never counted, or forgotten by the bound).</summary>
    public int Count { get; set; }

    /// <summary>True once the table dropped it: a later <see cref="TermTable.Intern"/> of its text makes a new term.</summary>
    public bool Removed { get; set; }

    /// <summary>
    /// Active stories whose centroid holds it: the clustering's postings. Made when a story first takes the term and
    /// dropped when the last one lets it go: most counted terms are in no centroid, and tens of thousands of empty sets
    /// were a good part of the heap every collection walks.
    /// </summary>
    public HashSet<StoryClusterer.ActiveStory>? Stories { get; private set; }

    /// <summary>Scratch of one join: the term entered the story's centroid and is not in its postings yet.</summary>
    public bool IndexPending { get; set; }

    /// <summary>Whether some active story's centroid holds it.</summary>
    public bool InSomeStory => Stories is { Count: > 0 };

    public void AddStory(StoryClusterer.ActiveStory story) => (Stories ??= []).Add(story);

    /// <returns>True when the story held it.</returns>
    public bool RemoveStory(StoryClusterer.ActiveStory story)
    {
        if (Stories is not { } stories || !stories.Remove(story))
        {
            return false;
        }

        if (stories.Count == 0)
        {
            Stories = null;
        }

        return true;
    }

    /// <summary>Scratch of one lookup: the article's whole and lead weights, valid when stamped with that lookup.</summary>
    public double Whole { get; set; }

    public double Lead { get; set; }

    public long LookupStamp { get; set; }

}

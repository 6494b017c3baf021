namespace Digest.Core.Stories;

/// <summary>
/// Incremental document frequencies for IDF. Bounded: beyond <c>maxTerms</c> the rarest terms are forgotten (they are
/// the ones that matter least to clustering), so the table does not grow with the archive.
/// </summary>
public sealed class DocumentFrequencies
{
    private readonly Dictionary<string, int> counts;
    private readonly int maxTerms;

    public DocumentFrequencies(int maxTerms, long documents = 0, IReadOnlyDictionary<string, int>? counts = null)
    {
        this.maxTerms = Math.Max(1000, maxTerms);
        Documents = documents;
        this.counts = counts is null ? new(StringComparer.Ordinal) : new(counts, StringComparer.Ordinal);
    }

    public long Documents { get; private set; }

    public IReadOnlyDictionary<string, int> Counts => counts;

    public void Add(IEnumerable<string> documentTerms)
    {
        ArgumentNullException.ThrowIfNull(documentTerms);
        Documents++;
        foreach (var term in documentTerms)
        {
            counts[term] = counts.GetValueOrDefault(term) + 1;
        }

        if (counts.Count > maxTerms)
        {
            Prune();
        }
    }

    /// <summary>Smoothed inverse document frequency: never zero, highest for unseen terms.</summary>
    public double Idf(string term) => Log(Documents + 1) - Log(counts.GetValueOrDefault(term) + 1L) + 1.0;

    /// <summary>Natural logarithms of small counts, precomputed: IDF is the innermost operation of scoring.</summary>
    private static readonly double[] SmallLogs = Enumerable.Range(0, 1 << 16).Select(i => Math.Log(i)).ToArray();

    private static double Log(long value) => value < SmallLogs.Length ? SmallLogs[value] : Math.Log(value);

    private void Prune()
    {
        // Raise the cut-off until at most 80% of the cap remains, so pruning runs rarely (amortised constant cost).
        var target = maxTerms * 8 / 10;
        for (var cutoff = 1; counts.Count > target; cutoff++)
        {
            var rare = counts.Where(pair => pair.Value <= cutoff).Select(pair => pair.Key).ToList();
            foreach (var term in rare)
            {
                counts.Remove(term);
            }
        }
    }
}

using Digest.Core.Coverage;
using Digest.Core.Text;

namespace Digest.Core.Summaries;

/// <summary>
/// Extractive summaries: sentences scored by LexRank centrality over a TF-IDF cosine graph, position in their article
/// and overlap with the headlines, then picked by maximal marginal relevance so no two say the same thing, within a
/// word budget that is never exceeded. Every chosen sentence keeps its article and outlet. Pure and deterministic.
/// </summary>
public sealed class Summarizer(SummaryOptions? options = null, CoverageDiffer? differ = null) : ISummarizer
{
    private const double LinkThreshold = 0.1;
    private const double Damping = 0.15;
    private const int Iterations = 40;

    private readonly SummaryOptions options = options ?? new SummaryOptions();
    private readonly CoverageDiffer differ = differ ?? new CoverageDiffer();

    public IReadOnlyList<string> SummarizeArticle(CoverageDocument article, int maxSentences = 3)
    {
        ArgumentNullException.ThrowIfNull(article);
        var candidates = Candidates([article], keep: null);
        Rank(candidates, [article.Title]);
        return Select(candidates, int.MaxValue, Math.Max(1, maxSentences))
            .OrderBy(c => c.Position)
            .Select(c => c.Text)
            .ToList();
    }

    public IReadOnlyList<AttributedSentence> SummarizeStory(IReadOnlyList<CoverageDocument> articles, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return Chronological(SelectForStory(articles, maxWords, keep: null)).Select(Attribute).ToList();
    }

    public IReadOnlyList<AttributedSentence> SummarizeNew(IReadOnlyList<CoverageDocument> recent,
        IReadOnlyList<CoverageDocument> earlier, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(recent);
        ArgumentNullException.ThrowIfNull(earlier);
        var newSentences = new HashSet<string>(StringComparer.Ordinal);
        var seen = new List<CoverageDocument>(earlier);
        foreach (var article in Ordered(recent))
        {
            var labels = differ.LabelSentences(SentenceSplitter.Split(article.Text), seen);
            newSentences.UnionWith(labels.Where(l => l.IsNew).Select(l => article.Id + "\u0000" + l.Sentence));
            seen.Add(article);
        }

        return Chronological(SelectForStory(recent, maxWords, c => newSentences.Contains(c.ArticleId + "\u0000" + c.Text)))
            .Select(Attribute)
            .ToList();
    }

    /// <summary>
    /// The story summary as plain text within <paramref name="maxWords"/>: whole sentences first; if they leave a useful
    /// number of words unused, the next best sentence is cut to the words left, so the budget is filled but never exceeded.
    /// </summary>
    public string SummarizeStoryText(IReadOnlyList<CoverageDocument> articles, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(articles);
        if (maxWords <= 0)
        {
            return string.Empty;
        }

        var ordered = Ordered(articles);
        var candidates = Candidates(ordered, keep: null);
        Rank(candidates, ordered.Select(a => a.Title).ToList());
        var chosen = Select(candidates, maxWords, int.MaxValue);
        var used = chosen.Sum(c => c.Words);
        var remaining = maxWords - used;
        var parts = Chronological(chosen).Select(c => c.Text).ToList();
        if (remaining >= options.MinWordsWorthTruncating || chosen.Count == 0)
        {
            var next = NextNonRedundant(candidates, chosen);
            if (next is not null && remaining > 0)
            {
                parts.Add(string.Join(' ', next.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(remaining)));
            }
        }

        return string.Join(' ', parts);
    }

    private List<SentenceCandidate> SelectForStory(IReadOnlyList<CoverageDocument> articles, int maxWords, Func<SentenceCandidate, bool>? keep)
    {
        var ordered = Ordered(articles);
        var candidates = Candidates(ordered, keep);
        Rank(candidates, ordered.Select(a => a.Title).ToList());
        return Select(candidates, maxWords, int.MaxValue);
    }

    private static List<CoverageDocument> Ordered(IReadOnlyList<CoverageDocument> articles)
        => articles.Select((a, i) => (a, i)).OrderBy(p => p.a.Published ?? DateTimeOffset.MaxValue).ThenBy(p => p.i).Select(p => p.a).ToList();

    private static IEnumerable<SentenceCandidate> Chronological(IEnumerable<SentenceCandidate> chosen)
        => chosen.OrderBy(c => c.ArticleOrder).ThenBy(c => c.Position);

    private static AttributedSentence Attribute(SentenceCandidate c) => new(c.Text, c.ArticleId, c.Outlet);

    private List<SentenceCandidate> Candidates(List<CoverageDocument> articles, Func<SentenceCandidate, bool>? keep)
    {
        var perArticle = Math.Max(5, options.MaxCandidates / Math.Max(1, articles.Count));
        var candidates = new List<SentenceCandidate>();
        for (var a = 0; a < articles.Count && candidates.Count < options.MaxCandidates; a++)
        {
            var sentences = SentenceSplitter.Split(articles[a].Text);
            var taken = 0;
            for (var p = 0; p < sentences.Count && taken < perArticle; p++)
            {
                var words = Tokenizer.CountWords(sentences[p]);
                if (words < options.MinSentenceWords || words > options.MaxSentenceWords || !StandaloneSentence.ReadsAlone(sentences[p]))
                {
                    continue;
                }

                var candidate = new SentenceCandidate(sentences[p], articles[a].Id, articles[a].Outlet, a, p, words);
                if (keep is null || keep(candidate))
                {
                    candidates.Add(candidate);
                    taken++;
                }
            }
        }

        return candidates;
    }

    /// <summary>Scores candidates: LexRank centrality, lead position and headline overlap.</summary>
    private void Rank(List<SentenceCandidate> candidates, IReadOnlyList<string> titles)
    {
        if (candidates.Count == 0)
        {
            return;
        }

        var stems = candidates.Select(c => ContentWords.Stems(c.Text)).ToList();
        var df = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var distinct in stems.Select(s => s.Distinct(StringComparer.Ordinal)))
        {
            foreach (var stem in distinct)
            {
                df[stem] = df.GetValueOrDefault(stem) + 1;
            }
        }

        double Idf(string stem) => Math.Log((candidates.Count + 1.0) / (df.GetValueOrDefault(stem) + 0.5)) + 1;
        for (var i = 0; i < candidates.Count; i++)
        {
            candidates[i].Vector = Vectorize(stems[i], Idf);
            candidates[i].Norm = Math.Sqrt(candidates[i].Vector.Values.Sum(v => v * v));
        }

        var centrality = LexRank(candidates);
        var titleVector = Vectorize(titles.SelectMany(t => ContentWords.Stems(t)).ToList(), Idf);
        var titleNorm = Math.Sqrt(titleVector.Values.Sum(v => v * v));
        for (var i = 0; i < candidates.Count; i++)
        {
            var position = 1.0 / (1 + candidates[i].Position);
            var title = titleNorm == 0 ? 0 : Dot(candidates[i].Vector, titleVector) / Math.Max(1e-9, candidates[i].Norm * titleNorm);
            candidates[i].Score = (options.CentralityWeight * centrality[i]) + (options.PositionWeight * position) + (options.TitleWeight * title);
        }
    }

    private static Dictionary<string, double> Vectorize(List<string> stems, Func<string, double> idf)
    {
        var vector = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var stem in stems)
        {
            vector[stem] = vector.GetValueOrDefault(stem) + 1;
        }

        foreach (var stem in vector.Keys.ToList())
        {
            vector[stem] = (1 + Math.Log(vector[stem])) * idf(stem);
        }

        return vector;
    }

    /// <summary>Continuous LexRank (power iteration), normalized so the most central sentence scores 1.</summary>
    private static double[] LexRank(List<SentenceCandidate> candidates)
    {
        var n = candidates.Count;
        var links = new List<(int To, double Weight)>[n];
        for (var i = 0; i < n; i++)
        {
            links[i] = [];
        }

        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var similarity = Cosine(candidates[i], candidates[j]);
                if (similarity > LinkThreshold)
                {
                    links[i].Add((j, similarity));
                    links[j].Add((i, similarity));
                }
            }
        }

        var rank = Enumerable.Repeat(1.0 / n, n).ToArray();
        for (var iteration = 0; iteration < Iterations; iteration++)
        {
            var next = Enumerable.Repeat(Damping / n, n).ToArray();
            for (var i = 0; i < n; i++)
            {
                var total = links[i].Sum(l => l.Weight);
                if (total == 0)
                {
                    // A sentence linked to nothing spreads its rank evenly, keeping the chain stochastic.
                    for (var j = 0; j < n; j++)
                    {
                        next[j] += (1 - Damping) * rank[i] / n;
                    }

                    continue;
                }

                foreach (var (to, weight) in links[i])
                {
                    next[to] += (1 - Damping) * rank[i] * weight / total;
                }
            }

            rank = next;
        }

        var max = rank.Max();
        return rank.Select(r => max == 0 ? 0 : r / max).ToArray();
    }

    /// <summary>MMR selection within the word budget; whole sentences only.</summary>
    private List<SentenceCandidate> Select(List<SentenceCandidate> candidates, int maxWords, int maxSentences)
    {
        var chosen = new List<SentenceCandidate>();
        var remaining = maxWords;
        var pool = candidates.ToList();
        while (pool.Count > 0 && chosen.Count < maxSentences && remaining > 0)
        {
            SentenceCandidate? best = null;
            var bestValue = double.NegativeInfinity;
            foreach (var candidate in pool)
            {
                if (candidate.Words > remaining)
                {
                    continue;
                }

                var redundancy = chosen.Count == 0 ? 0 : chosen.Max(c => Cosine(c, candidate));
                if (redundancy >= options.RedundancyThreshold)
                {
                    continue;
                }

                // Spread the summary over the outlets: each sentence already taken from the same article costs a little,
                // so a second outlet's strong sentence beats a third from one long live blog.
                var sameArticle = chosen.Count(c => c.ArticleId == candidate.ArticleId);
                var value = (options.Lambda * candidate.Score) - ((1 - options.Lambda) * redundancy) - (options.SameArticlePenalty * sameArticle);
                if (value > bestValue)
                {
                    best = candidate;
                    bestValue = value;
                }
            }

            if (best is null)
            {
                break;
            }

            chosen.Add(best);
            pool.Remove(best);
            remaining -= best.Words;
        }

        return chosen;
    }

    private SentenceCandidate? NextNonRedundant(List<SentenceCandidate> candidates, List<SentenceCandidate> chosen)
        => candidates
            .Where(c => !chosen.Contains(c) && (chosen.Count == 0 || chosen.Max(s => Cosine(s, c)) < options.RedundancyThreshold))
            .OrderByDescending(c => c.Score)
            .FirstOrDefault();

    private static double Cosine(SentenceCandidate a, SentenceCandidate b)
        => a.Norm == 0 || b.Norm == 0 ? 0 : Dot(a.Vector, b.Vector) / (a.Norm * b.Norm);

    private static double Dot(Dictionary<string, double> a, Dictionary<string, double> b)
    {
        var (small, large) = a.Count <= b.Count ? (a, b) : (b, a);
        var dot = 0.0;
        foreach (var (term, weight) in small)
        {
            if (large.TryGetValue(term, out var other))
            {
                dot += weight * other;
            }
        }

        return dot;
    }
}

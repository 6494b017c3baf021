using Digest.Core.Coverage;
using Digest.Core.Text;

namespace Digest.Core.Summaries;

/// <summary>
/// Extractive summaries: sentences scored by closeness to the story's centroid (TF-IDF over stems), position in their
/// article and, when the coverage spans several days, by how recent their day is and whether they tell how the story began;
/// then picked by maximal marginal relevance so no two say the same thing, within a word budget that is never exceeded.
/// The headlines of coverage of one day are candidates too when they read as plain statements (at most one per summary).
/// Every chosen
/// sentence keeps its article and outlet. Pure and deterministic.
/// </summary>
public sealed class Summarizer(SummaryOptions? options = null, CoverageDiffer? differ = null) : ISummarizer
{
    private readonly SummaryOptions options = options ?? new SummaryOptions();
    private readonly CoverageDiffer differ = differ ?? new CoverageDiffer();

    public IReadOnlyList<string> SummarizeArticle(CoverageDocument article, int maxSentences = 3)
    {
        ArgumentNullException.ThrowIfNull(article);
        var candidates = Candidates([article], keep: null, headlines: false);
        Rank(candidates, [article.Title]);
        return Select(candidates, int.MaxValue, Math.Max(1, maxSentences), out _)
            .OrderBy(c => c.Position)
            .Select(c => c.Text)
            .ToList();
    }

    public IReadOnlyList<AttributedSentence> SummarizeStory(IReadOnlyList<CoverageDocument> articles, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(articles);
        return Chronological(SelectForStory(articles, maxWords, keep: null, headlines: true, out _)).Select(Attribute).ToList();
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

        // Headlines are not labelled against earlier coverage, so "what's new" keeps to labelled sentences.
        return Chronological(SelectForStory(recent, maxWords, c => newSentences.Contains(c.ArticleId + "\u0000" + c.Text), headlines: false, out _))
            .Select(Attribute)
            .ToList();
    }

    /// <summary>
    /// The story summary as plain text within <paramref name="maxWords"/>: exactly the sentences of
    /// <see cref="SummarizeStory"/>; if they leave a useful number of words unused, the sentence that would have come next
    /// (the best one that did not fit) is cut to the words left, so the budget is filled but never exceeded.
    /// </summary>
    public string SummarizeStoryText(IReadOnlyList<CoverageDocument> articles, int maxWords)
    {
        ArgumentNullException.ThrowIfNull(articles);
        if (maxWords <= 0)
        {
            return string.Empty;
        }

        var chosen = SelectForStory(articles, maxWords, keep: null, headlines: true, out var overflow);
        var used = chosen.Sum(c => c.Words);
        var limit = chosen.Count == 0 ? maxWords : Math.Min(maxWords, ProportionateWords(Ordered(articles), maxWords));
        var remaining = Math.Max(limit, used) - used;
        var parts = Chronological(chosen).Select(c => c.Text).ToList();
        if (overflow is not null && remaining > 0 && (remaining >= options.MinWordsWorthTruncating || chosen.Count == 0))
        {
            parts.Add(string.Join(' ', overflow.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Take(remaining)));
        }

        return string.Join(' ', parts);
    }

    private List<SentenceCandidate> SelectForStory(IReadOnlyList<CoverageDocument> articles, int maxWords,
        Func<SentenceCandidate, bool>? keep, bool headlines, out SentenceCandidate? overflow)
    {
        var ordered = Ordered(articles);
        // A headline speaks for one moment: it may stand for coverage of one day, not for a story told over several.
        var candidates = Candidates(ordered, keep, headlines && options.HeadlinesAsSentences && DaysOf(ordered).Count < 2);
        MarkDays(candidates, ordered);
        Rank(candidates, ordered.Select(a => a.Title).ToList());
        return Select(candidates, Math.Min(maxWords, ProportionateWords(ordered, maxWords)), int.MaxValue, out overflow, firstMaxWords: maxWords);
    }

    /// <summary>
    /// A summary is shorter than what it summarizes: a story of a few short items gets at most
    /// <see cref="SummaryOptions.MaxShareOfStoryWords"/> of their words, not the whole budget (the first sentence may still use it).
    /// </summary>
    private int ProportionateWords(List<CoverageDocument> articles, int maxWords)
    {
        long words = 0;
        foreach (var article in articles)
        {
            words += Tokenizer.CountWords(article.Text);
            if (words * options.MaxShareOfStoryWords >= maxWords)
            {
                return maxWords;
            }
        }

        return (int)Math.Floor(words * options.MaxShareOfStoryWords);
    }

    private static List<CoverageDocument> Ordered(IReadOnlyList<CoverageDocument> articles)
        => articles.Select((a, i) => (a, i)).OrderBy(p => p.a.Published ?? DateTimeOffset.MaxValue).ThenBy(p => p.i).Select(p => p.a).ToList();

    private static IEnumerable<SentenceCandidate> Chronological(IEnumerable<SentenceCandidate> chosen)
        => chosen.OrderBy(c => c.ArticleOrder).ThenBy(c => c.Position);

    private static AttributedSentence Attribute(SentenceCandidate c) => new(c.Text, c.ArticleId, c.Outlet);

    private List<SentenceCandidate> Candidates(List<CoverageDocument> articles, Func<SentenceCandidate, bool>? keep, bool headlines)
    {
        var perArticle = Math.Max(5, options.MaxCandidates / Math.Max(1, articles.Count));
        var candidates = new List<SentenceCandidate>();
        for (var a = 0; a < articles.Count && candidates.Count < options.MaxCandidates; a++)
        {
            if (headlines && StandaloneSentence.HeadlineAsSentence(articles[a].Title) is { } headline)
            {
                var headlineWords = Tokenizer.CountWords(headline);
                if (headlineWords >= options.MinHeadlineWords && headlineWords <= options.MaxSentenceWords)
                {
                    candidates.Add(new SentenceCandidate(headline, articles[a].Id, articles[a].Outlet, a, -1, headlineWords));
                }
            }

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

    /// <summary>
    /// Coverage spread over several days is a developing story: its summary is the story so far, so the latest day's
    /// sentences count most (1, then 1/2 for the day before, 1/3 …, by distinct day) and the first day's tell how it began.
    /// Coverage of a single day, or undated, gets neither signal.
    /// </summary>
    private static void MarkDays(List<SentenceCandidate> candidates, List<CoverageDocument> articles)
    {
        var dayOfArticle = articles.Select(DayOf).ToList();
        var days = DaysOf(articles);
        if (days.Count < 2)
        {
            return;
        }

        var rank = days.Select((d, i) => (d, i)).ToDictionary(p => p.d, p => p.i);
        foreach (var candidate in candidates)
        {
            if (dayOfArticle[candidate.ArticleOrder] is { } day)
            {
                candidate.Recency = 1.0 / (1 + rank[day]);
                candidate.FromFirstDay = day == days[^1];
            }
        }
    }

    private static DateOnly? DayOf(CoverageDocument article)
        => article.Published is { } published ? DateOnly.FromDateTime(published.UtcDateTime) : null;

    /// <summary>The distinct days of the dated articles, latest first.</summary>
    private static List<DateOnly> DaysOf(List<CoverageDocument> articles)
        => articles.Select(DayOf).OfType<DateOnly>().Distinct().OrderByDescending(d => d).ToList();

    /// <summary>Scores candidates: centrality, lead position, headline overlap and, for coverage over days, recency and origin.</summary>
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

        // The centroid: the sum of the unit sentence vectors, so every sentence has one vote whatever its length.
        var centroid = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var candidate in candidates.Where(c => c.Norm > 0))
        {
            foreach (var (stem, weight) in candidate.Vector)
            {
                centroid[stem] = centroid.GetValueOrDefault(stem) + (weight / candidate.Norm);
            }
        }

        var centroidNorm = Math.Sqrt(centroid.Values.Sum(v => v * v));
        var titleVector = Vectorize(titles.SelectMany(t => ContentWords.Stems(t)).ToList(), Idf);
        var titleNorm = Math.Sqrt(titleVector.Values.Sum(v => v * v));
        foreach (var candidate in candidates)
        {
            var centrality = centroidNorm == 0 || candidate.Norm == 0 ? 0 : Dot(candidate.Vector, centroid) / (candidate.Norm * centroidNorm);
            var position = 1.0 / (1 + Math.Max(0, candidate.Position));
            var title = options.TitleWeight == 0 || titleNorm == 0 || candidate.Norm == 0
                ? 0
                : Dot(candidate.Vector, titleVector) / (candidate.Norm * titleNorm);
            candidate.Score = (options.CentralityWeight * centrality) + (options.PositionWeight * position) + (options.TitleWeight * title)
                + (options.RecencyWeight * candidate.Recency) + (candidate.FromFirstDay ? options.FirstDayWeight : 0);
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

    /// <summary>
    /// MMR selection within the word budget; whole sentences only. Sentences are taken best first until the best one left
    /// does not fit: that one is the <paramref name="overflow"/>, and the summary stops there rather than reach for weaker
    /// short sentences just because they fit (unless nothing was taken yet).
    /// </summary>
    private List<SentenceCandidate> Select(List<SentenceCandidate> candidates, int maxWords, int maxSentences, out SentenceCandidate? overflow,
        int? firstMaxWords = null)
    {
        overflow = null;
        var chosen = new List<SentenceCandidate>();
        var used = 0;
        var pool = candidates.ToList();
        while (pool.Count > 0 && chosen.Count < maxSentences)
        {
            // The first sentence may use the whole budget even where a smaller limit holds for the summary: a story of one
            // short item still gets its best sentence.
            var remaining = (chosen.Count == 0 ? Math.Max(maxWords, firstMaxWords ?? maxWords) : maxWords) - used;
            if (remaining <= 0)
            {
                break;
            }

            SentenceCandidate? best = null;
            var bestValue = double.NegativeInfinity;
            var headlineTaken = chosen.Any(c => c.IsHeadline);
            foreach (var candidate in pool)
            {
                if (candidate.IsHeadline && headlineTaken)
                {
                    continue;
                }

                var redundancy = chosen.Count == 0 ? 0 : chosen.Max(c => Cosine(c, candidate));
                if (redundancy >= options.RedundancyThreshold)
                {
                    continue;
                }

                // Spread the summary over the outlets: each sentence already taken from the same article may cost a little,
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

            if (best.Words > remaining)
            {
                overflow ??= best;
                if (chosen.Count > 0)
                {
                    break;
                }

                pool.Remove(best);
                continue;
            }

            chosen.Add(best);
            pool.Remove(best);
            used += best.Words;
        }

        return chosen;
    }

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

using Digest.Core.Text;

namespace Digest.Core.Coverage;

/// <summary>
/// Sentence alignment of an article against earlier coverage of its story: each sentence is repeated when some earlier
/// sentence (or two earlier sentences of one article together) carries most of its IDF-weighted content, with soft
/// matching of word families; otherwise it is new. Also reports quotes with their speakers, changed numbers and names
/// earlier coverage did not mention. Pure and deterministic.
/// </summary>
public sealed class CoverageDiffer(CoverageOptions? options = null) : ICoverageDiffer
{
    /// <summary>The union of the best two sentences of one earlier article counts slightly less than a single match.</summary>
    private const double UnionDiscount = 0.9;


    /// <summary>Best-covering earlier sentences whose cosine is computed.</summary>
    private const int MaxCosineCandidates = 50;

    private readonly CoverageOptions options = options ?? new CoverageOptions();

    public NoveltyReport Diff(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier)
    {
        ArgumentNullException.ThrowIfNull(article);
        ArgumentNullException.ThrowIfNull(earlier);
        var sentences = SentenceSplitter.Split(article.Text);
        var labels = LabelSentences(sentences, earlier);
        return new NoveltyReport
        {
            New = labels.Where(l => l.IsNew).Select(l => l.Sentence).ToList(),
            Repeated = labels.Where(l => !l.IsNew).Select(l => new RepeatedSentence(l.Sentence, l.SeenIn)).ToList(),
            Quotes = DiffQuotes(article, earlier),
            Updates = NumberUpdateFinder.Find(sentences, earlier),
            NewEntities = NewEntities(article, earlier),
        };
    }

    /// <summary>Labels the given sentences (in order, one result each) against the earlier articles of the story.</summary>
    public IReadOnlyList<SentenceNovelty> LabelSentences(IReadOnlyList<string> sentences, IReadOnlyList<CoverageDocument> earlier)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(earlier);
        var earlierProfiles = EarlierProfiles(earlier);
        var ownProfiles = sentences.Select(s => new SentenceProfile(s, -1)).ToList();
        var matcher = new SentenceMatcher(earlierProfiles.Concat(ownProfiles));
        var postings = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < earlierProfiles.Count; i++)
        {
            foreach (var stem in earlierProfiles[i].Stems)
            {
                if (!postings.TryGetValue(stem, out var list))
                {
                    postings[stem] = list = [];
                }

                list.Add(i);
            }
        }

        var vocabulary = new HashSet<string>(postings.Keys, StringComparer.Ordinal);
        var norms = earlierProfiles.Select(matcher.Norm).ToArray();
        return ownProfiles.Select(p => Label(p, earlierProfiles, postings, matcher, earlier, vocabulary, norms)).ToList();
    }

    private SentenceNovelty Label(SentenceProfile sentence, List<SentenceProfile> earlierProfiles,
        Dictionary<string, List<int>> postings, SentenceMatcher matcher, IReadOnlyList<CoverageDocument> earlier,
        HashSet<string> vocabulary, double[] norms)
    {
        if (earlierProfiles.Count == 0)
        {
            return new SentenceNovelty(sentence.Text, IsNew: true, Similarity: 0, []);
        }

        // Only earlier sentences sharing a stem (or a word family, checked by the matcher) can cover this one.
        var candidates = new SortedSet<int>();
        foreach (var stem in sentence.Stems)
        {
            if (postings.TryGetValue(stem, out var list))
            {
                candidates.UnionWith(list);
            }
        }

        var scored = candidates
            .Select(i => (Index: i, Score: matcher.Coverage(sentence, earlierProfiles[i].StemSet)))
            .OrderByDescending(s => s.Score)
            .ThenBy(s => s.Index)
            .ToList();
        if (sentence.Stems.Length == 0)
        {
            // "He said so.": no content words, so nothing new — and no earlier article to credit either.
            return new SentenceNovelty(sentence.Text, IsNew: false, Similarity: 1, []);
        }

        if (scored.Count == 0)
        {
            return new SentenceNovelty(sentence.Text, IsNew: true, Similarity: 0, []);
        }

        // Three views of "already said", averaged: how much of the sentence one earlier sentence (or two of one article)
        // carries; how close the best earlier sentence is as a whole (cosine: a long sentence that merely contains this
        // one's words is a weaker match); and how much of its content earlier coverage used anywhere (paraphrase spreads
        // one fact over several sentences).
        var best = scored[0].Score;
        var union = BestUnionWithinOneArticle(sentence, scored, earlierProfiles, matcher);
        var coverage = Math.Max(best, union.Score * UnionDiscount);
        var ownNorm = matcher.Norm(sentence);
        var cosine = 0.0;
        foreach (var (index, _) in scored.Take(MaxCosineCandidates))
        {
            cosine = Math.Max(cosine, matcher.Cosine(sentence, ownNorm, earlierProfiles[index], norms[index]));
        }

        var seen = matcher.Coverage(sentence, vocabulary);
        var similarity = (options.CoverageShare * coverage) + (options.CosineShare * cosine) + ((1 - options.CoverageShare - options.CosineShare) * seen);

        if (similarity < options.RepeatedThreshold)
        {
            return new SentenceNovelty(sentence.Text, IsNew: true, similarity, []);
        }

        var seenIn = new SortedSet<int>();
        foreach (var (index, score) in scored)
        {
            if (score >= options.SeenInThreshold)
            {
                seenIn.Add(earlierProfiles[index].DocumentIndex);
            }
        }

        if (seenIn.Count == 0)
        {
            seenIn.Add(union.Document);
        }

        return new SentenceNovelty(sentence.Text, IsNew: false, similarity, seenIn.Select(d => earlier[d].Id).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>A sentence may merge two facts an earlier article told separately: score it against the best pair of one article.</summary>
    private static (double Score, int Document) BestUnionWithinOneArticle(SentenceProfile sentence,
        List<(int Index, double Score)> scored, List<SentenceProfile> earlierProfiles, SentenceMatcher matcher)
    {
        var bestScore = 0.0;
        var bestDocument = earlierProfiles[scored[0].Index].DocumentIndex;
        foreach (var group in scored.Take(20).GroupBy(s => earlierProfiles[s.Index].DocumentIndex))
        {
            var top = group.Take(2).ToList();
            if (top.Count < 2)
            {
                continue;
            }

            var union = new HashSet<string>(earlierProfiles[top[0].Index].StemSet, StringComparer.Ordinal);
            union.UnionWith(earlierProfiles[top[1].Index].StemSet);
            var score = matcher.Coverage(sentence, union);
            if (score > bestScore)
            {
                bestScore = score;
                bestDocument = group.Key;
            }
        }

        return (bestScore, bestDocument);
    }

    private List<SentenceProfile> EarlierProfiles(IReadOnlyList<CoverageDocument> earlier)
    {
        var profiles = new List<SentenceProfile>();
        for (var d = earlier.Count - 1; d >= 0 && profiles.Count < options.MaxEarlierSentences; d--)
        {
            foreach (var sentence in SentenceSplitter.Split(earlier[d].Title + "\n" + earlier[d].Text))
            {
                profiles.Add(new SentenceProfile(sentence, d));
            }
        }

        return profiles;
    }

    private List<AttributedQuote> DiffQuotes(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier)
    {
        var earlierQuotes = earlier.SelectMany(e => QuoteExtractor.Find(e.Text)).Select(q => new SentenceProfile(q.Text, 0)).ToList();
        var ownQuotes = QuoteExtractor.Find(article.Text);
        var matcher = new SentenceMatcher(earlierQuotes.Concat(ownQuotes.Select(q => new SentenceProfile(q.Text, -1))));
        return ownQuotes.Select(q =>
        {
            var profile = new SentenceProfile(q.Text, -1);
            var seen = earlierQuotes.Any(e => matcher.Coverage(profile, e.StemSet) >= options.RepeatedQuoteThreshold);
            return new AttributedQuote(q.Text, q.Speaker, IsNew: !seen);
        }).ToList();
    }

    private static List<string> NewEntities(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier)
    {
        var known = earlier.SelectMany(e => EntityFinder.Find(e.Title + "\n" + e.Text)).Select(e => e.Split(' ')).ToList();
        var knownWords = new HashSet<string>(known.SelectMany(words => words), StringComparer.Ordinal);
        return EntityFinder.Find(article.Title + "\n" + article.Text)
            .Where(entity =>
            {
                var words = entity.Split(' ');
                // "Kirby" after "John Kirby", or "John Kirby" after "Kirby": the same person, not a new one.
                return !known.Any(k => IsSubset(words, k) || IsSubset(k, words)) && !words.All(knownWords.Contains);
            })
            .ToList();
    }

    private static bool IsSubset(string[] small, string[] large) => small.All(w => large.Contains(w, StringComparer.Ordinal));
}

using System.Runtime.CompilerServices;
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

    /// <summary>
    /// What the differ reads from a document whatever it is compared with (its sentences' stems, quotes, names), kept
    /// while the document lives: an article is compared with each later member of its story, and the fold keeps recent
    /// members in memory, so each is analysed once rather than once per comparison.
    /// </summary>
    private static readonly ConditionalWeakTable<CoverageDocument, DocumentAnalysis> Analyses = new();

    private readonly CoverageOptions options = options ?? new CoverageOptions();

    private static DocumentAnalysis Analysis(CoverageDocument document) => Analyses.GetValue(document, d => new DocumentAnalysis(d));

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

        // Norms of earlier sentences are computed when one is first among a sentence's best matches (NaN: not yet).
        var norms = new double[earlierProfiles.Count];
        Array.Fill(norms, double.NaN);
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
        // Distinct indices in ascending order (the order ties are broken in), without a tree set.
        var seenIndex = new bool[earlierProfiles.Count];
        var candidates = new List<int>();
        foreach (var stem in sentence.Stems)
        {
            if (postings.TryGetValue(stem, out var list))
            {
                foreach (var index in list)
                {
                    if (!seenIndex[index])
                    {
                        seenIndex[index] = true;
                        candidates.Add(index);
                    }
                }
            }
        }

        candidates.Sort();

        // Coverage and the cosine's dot product come from the same matches: one pass per candidate.
        var weights = matcher.Weights(sentence);
        var dots = new Dictionary<int, double>(candidates.Count);
        var scored = new List<(int Index, double Score)>(candidates.Count);
        foreach (var i in candidates)
        {
            var (score, dot) = matcher.CoverageAndDot(sentence, weights, earlierProfiles[i].StemSet);
            scored.Add((i, score));
            dots[i] = dot;
        }

        scored = scored.OrderByDescending(s => s.Score).ThenBy(s => s.Index).ToList();
        if (sentence.Stems.Length == 0)
        {
            // "He said so.": no content words, so nothing new — and no earlier article to credit either.
            return new SentenceNovelty(sentence.Text, IsNew: false, Similarity: 1, []);
        }

        if (scored.Count == 0)
        {
            return new SentenceNovelty(sentence.Text, IsNew: true, Similarity: 0, []);
        }

        // By default the similarity is the coverage alone. CoverageOptions.PrecisionCalibrated averages three views of
        // "already said": how much of the sentence one earlier sentence (or two of one article)
        // carries; how close the best earlier sentence is as a whole (cosine: a long sentence that merely contains this
        // one's words is a weaker match); and how much of its content earlier coverage used anywhere (paraphrase spreads
        // one fact over several sentences).
        var best = scored[0].Score;
        var union = BestUnionWithinOneArticle(sentence, scored, earlierProfiles, matcher);
        var coverage = Math.Max(best, union.Score * UnionDiscount);
        var ownSquares = 0.0;
        foreach (var weight in weights)
        {
            ownSquares += weight * weight;
        }

        var ownNorm = Math.Sqrt(ownSquares);
        var cosine = 0.0;
        foreach (var (index, _) in scored.Take(options.CosineShare == 0 ? 0 : MaxCosineCandidates))
        {
            if (double.IsNaN(norms[index]))
            {
                norms[index] = matcher.Norm(earlierProfiles[index]);
            }

            var norm = norms[index];
            var value = ownNorm == 0 || norm == 0 ? 0 : Math.Min(1, dots[index] / (ownNorm * norm));
            cosine = Math.Max(cosine, value);
        }

        var seenShare = 1 - options.CoverageShare - options.CosineShare;
        var seen = seenShare == 0 ? 0 : matcher.Coverage(sentence, vocabulary);
        var similarity = options.CoverageShare == 1 ? coverage
            : (options.CoverageShare * coverage) + (options.CosineShare * cosine) + (seenShare * seen);

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
            foreach (var sentence in Analysis(earlier[d]).Sentences)
            {
                profiles.Add(sentence.ForDocument(d));
            }
        }

        return profiles;
    }

    private List<AttributedQuote> DiffQuotes(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier)
    {
        var earlierQuotes = earlier.SelectMany(e => Analysis(e).QuoteProfiles).ToList();
        var own = Analysis(article);
        var matcher = new SentenceMatcher(earlierQuotes.Concat(own.QuoteProfiles));
        return own.Quotes.Select((q, i) =>
        {
            var profile = own.QuoteProfiles[i];
            var seen = earlierQuotes.Any(e => matcher.Coverage(profile, e.StemSet) >= options.RepeatedQuoteThreshold);
            return new AttributedQuote(q.Text, q.Speaker, IsNew: !seen);
        }).ToList();
    }

    private static List<string> NewEntities(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier)
    {
        var known = earlier.SelectMany(e => Analysis(e).Entities).Select(e => e.Split(' ')).ToList();
        var knownWords = new HashSet<string>(known.SelectMany(words => words), StringComparer.Ordinal);
        return Analysis(article).Entities
            .Where(entity =>
            {
                var words = entity.Split(' ');
                // "Kirby" after "John Kirby", or "John Kirby" after "Kirby": the same person, not a new one.
                return !known.Any(k => IsSubset(words, k) || IsSubset(k, words)) && !words.All(knownWords.Contains);
            })
            .ToList();
    }

    /// <summary>One document as the differ reads it; immutable, so safe to share between threads.</summary>
    private sealed class DocumentAnalysis
    {
        private readonly Lazy<IReadOnlyList<SentenceProfile>> sentences;
        private readonly Lazy<(IReadOnlyList<Quote> Quotes, IReadOnlyList<SentenceProfile> Profiles)> quotes;
        private readonly Lazy<IReadOnlyList<string>> entities;

        public DocumentAnalysis(CoverageDocument document)
        {
            sentences = new(() => SentenceSplitter.Split(document.Title + "\n" + document.Text).Select(s => new SentenceProfile(s, 0)).ToList());
            quotes = new(() =>
            {
                var found = QuoteExtractor.Find(document.Text);
                return (found, found.Select(q => new SentenceProfile(q.Text, 0)).ToList());
            });
            entities = new(() => EntityFinder.Find(document.Title + "\n" + document.Text));
        }

        /// <summary>Sentences of the title and text, as an earlier article is compared.</summary>
        public IReadOnlyList<SentenceProfile> Sentences => sentences.Value;

        public IReadOnlyList<Quote> Quotes => quotes.Value.Quotes;
        public IReadOnlyList<SentenceProfile> QuoteProfiles => quotes.Value.Profiles;
        public IReadOnlyList<string> Entities => entities.Value;
    }

    private static bool IsSubset(string[] small, string[] large) => small.All(w => large.Contains(w, StringComparer.Ordinal));
}

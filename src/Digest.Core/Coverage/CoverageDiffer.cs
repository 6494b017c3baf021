using System.Runtime.CompilerServices;
using Digest.Core.Text;

namespace Digest.Core.Coverage;

/// <summary>
/// Sentence alignment of an article against earlier coverage of its story. Each sentence is weighed by
/// <see cref="NoveltyModel"/>: how much of its IDF-weighted content (stems; word families match softly; terms common in
/// the story weigh little) the best earlier sentence or pair of one article carries, its cosine with the closest earlier
/// sentence and the closest earlier article as a whole, the words and names earlier coverage never used, how far back
/// its best match is, the story's length and how much the article as a whole retells; a sentence that changes a figure
/// earlier coverage gave is new. Also reports quotes with their speakers, changed numbers and names earlier coverage did
/// not mention. Pure and deterministic.
/// </summary>
public sealed class CoverageDiffer(CoverageOptions? options = null) : ICoverageDiffer
{
    /// <summary>The union of the best two sentences of one earlier article counts slightly less than a single match.</summary>
    private const double UnionDiscount = 0.9;

    /// <summary>Best-covering earlier sentences whose cosine is computed.</summary>
    private const int MaxCosineCandidates = 50;

    /// <summary>The least novelty of a sentence that changes a figure earlier coverage gave.</summary>
    private const double ChangedFigureNovelty = 0.75;

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
        var updates = NumberUpdateFinder.Find(article, earlier);
        var labels = Label(Analysis(article).TextSentences, earlier, updates);
        return new NoveltyReport
        {
            New = labels.Where(l => l.IsNew).Select(l => l.Sentence).ToList(),
            Repeated = labels.Where(l => !l.IsNew).Select(l => new RepeatedSentence(l.Sentence, l.SeenIn)).ToList(),
            Quotes = DiffQuotes(article, earlier),
            Updates = updates,
            NewEntities = NewEntities(article, earlier),
        };
    }

    /// <summary>Labels the given sentences (in order, one result each) against the earlier articles of the story.</summary>
    public IReadOnlyList<SentenceNovelty> LabelSentences(IReadOnlyList<string> sentences, IReadOnlyList<CoverageDocument> earlier)
    {
        ArgumentNullException.ThrowIfNull(sentences);
        ArgumentNullException.ThrowIfNull(earlier);
        return Label(sentences.Select(s => new SentenceProfile(s, -1)).ToList(), earlier, updates: null);
    }

    /// <param name="ownProfiles">The sentences to label.</param>
    /// <param name="earlier">Earlier articles of the story.</param>
    /// <param name="updates">The changed figures of these sentences when already found; null: found here if needed.</param>
    private List<SentenceNovelty> Label(IReadOnlyList<SentenceProfile> ownProfiles, IReadOnlyList<CoverageDocument> earlier,
        IReadOnlyList<NumberUpdate>? updates)
    {
        var earlierProfiles = EarlierProfiles(earlier);
        var matcher = new SentenceMatcher(earlierProfiles.Concat(ownProfiles));
        var context = new EarlierContext(earlierProfiles, matcher, earlier.Count);

        // Two passes: a sentence is weighed against the rest of its article too (an article that mostly retells earlier
        // coverage has less news in it), so every sentence's evidence comes first.
        var gathered = ownProfiles.Select((p, i) => Gather(p, earlierProfiles.Count + i, context)).ToList();

        var article = ArticleEvidenceOf(gathered);
        var changedFigures = ChangedFigures(gathered, context, ownProfiles, earlier, updates);
        return gathered.Select(g => g.Fixed ?? Decide(g, article, changedFigures.Contains(g.Sentence.Text), context, earlier)).ToList();
    }

    /// <summary>
    /// Sentences that give a figure earlier coverage reported with another value ("40,000 killed" after "39,600
    /// killed"): new whatever else they repeat. Only sentences with a number earlier coverage never used are looked at.
    /// </summary>
    private static HashSet<string> ChangedFigures(List<Gathered> gathered, EarlierContext context, IReadOnlyList<SentenceProfile> sentences,
        IReadOnlyList<CoverageDocument> earlier, IReadOnlyList<NumberUpdate>? updates)
    {
        var changed = new HashSet<string>(StringComparer.Ordinal);
        var withNewNumbers = gathered
            .Where(g => g.Evidence is not null && HasUnseenNumber(g, context))
            .Select(g => g.Sentence.Text)
            .ToList();
        if (withNewNumbers.Count == 0)
        {
            return changed;
        }

        foreach (var update in updates ?? NumberUpdateFinder.Find(sentences.Select(s => s.Text).ToList(), earlier))
        {
            foreach (var text in withNewNumbers.Where(t => t.Contains(update.Current, StringComparison.Ordinal)))
            {
                changed.Add(text);
            }
        }

        return changed;
    }

    private static bool HasUnseenNumber(Gathered gathered, EarlierContext context)
    {
        var stems = gathered.Sentence.Stems;
        for (var i = 0; i < stems.Length; i++)
        {
            if (char.IsDigit(stems[i][0]) && !context.IsEarlier(gathered.Stems[i]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>What every sentence of one article is compared with: built once per article.</summary>
    private sealed class EarlierContext
    {
        public EarlierContext(List<SentenceProfile> profiles, SentenceMatcher matcher, int documents)
        {
            Profiles = profiles;
            Matcher = matcher;
            Documents = documents;
            Norms = new double[profiles.Count];
            Array.Fill(Norms, double.NaN);
            CandidateMarks = new int[profiles.Count];
            Dots = new double[profiles.Count];
            Stems = new int[profiles.Count][];
            earlierStem = new bool[matcher.StemCount];
            documentStarts = new int[documents];
            documentEnds = new int[documents];
            Array.Fill(documentStarts, -1);

            // Postings in one flat array, each stem's run of earlier sentences in ascending order: counted first, then filled.
            postingStarts = new int[matcher.StemCount + 1];
            for (var i = 0; i < profiles.Count; i++)
            {
                var stems = Stems[i] = matcher.At(i).Stems;
                foreach (var stem in stems)
                {
                    earlierStem[stem] = true;
                    postingStarts[stem + 1]++;
                }

                // An article's sentences are consecutive in the profiles: remember where each article's run starts and ends.
                var document = profiles[i].DocumentIndex;
                if (documentStarts[document] < 0)
                {
                    documentStarts[document] = i;
                }

                documentEnds[document] = i + 1;
            }

            for (var stem = 0; stem < matcher.StemCount; stem++)
            {
                postingStarts[stem + 1] += postingStarts[stem];
            }

            postings = new int[postingStarts[matcher.StemCount]];
            var filled = new int[matcher.StemCount];
            for (var i = 0; i < profiles.Count; i++)
            {
                foreach (var stem in Stems[i])
                {
                    postings[postingStarts[stem] + filled[stem]++] = i;
                }
            }
        }

        private readonly bool[] earlierStem;
        private readonly int[] documentStarts;
        private readonly int[] documentEnds;
        private readonly int[] postingStarts;
        private readonly int[] postings;
        private readonly Dictionary<int, (int[] Stems, double Norm)> documents = [];

        /// <summary>Per stem, which document last took it into its distinct stems (document + 1; 0: none yet).</summary>
        private int[]? documentStemMarks;

        /// <summary>An earlier article's distinct content stems, all its sentences together, and their norm; built when first needed.</summary>
        public (int[] Stems, double Norm) Document(int document)
        {
            if (documents.TryGetValue(document, out var found))
            {
                return found;
            }

            var marks = documentStemMarks ??= new int[Matcher.StemCount];
            var stems = new List<int>();
            for (var i = documentStarts[document]; i < documentEnds[document]; i++)
            {
                foreach (var stem in Stems[i])
                {
                    if (marks[stem] != document + 1)
                    {
                        marks[stem] = document + 1;
                        stems.Add(stem);
                    }
                }
            }

            var squares = 0.0;
            foreach (var stem in stems)
            {
                var weight = Matcher.Weight(stem);
                squares += weight * weight;
            }

            documents[document] = found = (stems.ToArray(), Math.Sqrt(squares));
            return found;
        }

        public List<SentenceProfile> Profiles { get; }

        /// <summary>Each earlier sentence's stems in the matcher's numbers.</summary>
        public int[][] Stems { get; }

        /// <summary>The earlier sentences that have the stem, in ascending order.</summary>
        public ReadOnlySpan<int> PostingsOf(int stem) => postings.AsSpan(postingStarts[stem], postingStarts[stem + 1] - postingStarts[stem]);

        public SentenceMatcher Matcher { get; }

        /// <summary>Whether earlier coverage used the stem.</summary>
        public bool IsEarlier(int stem) => earlierStem[stem];

        /// <summary>Earlier articles of the story (all of them, also those beyond the sentence cap).</summary>
        public int Documents { get; }

        /// <summary>Norms of earlier sentences, computed when first needed (NaN: not yet).</summary>
        public double[] Norms { get; }

        /// <summary>Per earlier sentence, the mark of the last sentence that took it as a candidate.</summary>
        public int[] CandidateMarks { get; }

        private int candidateMark;

        /// <summary>A mark no earlier sentence carries yet, for the next sentence's candidates.</summary>
        public int NextCandidateMark() => ++candidateMark;

        /// <summary>
        /// Per earlier sentence, its dot product with the sentence being gathered: valid for that sentence's candidates,
        /// which its evidence reads before the next sentence is gathered.
        /// </summary>
        public double[] Dots { get; }
    }

    /// <summary>One sentence's matches: either a verdict that needs no weighing, or the evidence to weigh.</summary>
    /// <summary>
    /// The article's mean cosines over its sentences with evidence, summed in order (as Enumerable.Average does) without
    /// a list: a LINQ ToList of the evidence rented arrays from a shared pool of its own per article, and trimming that
    /// pool showed up in every gen-2 collection.
    /// </summary>
    private static ArticleEvidence ArticleEvidenceOf(List<Gathered> gathered)
    {
        double cosines = 0, documentCosines = 0;
        var count = 0;
        foreach (var g in gathered)
        {
            if (g.Evidence is { } evidence)
            {
                cosines += evidence.Cosine;
                documentCosines += evidence.DocumentCosine;
                count++;
            }
        }

        return count == 0 ? default : new ArticleEvidence(cosines / count, documentCosines / count);
    }

    private sealed record Gathered(SentenceProfile Sentence, int[] Stems, SentenceNovelty? Fixed, NoveltyEvidence? Evidence,
        List<(int Index, double Score)> Scored);

    /// <param name="sentence">The sentence.</param>
    /// <param name="position">Its position in the matcher's universe.</param>
    /// <param name="context">The earlier coverage.</param>
    private static Gathered Gather(SentenceProfile sentence, int position, EarlierContext context)
    {
        var earlierProfiles = context.Profiles;
        var matcher = context.Matcher;
        var own = matcher.At(position);
        if (earlierProfiles.Count == 0)
        {
            return new Gathered(sentence, own.Stems, new SentenceNovelty(sentence.Text, IsNew: true, Similarity: 0, []), null, []);
        }

        // Only earlier sentences sharing a stem (or a word family, checked by the matcher) can cover this one.
        // Distinct indices in ascending order (the order ties are broken in), without a tree set.
        var seenIndex = context.NextCandidateMark();
        var candidates = new List<int>();
        foreach (var stem in own.Stems)
        {
            foreach (var index in context.PostingsOf(stem))
            {
                if (context.CandidateMarks[index] != seenIndex)
                {
                    context.CandidateMarks[index] = seenIndex;
                    candidates.Add(index);
                }
            }
        }

        candidates.Sort();

        // Coverage and the cosine's dot product come from the same matches: one pass per candidate.
        var weights = matcher.Weights(own.Stems);
        matcher.Prepare(own.Stems);
        var dots = context.Dots;
        var scored = new List<(int Index, double Score)>(candidates.Count);
        foreach (var i in candidates)
        {
            var (score, dot) = matcher.PreparedCoverageAndDot(weights, context.Stems[i]);
            scored.Add((i, score));
            dots[i] = dot;
        }

        scored.Sort(static (x, y) => x.Score != y.Score ? y.Score.CompareTo(x.Score) : x.Index.CompareTo(y.Index));
        if (sentence.Stems.Length == 0)
        {
            // "He said so.": no content words, so nothing new — and no earlier article to credit either.
            return new Gathered(sentence, own.Stems, new SentenceNovelty(sentence.Text, IsNew: false, Similarity: 1, []), null, scored);
        }

        if (scored.Count == 0)
        {
            return new Gathered(sentence, own.Stems, new SentenceNovelty(sentence.Text, IsNew: true, Similarity: 0, []), null, scored);
        }

        return new Gathered(sentence, own.Stems, null, Evidence(own, weights, scored, dots, context), scored);
    }

    private SentenceNovelty Decide(Gathered gathered, ArticleEvidence article, bool changedFigure, EarlierContext context,
        IReadOnlyList<CoverageDocument> earlier)
    {
        var sentence = gathered.Sentence;
        var evidence = gathered.Evidence!.Value;
        var probability = NoveltyModel.Probability(evidence, article);
        var similarity = 1 - (changedFigure ? Math.Max(probability, ChangedFigureNovelty) : probability);
        if (similarity < options.RepeatedThreshold)
        {
            return new SentenceNovelty(sentence.Text, IsNew: true, similarity, []);
        }

        var seenIn = new SortedSet<int>();
        foreach (var (index, score) in gathered.Scored)
        {
            if (score >= options.SeenInThreshold)
            {
                seenIn.Add(context.Profiles[index].DocumentIndex);
            }
        }

        if (seenIn.Count == 0)
        {
            seenIn.Add(evidence.BestDocument);
        }

        return new SentenceNovelty(sentence.Text, IsNew: false, similarity, seenIn.Select(d => earlier[d].Id).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The signals of "already said" and "new" for one sentence, from its matches in earlier coverage.</summary>
    private static NoveltyEvidence Evidence(SentenceMatcher.Local sentence, double[] weights, List<(int Index, double Score)> scored,
        double[] dots, EarlierContext context)
    {
        var earlierProfiles = context.Profiles;
        var matcher = context.Matcher;
        var best = scored[0].Score;
        var union = BestUnionWithinOneArticle(weights, scored, context);
        var coverage = Math.Max(best, union.Score * UnionDiscount);
        var ownSquares = 0.0;
        foreach (var weight in weights)
        {
            ownSquares += weight * weight;
        }

        var ownNorm = Math.Sqrt(ownSquares);

        // How close the best earlier sentences are as a whole (cosine): a long sentence that merely contains this one's
        // words is a weaker match.
        var cosine = 0.0;
        foreach (var (index, _) in scored.Take(MaxCosineCandidates))
        {
            if (double.IsNaN(context.Norms[index]))
            {
                context.Norms[index] = matcher.Norm(context.Stems[index]);
            }

            var norm = context.Norms[index];
            var value = ownNorm == 0 || norm == 0 ? 0 : Math.Min(1, dots[index] / (ownNorm * norm));
            cosine = Math.Max(cosine, value);
        }

        // How close the closest earlier article is as a whole: one day's report may tell in three sentences what this
        // sentence says in one.
        var documentCosine = 0.0;
        var bestDocument = union.Document;
        foreach (var document in scored.Select(s => earlierProfiles[s.Index].DocumentIndex).Distinct().Order())
        {
            var (stems, norm) = context.Document(document);
            var (_, dot) = matcher.PreparedCoverageAndDot(weights, stems);
            var value = ownNorm == 0 || norm == 0 ? 0 : Math.Min(1, dot / (ownNorm * norm));
            if (value > documentCosine)
            {
                documentCosine = value;
                bestDocument = document;
            }
        }

        var unseenWeight = 0.0;
        var unseenStems = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (!context.IsEarlier(sentence.Stems[i]))
            {
                unseenWeight += weights[i];
                unseenStems++;
            }
        }

        var newNames = sentence.Names.Count(n => !context.IsEarlier(n));
        var documents = Math.Max(1, context.Documents);
        var bestAge = (documents - 1.0 - earlierProfiles[scored[0].Index].DocumentIndex) / documents;
        return new NoveltyEvidence(coverage, cosine, documentCosine, unseenWeight, unseenStems, newNames, bestAge, documents, bestDocument);
    }

    /// <summary>Best matches of a sentence whose pairs (two of one earlier article) are scored as a union.</summary>
    private const int UnionCandidates = 20;

    /// <summary>A sentence may merge two facts an earlier article told separately: score it against the best pair of one article.</summary>
    /// <remarks>Scores the sentence the matcher has <see cref="SentenceMatcher.Prepare">prepared</see>.</remarks>
    private static (double Score, int Document) BestUnionWithinOneArticle(double[] weights,
        List<(int Index, double Score)> scored, EarlierContext context)
    {
        var earlierProfiles = context.Profiles;
        var bestScore = 0.0;
        var bestDocument = earlierProfiles[scored[0].Index].DocumentIndex;
        // The best 20 matches grouped by article in order of first appearance, each article's best two kept (a GroupBy
        // without its lookup: this runs for every sentence with evidence).
        var considered = Math.Min(UnionCandidates, scored.Count);
        Span<int> documents = stackalloc int[UnionCandidates];
        Span<int> firsts = stackalloc int[UnionCandidates];
        Span<int> seconds = stackalloc int[UnionCandidates];
        var groups = 0;
        for (var k = 0; k < considered; k++)
        {
            var index = scored[k].Index;
            var document = earlierProfiles[index].DocumentIndex;
            var group = documents[..groups].IndexOf(document);
            if (group < 0)
            {
                documents[groups] = document;
                firsts[groups] = index;
                seconds[groups++] = -1;
            }
            else if (seconds[group] < 0)
            {
                seconds[group] = index;
            }
        }

        for (var group = 0; group < groups; group++)
        {
            if (seconds[group] < 0)
            {
                continue;
            }

            var score = context.Matcher.PreparedCoverage(weights, context.Stems[firsts[group]], context.Stems[seconds[group]]);
            if (score > bestScore)
            {
                bestScore = score;
                bestDocument = documents[group];
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
        var earlierQuotes = earlier.SelectMany(e => Analysis(e).Quotes.Zip(Analysis(e).QuoteProfiles)).ToList();
        var own = Analysis(article);
        var matcher = new SentenceMatcher(earlierQuotes.Select(e => e.Second).Concat(own.QuoteProfiles));
        return own.Quotes.Select((q, i) =>
        {
            var profile = matcher.At(earlierQuotes.Count + i).Stems;
            var seen = Enumerable.Range(0, earlierQuotes.Count).Any(e => matcher.Coverage(profile, matcher.At(e).Stems) >= options.RepeatedQuoteThreshold)
                || SaidBefore(profile, q.Speaker, earlierQuotes, matcher);
            return new AttributedQuote(q.Text, q.Speaker, IsNew: !seen);
        }).ToList();
    }

    /// <summary>
    /// A speaker's line is old news when everything they said before covers it, though no single earlier quote does:
    /// outlets quote different halves of the same remark ("a good proposal … accept it", "as close as we've ever been").
    /// </summary>
    private bool SaidBefore(int[] quote, string? speaker, List<(Quote First, SentenceProfile Second)> earlierQuotes,
        SentenceMatcher matcher)
    {
        if (speaker is null || SurnameOf(speaker) is not { } surname)
        {
            return false;
        }

        var said = new List<int[]>();
        for (var i = 0; i < earlierQuotes.Count; i++)
        {
            // The matcher was given the earlier quotes first, in this order.
            if (earlierQuotes[i].First.Speaker is { } other && string.Equals(SurnameOf(other), surname, StringComparison.OrdinalIgnoreCase))
            {
                said.Add(matcher.At(i).Stems);
            }
        }

        return said.Any(s => s.Length > 0) && matcher.CoverageByAll(quote, said) >= options.RepeatedQuoteThreshold;
    }

    /// <summary>The last word of a speaker's name ("John Kirby", "Kirby", "spokesman Kirby"): how outlets name one person.</summary>
    private static string? SurnameOf(string speaker)
    {
        var words = speaker.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return words.Length == 0 ? null : words[^1];
    }

    private static List<string> NewEntities(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier)
    {
        var knownNames = new HashSet<string>(StringComparer.Ordinal);
        var knownWords = new HashSet<string>(StringComparer.Ordinal);
        foreach (var document in earlier)
        {
            foreach (var (words, key) in Analysis(document).EntityWords)
            {
                knownNames.Add(key);
                knownWords.UnionWith(words);
            }
        }

        var found = new List<string>();
        foreach (var (entity, (words, _)) in Analysis(article).Entities.Zip(Analysis(article).EntityWords))
        {
            // "John Kirby" after "Kirby": the same person, not a new one; nor "Kirby" after "John Kirby" (its words are
            // all known, as they are in any name that is part of a known one).
            if (!words.All(knownWords.Contains) && !ContainsKnownName(words, knownNames, knownWords, earlier))
            {
                found.Add(entity);
            }
        }

        return found;
    }

    /// <summary>Whether some known name's words are all among <paramref name="words"/>: its subsets are looked up.</summary>
    /// <remarks>
    /// Only the known words of the name are combined: every word of a known name is known, so a subset with a new word
    /// in it is no known name (a name never met before costs no lookup at all).
    /// </remarks>
    private static bool ContainsKnownName(string[] words, HashSet<string> knownNames, HashSet<string> knownWords,
        IReadOnlyList<CoverageDocument> earlier)
    {
        var distinct = words.Where(knownWords.Contains).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        if (distinct.Length == 0)
        {
            return false;
        }

        if (distinct.Length > MaxEntityWordsForSubsets)
        {
            return earlier.SelectMany(e => Analysis(e).EntityWords).Any(k => IsSubset(k.Words, words));
        }

        var subset = new List<string>(distinct.Length);
        for (var mask = 1; mask < 1 << distinct.Length; mask++)
        {
            subset.Clear();
            for (var i = 0; i < distinct.Length; i++)
            {
                if ((mask & (1 << i)) != 0)
                {
                    subset.Add(distinct[i]);
                }
            }

            if (knownNames.Contains(string.Join(' ', subset)))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Names longer than this are compared with each known name rather than by their subsets.</summary>
    private const int MaxEntityWordsForSubsets = 8;

    /// <summary>A name's distinct words in ordinal order, joined: equal for names made of the same words.</summary>
    private static string NameKey(string[] words)
    {
        if (words.Length == 1)
        {
            return words[0];
        }

        var distinct = new SortedSet<string>(words, StringComparer.Ordinal);
        return string.Join(' ', distinct);
    }

    /// <summary>One document as the differ reads it; immutable, so safe to share between threads.</summary>
    private sealed class DocumentAnalysis
    {
        private readonly Lazy<IReadOnlyList<SentenceProfile>> textSentences;
        private readonly Lazy<IReadOnlyList<SentenceProfile>> sentences;
        private readonly Lazy<(IReadOnlyList<Quote> Quotes, IReadOnlyList<SentenceProfile> Profiles)> quotes;
        private readonly Lazy<IReadOnlyList<string>> entities;
        private readonly Lazy<IReadOnlyList<(string[] Words, string Key)>> entityWords;

        public DocumentAnalysis(CoverageDocument document)
        {
            textSentences = new(() => SentenceSplitter.Split(document.Text).Select(s => new SentenceProfile(s, 0)).ToList());
            sentences = new(() =>
            {
                // The article is labelled by its text's sentences first and compared with later as title and text: the
                // sentences the two splits share are profiled once.
                var byText = new Dictionary<string, SentenceProfile>(StringComparer.Ordinal);
                foreach (var profile in textSentences.Value)
                {
                    byText.TryAdd(profile.Text, profile);
                }

                return SentenceSplitter.Split(document.Title + "\n" + document.Text)
                    .Select(s => byText.TryGetValue(s, out var profile) ? profile : new SentenceProfile(s, 0)).ToList();
            });
            quotes = new(() =>
            {
                var found = QuoteExtractor.Find(document.Text);
                return (found, found.Select(q => new SentenceProfile(q.Text, 0)).ToList());
            });
            entities = new(() => EntityFinder.Find(document.Title + "\n" + document.Text));
            entityWords = new(() => entities.Value.Select(e => e.Split(' ')).Select(w => (w, NameKey(w))).ToList());
        }

        /// <summary>Sentences of the text, as the article is labelled.</summary>
        public IReadOnlyList<SentenceProfile> TextSentences => textSentences.Value;

        /// <summary>Sentences of the title and text, as an earlier article is compared.</summary>
        public IReadOnlyList<SentenceProfile> Sentences => sentences.Value;

        public IReadOnlyList<Quote> Quotes => quotes.Value.Quotes;
        public IReadOnlyList<SentenceProfile> QuoteProfiles => quotes.Value.Profiles;
        public IReadOnlyList<string> Entities => entities.Value;

        /// <summary>Each entity's words and <see cref="NameKey"/>, in <see cref="Entities"/>' order.</summary>
        public IReadOnlyList<(string[] Words, string Key)> EntityWords => entityWords.Value;
    }

    private static bool IsSubset(string[] small, string[] large) => small.All(w => large.Contains(w, StringComparer.Ordinal));
}

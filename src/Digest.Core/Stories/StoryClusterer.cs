using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;

namespace Digest.Core.Stories;

/// <summary>
/// Online story clustering, in memory and pure: each article joins the most similar ACTIVE story or starts a new one.
/// <para>
/// Cost per article is independent of the archive size: candidates come from an inverted index (term → active stories,
/// over each story's heaviest <see cref="StoryOptions.CentroidTerms"/> terms) and from MinHash LSH bands over the recent
/// members of active stories; only those candidates are scored. Stories quiet for longer than
/// <see cref="StoryOptions.QuietPeriod"/> (in article time) leave both indexes.
/// </para>
/// <para>
/// Similarity is the cosine of log-scaled TF-IDF vectors (IDF raised to <see cref="StoryOptions.IdfPower"/>; title, lead and
/// entity terms boosted) between the article and a story centroid. A full article joins on that similarity over the whole
/// quiet period: its background ties a development weeks later to the story. A brief (a headline and lead) is scored by its
/// mean similarity to the members (average linkage), discounted within hours of the story's last article, so it joins only
/// the coverage of its own day (see <see cref="StoryOptions.BridgeWords"/>). A near-duplicate
/// (wire copy) of a member joins that story whatever its score. Stories quiet for <see cref="StoryOptions.CompactAfter"/>
/// keep a smaller centroid until they are updated again.
/// </para>
/// </summary>
public sealed class StoryClusterer
{
    private readonly StoryOptions options;
    /// <summary>Document frequencies, and through each term the active stories holding it (the postings).</summary>
    private readonly TermTable frequencies;
    private readonly Dictionary<string, ActiveStory> stories = new(StringComparer.Ordinal);
    private readonly Dictionary<ulong, List<string>> bands = [];
    private readonly Dictionary<string, string> articleToStory = new(StringComparer.Ordinal);
    private readonly PriorityQueue<string, DateTimeOffset> expiry = new();
    private readonly PriorityQueue<string, DateTimeOffset> compaction = new();
    private DateTimeOffset? streamTime;
    private long nextOrder;
    private long lookup;

    public StoryClusterer(StoryOptions? options = null, StoryIndexDocument? state = null)
    {
        this.options = options ?? new StoryOptions();
        frequencies = new TermTable(this.options.MaxDocumentFrequencyTerms, state?.Documents ?? 0, state?.DocumentFrequencies);
        if (state is null)
        {
            return;
        }

        streamTime = state.StreamTime;
        foreach (var entry in state.Stories)
        {
            var story = new ActiveStory(entry.Id, entry.Title, entry.FirstSeen, nextOrder++)
            {
                LastUpdated = entry.LastUpdated,
            };
            story.ArticleIds.AddRange(entry.ArticleIds);
            story.PairSum = entry.SimilaritySum ?? (double)entry.ArticleIds.Count * entry.ArticleIds.Count;
            story.NearDuplicates.UnionWith(entry.NearDuplicateArticleIds);
            foreach (var (term, weight) in entry.Centroid)
            {
                story.Centroid[frequencies.Intern(term)] = weight;
            }

            Register(story);
            foreach (var signature in entry.Signatures)
            {
                AddSignature(story, MinHash.Decode(signature));
            }
        }
    }

    public int ActiveStoryCount => stories.Count;

    /// <summary>Counts an article into the document frequencies without clustering it (batch mode reads all input first).</summary>
    public void CountFrequencies(ArticleFeatures article)
    {
        ArgumentNullException.ThrowIfNull(article);
        frequencies.Add(article.Terms.Keys);
    }

    /// <summary>The id of a story started by <paramref name="firstArticleId"/>: stable, so a retried attach finds the same story.</summary>
    public static string StoryIdFor(string firstArticleId)
    {
        ArgumentNullException.ThrowIfNull(firstArticleId);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(firstArticleId));
        return "s-" + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }

    /// <param name="article">The article's features.</param>
    /// <param name="countFrequency">False when <see cref="CountFrequencies"/> already counted it.</param>
    public StoryAssignment Assign(ArticleFeatures article, bool countFrequency = true)
    {
        ArgumentNullException.ThrowIfNull(article);
        if (articleToStory.TryGetValue(article.Id, out var knownStory))
        {
            var known = stories[knownStory];
            return Describe(known, article.Id, isNearDuplicate: known.NearDuplicates.Contains(article.Id), score: 1);
        }

        var time = article.Published ?? streamTime ?? DateTimeOffset.UnixEpoch;
        streamTime = streamTime is null || time > streamTime ? time : streamTime;
        EvictDormant();
        // The article's terms as the table's objects, in the order of article.Terms (null: looked up by text instead).
        var interned = countFrequency ? frequencies.AddAndIntern(article.Terms) : null;
        var duplicateOf = FindNearDuplicate(article, time);
        if (duplicateOf is not null)
        {
            Join(duplicateOf, article, interned, time, duplicateOf.Cohesion);
            duplicateOf.NearDuplicates.Add(article.Id);
            return Describe(duplicateOf, article.Id, isNearDuplicate: true, score: 1);
        }

        var (best, score, similarity) = FindBestStory(article, interned, time);
        if (best is not null && score >= JoinThreshold(article))
        {
            Join(best, article, interned, time, similarity);
            return Describe(best, article.Id, isNearDuplicate: false, score);
        }

        var story = new ActiveStory(StoryIdFor(article.Id), string.Empty, time, nextOrder++) { LastUpdated = time };
        Register(story);
        Join(story, article, interned, time, 1);
        return Describe(story, article.Id, isNearDuplicate: false, score);
    }

    private double JoinThreshold(ArticleFeatures article)
        => article.Undated ? options.UndatedJoinThreshold
            : article.Words < options.BridgeWords ? options.BriefJoinThreshold
            : options.JoinThreshold;

    /// <summary>Sets the title of a story that was started with an empty one (the engine only sees features).</summary>
    public void SetTitleIfEmpty(string storyId, string title)
    {
        if (stories.TryGetValue(storyId, out var story) && story.Title.Length == 0)
        {
            story.Title = title;
        }
    }

    /// <summary>
    /// The state as a document. Tables are written in key order: a dictionary's own order depends on its history of
    /// removals, and the same state must give the same bytes however it was reached (folded in one batch or several).
    /// </summary>
    public StoryIndexDocument Export() => new()
    {
        StreamTime = streamTime,
        Documents = frequencies.Documents,
        DocumentFrequencies = Ordered(frequencies.Counts),
        Stories = stories.Values.OrderBy(s => s.Order).Select(s => new StoryIndexEntry
        {
            Id = s.Id,
            Title = s.Title,
            FirstSeen = s.FirstSeen,
            LastUpdated = s.LastUpdated,
            ArticleIds = [.. s.ArticleIds],
            NearDuplicateArticleIds = s.ArticleIds.Where(s.NearDuplicates.Contains).ToList(),
            Centroid = Ordered(s.Centroid.Select(p => KeyValuePair.Create(p.Key.Text, p.Value))),
            SimilaritySum = s.PairSum,
            Signatures = s.Signatures.Select(MinHash.Encode).ToList(),
        }).ToList(),
    };

    private static Dictionary<string, T> Ordered<T>(IEnumerable<KeyValuePair<string, T>> table)
    {
        var ordered = new Dictionary<string, T>(StringComparer.Ordinal);
        foreach (var (key, value) in table.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            ordered.Add(key, value);
        }

        return ordered;
    }

    private static StoryAssignment Describe(ActiveStory story, string articleId, bool isNearDuplicate, double score)
    {
        // Ids are unique within a story, and the article assigned is nearly always its newest: searched from the end.
        var position = story.ArticleIds.LastIndexOf(articleId);
        return new StoryAssignment(story.Id, position == 0, isNearDuplicate, score, story.ArticleIds.GetRange(0, Math.Max(0, position)));
    }

    private ActiveStory? FindNearDuplicate(ArticleFeatures article, DateTimeOffset time)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var key in MinHash.BandKeys(article.Signature))
        {
            if (bands.TryGetValue(key, out var ids))
            {
                candidates.UnionWith(ids);
            }
        }

        ActiveStory? best = null;
        var bestSimilarity = options.NearDuplicateThreshold;
        foreach (var id in candidates)
        {
            var story = stories[id];
            if (!WithinWindow(story, time))
            {
                continue;
            }

            foreach (var signature in story.Signatures)
            {
                var similarity = MinHash.Similarity(signature, article.Signature);
                if (similarity >= bestSimilarity && (best is null || similarity > bestSimilarity))
                {
                    best = story;
                    bestSimilarity = similarity;
                }
            }
        }

        return best;
    }

    /// <returns>The best story, its score, and the article's similarity to it before cohesion and time discount.</returns>
    private (ActiveStory? Story, double Score, double Similarity) FindBestStory(ArticleFeatures article, Term[]? interned, DateTimeOffset time)
    {
        var stamp = ++lookup;
        var (vector, norm) = Weigh(article.Terms, interned);
        if (norm == 0)
        {
            return (null, 0, 0);
        }

        var (leadVector, leadNorm) = Weigh(article.LeadTerms, interned: null);

        // Both weights of a term sit on the term itself, stamped with this lookup: scoring a candidate reads them from
        // each centroid term it walks, without a table lookup. Terms no story holds are not needed for scoring.
        foreach (var (term, weight) in vector)
        {
            if (term.Term is { } known)
            {
                known.LookupStamp = stamp;
                known.Whole = weight;
                known.Lead = 0;
            }
        }

        foreach (var (term, weight) in leadVector)
        {
            if (term.Term is { } known)
            {
                if (known.LookupStamp != stamp)
                {
                    known.LookupStamp = stamp;
                    known.Whole = 0;
                }

                known.Lead = weight;
            }
        }

        // Overlaps add up on the stories themselves (stamped with this lookup), not in a table: with a long quiet period a
        // heavy term can be shared by hundreds of active stories, and this is the innermost loop of the lookup.
        var overlap = overlapScratch;
        overlap.Clear();
        foreach (var (term, weight) in QueryTerms(vector))
        {
            if (term.Term?.Stories is { } postings)
            {
                foreach (var candidate in postings)
                {
                    if (candidate.LookupStamp != stamp)
                    {
                        candidate.LookupStamp = stamp;
                        candidate.Overlap = 0;
                        overlap.Add(candidate);
                    }

                    candidate.Overlap += weight;
                }
            }
        }

        ActiveStory? best = null;
        var bestScore = 0.0;
        var bestSimilarity = 0.0;
        foreach (var story in TopCandidates(overlap, options.MaxCandidates))
        {
            var id = story.Id;
            if (!WithinWindow(story, time))
            {
                continue;
            }

            // Both the whole article and its headline and lead must be about the story: the geometric mean lets neither
            // carry the other. A profile that recalls a strike at length, but leads with its subject's book, stays apart.
            // One pass over the centroid gives both cosines (the story's weights are the same for both).
            var (whole, lead) = Cosines(stamp, norm, leadNorm, story);
            var similarity = options.LeadShare == 0.5 ? Math.Sqrt(whole * lead) : Math.Pow(whole, 1 - options.LeadShare) * Math.Pow(lead, options.LeadShare);
            var score = article.Words >= options.BridgeWords ? similarity : similarity * story.Cohesion * BriefDiscount(story, time);
            if (score > bestScore || (score == bestScore && best is not null && string.CompareOrdinal(id, best.Id) < 0))
            {
                best = story;
                bestScore = score;
                bestSimilarity = similarity;
            }
        }

        return (best, bestScore, bestSimilarity);
    }

    /// <summary>The terms one join added to a centroid: a list kept between joins (the clusterer is single-threaded).</summary>
    private readonly List<Term> addedScratch = [];

    /// <summary>The stories one lookup found sharing a heavy term: a list kept between lookups (the clusterer is single-threaded).</summary>
    private readonly List<ActiveStory> overlapScratch = [];

    /// <summary>The article's <see cref="StoryOptions.QueryTerms"/> heaviest terms, ties by text (terms are distinct, so the order is total).</summary>
    /// <remarks>
    /// Sorted by weight as plain numbers (no comparison delegate), then each run of equal weights by text: the order a
    /// sort by (weight descending, text) gives, at a fraction of its cost.
    /// </remarks>
    private List<(TermRef Term, double Weight)> QueryTerms(List<(TermRef Term, double Weight)> vector)
    {
        var count = vector.Count;
        var keys = new double[count];
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            keys[i] = -vector[i].Weight;
            order[i] = i;
        }

        Array.Sort(keys, order);
        var take = Math.Min(Math.Max(0, options.QueryTerms), count);
        // Only the runs that reach into the terms taken need their ties ordered.
        for (var start = 0; start < take;)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, Comparer<int>.Create((a, b) => string.CompareOrdinal(vector[a].Term.Text, vector[b].Term.Text)));
            }

            start = end;
        }

        var result = new List<(TermRef Term, double Weight)>(take);
        for (var i = 0; i < take; i++)
        {
            result.Add(vector[order[i]]);
        }

        return result;
    }

    /// <summary>
    /// The <paramref name="count"/> stories sharing the most weight of heavy terms, ties by id, best first: the order a
    /// full sort gives, selected in one pass without sorting every story that shares a term.
    /// </summary>
    private static List<ActiveStory> TopCandidates(List<ActiveStory> overlap, int count)
    {
        var top = new List<(ActiveStory Story, double Overlap)>(count + 1);
        foreach (var story in overlap)
        {
            var value = story.Overlap;
            if (top.Count == count && !Before(value, story, top[^1]))
            {
                continue;
            }

            var position = top.Count;
            while (position > 0 && Before(value, story, top[position - 1]))
            {
                position--;
            }

            top.Insert(position, (story, value));
            if (top.Count > count)
            {
                top.RemoveAt(top.Count - 1);
            }
        }

        return top.ConvertAll(t => t.Story);

        static bool Before(double value, ActiveStory story, (ActiveStory Story, double Overlap) other)
            => value > other.Overlap || (value == other.Overlap && string.CompareOrdinal(story.Id, other.Story.Id) < 0);
    }

    /// <summary>TF-IDF weights of raw term counts (each with its table entry, null when unknown), with the vector's norm.</summary>
    /// <param name="terms">Raw counts.</param>
    /// <param name="interned">Their table entries in the same order, when already at hand (see <see cref="TermTable.AddAndIntern"/>).</param>
    private (List<(TermRef Term, double Weight)> Vector, double Norm) Weigh(IReadOnlyDictionary<string, double> terms, Term[]? interned)
    {
        var vector = new List<(TermRef Term, double Weight)>(terms.Count);
        var norm = 0.0;
        var i = 0;
        foreach (var (text, count) in terms)
        {
            var term = interned is null ? frequencies.Find(text) : Held(interned[i++]);
            var weight = Math.Log(1 + count) * Powered(term is null ? frequencies.UnseenIdf : frequencies.Idf(term));
            vector.Add((new TermRef(text, term), weight));
            norm += weight * weight;
        }

        return (vector, Math.Sqrt(norm));
    }

    /// <summary>The term while the table holds it (what <see cref="TermTable.Find"/> gives for its text), else null.</summary>
    private static Term? Held(Term term) => term.Removed ? null : term;

    /// <summary>A term of the article: its text, and its table entry when the table holds it.</summary>
    private readonly record struct TermRef(string Text, Term? Term);

    /// <summary>
    /// The cosines of the whole article's and the lead's vectors with the story's centroid, in one pass over the centroid
    /// (each of its weights is computed once): the same values as two separate cosines, at about half the cost.
    /// </summary>
    private (double Whole, double Lead) Cosines(long stamp, double norm, double leadNorm, ActiveStory story)
    {
        var dot = 0.0;
        var leadDot = 0.0;
        var storyNorm = 0.0;
        var (terms, logCounts) = story.ScoringTerms();
        for (var i = 0; i < terms.Length; i++)
        {
            var term = terms[i];
            var weight = logCounts[i] * PoweredIdf(term);
            storyNorm += weight * weight;
            if (term.LookupStamp == stamp)
            {
                // A term only in the lead has whole weight 0 (and vice versa): adding 0 leaves each sum as it was.
                dot += weight * term.Whole;
                leadDot += weight * term.Lead;
            }
        }

        if (storyNorm == 0)
        {
            return (0, 0);
        }

        var root = Math.Sqrt(storyNorm);
        return (dot / (norm * root), leadNorm == 0 ? 0 : leadDot / (leadNorm * root));
    }

    /// <summary>
    /// <see cref="Powered"/> IDF of a term, kept until the next article is counted: a background term is in most
    /// candidates' centroids, and the document frequencies change only once per article.
    /// </summary>
    private double PoweredIdf(Term term)
    {
        // The IDF is a function of the term's count alone (for the current number of articles), so it is kept per count:
        // a few hundred distinct counts serve the thousands of centroid terms one lookup scores, from a small hot array.
        var count = term.Count;
        if ((uint)count >= MaxCachedCount)
        {
            return Powered(frequencies.Idf(term));
        }

        if (count >= poweredByCount.Length)
        {
            var grown = new (double Value, long Documents)[Math.Min(MaxCachedCount, Math.Max(count + 1, poweredByCount.Length * 2))];
            grown.AsSpan(poweredByCount.Length).Fill((0, -1));
            poweredByCount.CopyTo(grown, 0);
            poweredByCount = grown;
        }

        ref var cached = ref poweredByCount[count];
        if (cached.Documents != frequencies.Documents)
        {
            cached = (Powered(frequencies.Idf(term)), frequencies.Documents);
        }

        return cached.Value;
    }

    /// <summary>Counts below this have their powered IDF cached (16 bytes each); words counted more often compute it each time.</summary>
    private const int MaxCachedCount = 1 << 18;

    /// <summary>Powered IDF by document frequency, each valid while the table counts the articles stored beside it.</summary>
    private (double Value, long Documents)[] poweredByCount = NewPoweredCache();

    private static (double Value, long Documents)[] NewPoweredCache()
    {
        var cache = new (double Value, long Documents)[1024];
        cache.AsSpan().Fill((0, -1));
        return cache;
    }

    /// <summary>The term's IDF raised to <see cref="StoryOptions.IdfPower"/>: above 1, rare words (names, places) count for more.</summary>
    private double Powered(double idf)
        => options.IdfPower switch
        {
            1 => idf,
            2 => idf * idf,
            1.5 => idf * Math.Sqrt(idf),
            _ => Math.Pow(idf, options.IdfPower),
        };

    private bool WithinWindow(ActiveStory story, DateTimeOffset time)
        => Gap(story, time) <= options.QuietPeriod;

    private static TimeSpan Gap(ActiveStory story, DateTimeOffset time)
        => time >= story.LastUpdated ? time - story.LastUpdated : time < story.FirstSeen ? story.FirstSeen - time : TimeSpan.Zero;

    /// <summary>
    /// A brief's score is its mean similarity to the members (the centroid's cosine times the story's cohesion: average
    /// linkage, so a loose story takes only a brief close to all of it), times this share: 1 while the story is being
    /// covered, halving every <see cref="StoryOptions.BriefHalfLife"/> after its last article. A brief's lead tells the
    /// day's event, not whether it continues an older one.
    /// </summary>
    private double BriefDiscount(ActiveStory story, DateTimeOffset time)
        => Math.Pow(0.5, Gap(story, time).TotalSeconds / Math.Max(1, options.BriefHalfLife.TotalSeconds));

    /// <param name="similarity">The article's similarity to the story's centroid (1 for the first member).</param>
    /// <param name="interned">The article's terms as table entries, in the order of its terms (null: interned here).</param>
    private void Join(ActiveStory story, ArticleFeatures article, Term[]? interned, DateTimeOffset time, double similarity)
    {
        // The sum of all pairwise similarities grows by twice the new member's summed similarity to the others (the
        // centroid cosine times the norm of their summed unit vectors) plus its own.
        // The similarity is rounded first: its last bits depend on the order the centroid is summed in, which differs
        // between a live story and one restored from the index, and the sum is kept in the index.
        var members = story.ArticleIds.Count;
        story.PairSum += (2 * members * story.Cohesion * Math.Round(Math.Clamp(similarity, 0, 1), 9)) + 1;
        story.ArticleIds.Add(article.Id);
        articleToStory[article.Id] = story.Id;
        if (time > story.LastUpdated)
        {
            story.LastUpdated = time;
        }

        if (time < story.FirstSeen)
        {
            story.FirstSeen = time;
        }

        // Terms new to the centroid join the postings only once pruning kept them: most of an article's words enter a big
        // story's centroid and leave it again in the same join, and would otherwise go in and out of their postings.
        var added = addedScratch;
        added.Clear();
        var position = 0;
        foreach (var (text, count) in article.Terms)
        {
            var term = interned is not null && Held(interned[position++]) is { } kept ? kept : frequencies.Intern(text);
            ref var sum = ref CollectionsMarshal.GetValueRefOrAddDefault(story.Centroid, term, out var held);
            sum += count;
            if (!held)
            {
                term.IndexPending = true;
                added.Add(term);
            }
        }

        PruneCentroid(story);
        foreach (var term in added)
        {
            if (term.IndexPending)
            {
                term.IndexPending = false;
                Index(term, story);
            }
        }

        story.CentroidChanged();
        AddSignature(story, article.Signature);
        expiry.Enqueue(story.Id, story.LastUpdated);
        compaction.Enqueue(story.Id, story.LastUpdated);
    }

    /// <summary>Keeps a story's centroid (and so its postings) to its most telling terms, bounding the cost of big stories.</summary>
    private void PruneCentroid(ActiveStory story) => PruneCentroid(story, options.CentroidTerms, options.CentroidTerms * 3 / 2);

    private void PruneCentroid(ActiveStory story, int keep, int? above = null)
    {
        if (story.Centroid.Count <= (above ?? keep))
        {
            return;
        }

        // Heaviest first, ties by the term's text: the order is the same whichever way the centroid was built. Sorted by
        // the weights as plain numbers, then each run of equal weights by text (the order of one comparison sort, at a
        // fraction of its cost). The terms dropped are removed in that order, as the centroid's later order depends on it;
        // the order of those kept does not matter, so runs wholly among them stay as they are.
        var count = story.Centroid.Count;
        var keys = new double[count];
        var ranked = new Term[count];
        var n = 0;
        foreach (var (term, sum) in story.Centroid)
        {
            keys[n] = -(sum * frequencies.Idf(term));
            ranked[n++] = term;
        }

        Array.Sort(keys, ranked);
        for (var start = 0; start < count;)
        {
            var end = start + 1;
            while (end < count && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1 && end > keep)
            {
                Array.Sort(ranked, start, end - start, ByText);
            }

            start = end;
        }

        for (var i = keep; i < ranked.Length; i++)
        {
            var term = ranked[i];
            story.Centroid.Remove(term);
            if (term.IndexPending)
            {
                // Entered in this join and never indexed: what unindexing it would have left to do.
                term.IndexPending = false;
                frequencies.Release(term);
            }
            else
            {
                Unindex(term, story);
            }
        }

        story.CentroidChanged();
    }

    private static readonly Comparer<Term> ByText = Comparer<Term>.Create(static (a, b) => string.CompareOrdinal(a.Text, b.Text));

    private void AddSignature(ActiveStory story, uint[] signature)
    {
        story.Signatures.Add(signature);
        foreach (var key in MinHash.BandKeys(signature))
        {
            if (!bands.TryGetValue(key, out var ids))
            {
                bands[key] = ids = [];
            }

            ids.Add(story.Id);
        }

        if (story.Signatures.Count > options.RecentSignatures)
        {
            RemoveBandKeys(story.Id, story.Signatures[0]);
            story.Signatures.RemoveAt(0);
        }
    }

    private void RemoveBandKeys(string storyId, uint[] signature)
    {
        foreach (var key in MinHash.BandKeys(signature))
        {
            if (bands.TryGetValue(key, out var ids))
            {
                ids.Remove(storyId);
                if (ids.Count == 0)
                {
                    bands.Remove(key);
                }
            }
        }
    }

    private void Register(ActiveStory story)
    {
        stories[story.Id] = story;
        foreach (var id in story.ArticleIds)
        {
            articleToStory[id] = story.Id;
        }

        foreach (var term in story.Centroid.Keys)
        {
            Index(term, story);
        }

        expiry.Enqueue(story.Id, story.LastUpdated);
        compaction.Enqueue(story.Id, story.LastUpdated);
    }

    private void EvictDormant()
    {
        while (streamTime is { } now && compaction.TryPeek(out var id, out var lastUpdated) && now - lastUpdated > options.CompactAfter)
        {
            compaction.Dequeue();
            if (stories.TryGetValue(id, out var story) && story.LastUpdated == lastUpdated)
            {
                Compact(story);
            }
        }

        while (streamTime is { } now && expiry.TryPeek(out var id, out var lastUpdated) && now - lastUpdated > options.QuietPeriod)
        {
            expiry.Dequeue();
            if (stories.TryGetValue(id, out var story) && story.LastUpdated == lastUpdated)
            {
                Remove(story);
            }
        }
    }

    /// <summary>
    /// A story quiet for <see cref="StoryOptions.CompactAfter"/> keeps only its heaviest
    /// <see cref="StoryOptions.QuietCentroidTerms"/> terms and its latest signature until it is updated again: it can still
    /// take an article strongly about it, at a fraction of the index and memory of a story in the news.
    /// </summary>
    private void Compact(ActiveStory story)
    {
        PruneCentroid(story, options.QuietCentroidTerms);
        while (story.Signatures.Count > 1)
        {
            RemoveBandKeys(story.Id, story.Signatures[0]);
            story.Signatures.RemoveAt(0);
        }
    }

    private void Remove(ActiveStory story)
    {
        stories.Remove(story.Id);
        foreach (var term in story.Centroid.Keys)
        {
            Unindex(term, story);
        }

        foreach (var signature in story.Signatures)
        {
            RemoveBandKeys(story.Id, signature);
        }

        foreach (var id in story.ArticleIds)
        {
            articleToStory.Remove(id);
        }
    }

    private static void Index(Term term, ActiveStory story) => term.AddStory(story);

    private void Unindex(Term term, ActiveStory story)
    {
        if (term.RemoveStory(story))
        {
            frequencies.Release(term);
        }
    }

    internal sealed class ActiveStory(string id, string title, DateTimeOffset firstSeen, long order)
    {
        public string Id { get; } = id;
        public string Title { get; set; } = title;
        public DateTimeOffset FirstSeen { get; set; } = firstSeen;
        public DateTimeOffset LastUpdated { get; set; }
        public long Order { get; } = order;

        /// <summary>From the story's order, which no other active story shares (see <see cref="Term.GetHashCode"/> for why).</summary>
        public override int GetHashCode() => Order.GetHashCode();

        public List<string> ArticleIds { get; } = [];
        public HashSet<string> NearDuplicates { get; } = new(StringComparer.Ordinal);
        /// <summary>Term → summed weighted count over the members; keyed by the table's term objects (reference hashing).</summary>
        public Dictionary<Term, double> Centroid { get; } = [];
        public List<uint[]> Signatures { get; } = [];

        private (Term[] Terms, double[] LogCounts)? scoringTerms;

        /// <summary>
        /// The centroid's terms with the log of their mean count, in the centroid's order: what scoring reads from the
        /// story, kept until the story changes (it is scored far more often than it is joined).
        /// </summary>
        public (Term[] Terms, double[] LogCounts) ScoringTerms()
        {
            if (scoringTerms is { } cached)
            {
                return cached;
            }

            var members = Math.Max(1, ArticleIds.Count);
            var terms = new Term[Centroid.Count];
            var logCounts = new double[Centroid.Count];
            var i = 0;
            foreach (var (term, sum) in Centroid)
            {
                terms[i] = term;
                logCounts[i++] = Math.Log(1 + (sum / members));
            }

            scoringTerms = (terms, logCounts);
            return (terms, logCounts);
        }

        /// <summary>Called whenever the centroid or the member count changes.</summary>
        public void CentroidChanged() => scoringTerms = null;

        /// <summary>Estimated sum of the pairwise similarities of the members' unit vectors (each with itself included).</summary>
        public double PairSum { get; set; }

        /// <summary>Norm of the members' mean unit vector: the root of their mean pairwise similarity, 1 for one member.</summary>
        public double Cohesion => ArticleIds.Count == 0 ? 1 : Math.Min(1, Math.Sqrt(PairSum) / ArticleIds.Count);

        /// <summary>Scratch of the candidate lookup: the overlap summed in the lookup numbered <see cref="LookupStamp"/>.</summary>
        public double Overlap { get; set; }

        public long LookupStamp { get; set; }
    }
}

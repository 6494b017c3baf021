using System.Globalization;
using Digest.Core.Articles;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Core.Summaries;

namespace Digest.Core.Processing;

/// <summary>What one <see cref="StoryFold.RunAsync"/> did.</summary>
/// <param name="Folded">Articles folded into stories (re-folded ones included).</param>
/// <param name="Refolded">Articles folded again because an earlier article arrived after them.</param>
/// <param name="Busy">True when another holder had the lease; it folds what is pending.</param>
public sealed record FoldResult(int Folded, int Refolded, bool Busy);

/// <summary>
/// The process stage's single writer: folds the pending articles into stories in publication order (ties by id),
/// whatever order and however many workers they arrived by, so the result is a function of the set of articles only.
/// </summary>
/// <remarks>
/// <para><b>Why a fold.</b> Story clustering and "what is new" are judged against earlier coverage, so they depend on
/// order. Queue messages arrive in any order, on any instance; the <c>articles</c> stage only records each article as
/// pending (<see cref="PendingArticle"/>), and the fold, holding <see cref="FoldLease"/>, applies them in order. It reads
/// the story index once per batch and writes it once, instead of rewriting one shared document per article.</para>
/// <para><b>Late articles.</b> When a pending article sorts before what was already folded, the fold rewinds: it
/// restores the index from the checkpoint taken before that article's day (<c>state/fold/checkpoints/&lt;day&gt;.json</c>),
/// takes every article folded since that day out of its story, and folds them all again with the late one in its place.
/// So a late-arriving earlier article changes what its later siblings call new, exactly as if it had come first.
/// Checkpoints are kept for <see cref="CheckpointDays"/> days; an article older than that is folded where it arrives.</para>
/// <para><b>Crash safety.</b> Every write is a pure function of the ordered articles, and the index — which records how
/// far it has folded — is written in one piece after the documents of the batch: a fold that dies is simply run again
/// from the last index and writes the same documents. Pending entries of a batch whose index was written but which were
/// not yet deleted are recognised by their activity record and dropped.</para>
/// </remarks>
public sealed class StoryFold
{
    public const string CheckpointFolder = "fold/checkpoints/";

    /// <summary>How far back a late article can still take its place in order.</summary>
    public const int CheckpointDays = 30;

    /// <summary>Articles folded between two writes of the index and cursor (and lease renewals).</summary>
    public const int BatchSize = 500;

    /// <summary>Word budget of a story's running summary.</summary>
    public const int StorySummaryWords = 120;

    private readonly JsonDocumentStore documents;
    private readonly ArticleArchive articles;
    private readonly ICoverageDiffer differ;
    private readonly ISummarizer summarizer;
    private readonly IRunReporter reporter;
    private readonly TimeProvider leaseClock;
    private readonly StoryOptions options;

    public StoryFold(IBlobStore blobs, ICoverageDiffer differ, ISummarizer summarizer, IRunReporter reporter,
        TimeProvider leaseClock, StoryOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        documents = new JsonDocumentStore(blobs, reporter);
        articles = new ArticleArchive(blobs, reporter);
        this.differ = differ ?? throw new ArgumentNullException(nameof(differ));
        this.summarizer = summarizer ?? throw new ArgumentNullException(nameof(summarizer));
        this.reporter = reporter ?? throw new ArgumentNullException(nameof(reporter));
        this.leaseClock = leaseClock ?? throw new ArgumentNullException(nameof(leaseClock));
        this.options = options ?? new StoryOptions();
    }

    /// <summary>Records an article for the next fold. Idempotent: the same article always gets the same entry.</summary>
    public Task RegisterAsync(Article article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);
        var pending = new PendingArticle(article.Id, article.Published);
        return documents.WriteAsync(Containers.State, pending.Path, pending, cancellationToken: cancellationToken);
    }

    /// <summary>Removes a lease left by a dead run; see <see cref="FoldLease.BreakAsync"/>.</summary>
    public Task BreakStaleLeaseAsync(CancellationToken cancellationToken = default) => FoldLease.BreakAsync(documents, cancellationToken);

    /// <summary>Folds everything pending, if no one else is folding; returns when nothing is pending.</summary>
    public async Task<FoldResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var folded = 0;
        var refolded = 0;
        while (true)
        {
            await using (var lease = await FoldLease.TryAcquireAsync(documents, leaseClock, cancellationToken))
            {
                if (lease is null)
                {
                    return new FoldResult(folded, refolded, Busy: true);
                }

                while (await ListPendingAsync(cancellationToken) is { Count: > 0 } pending)
                {
                    var (done, again) = await FoldBatchAsync(pending, cancellationToken);
                    folded += done;
                    refolded += again;
                    await lease.RenewAsync(cancellationToken);
                }
            }

            // Something registered between the last listing and the release would wait for the next fold: look once more.
            if ((await ListPendingAsync(cancellationToken)).Count == 0)
            {
                return new FoldResult(folded, refolded, Busy: false);
            }
        }
    }

    private async Task<(int Folded, int Refolded)> FoldBatchAsync(List<PendingArticle> pending, CancellationToken cancellationToken)
    {
        var index = await documents.GetAsync<StoryIndexDocument>(Containers.State, StoryTracker.IndexPath, cancellationToken);
        var cursor = FoldCursor.Of(index);
        pending = await DropFoldedAsync(pending, cursor, cancellationToken);
        var refolded = 0;
        if (pending.Count > 0 && cursor is not null && string.CompareOrdinal(pending[0].Key, cursor.LastKey) <= 0)
        {
            var rewound = await RewindAsync(pending[0], cursor, cancellationToken);
            if (rewound is not null)
            {
                refolded = rewound.Value.Refolded;
                index = rewound.Value.Index;
                cursor = FoldCursor.Of(index);
                pending = await ListPendingAsync(cancellationToken);
            }
        }

        var batch = new FoldBatch(this, new StoryClusterer(options, index), cursor);
        foreach (var entry in pending.Take(BatchSize))
        {
            await batch.FoldAsync(entry, cancellationToken);
        }

        await batch.CommitAsync(cancellationToken);
        return (batch.Folded, refolded);
    }

    /// <summary>
    /// Entries at or before the cursor that have an activity record were folded by a batch that died after writing its
    /// index: their work is done, only the entry is left.
    /// </summary>
    private async Task<List<PendingArticle>> DropFoldedAsync(List<PendingArticle> pending, FoldCursor? cursor, CancellationToken cancellationToken)
    {
        if (cursor is null)
        {
            return pending;
        }

        var kept = new List<PendingArticle>(pending.Count);
        foreach (var entry in pending)
        {
            if (string.CompareOrdinal(entry.Key, cursor.LastKey) <= 0
                && await documents.Blobs.GetAsync(Containers.State, BlobPaths.Activity(entry.Day, entry.ArticleId), cancellationToken) is not null)
            {
                await documents.Blobs.DeleteAsync(Containers.State, entry.Path, cancellationToken: cancellationToken);
            }
            else
            {
                kept.Add(entry);
            }
        }

        return kept;
    }

    /// <summary>
    /// Puts every article folded on or after the late article's day back in the pending list, takes them out of their
    /// stories, and restores the index to its checkpoint before that day. Null when the day is beyond the checkpoints kept.
    /// </summary>
    private async Task<(StoryIndexDocument Index, int Refolded)?> RewindAsync(PendingArticle late, FoldCursor cursor, CancellationToken cancellationToken)
    {
        var checkpoints = await ListCheckpointDaysAsync(cancellationToken);
        var from = checkpoints.Where(day => day >= late.Day).Select(day => (DateOnly?)day).FirstOrDefault();
        var complete = from is { } first && (late.Day >= checkpoints[0]
            || (first == checkpoints[0] && (await documents.GetAsync<StoryIndexDocument>(Containers.State, CheckpointPath(first), cancellationToken))?.Documents is null or 0));
        if (from is null || !complete)
        {
            reporter.Warning($"Article {late.ArticleId} (published {late.Published.ToString("O", CultureInfo.InvariantCulture)}) is older than the fold can rewind; folded where it arrived.");
            return null;
        }

        // Everything folded on or after the checkpoint's day goes back in, the late article's siblings among them.
        var refold = new List<ActivityRecord>();
        for (var day = from.Value; day <= cursor.LastDay; day = day.AddDays(1))
        {
            await foreach (var path in documents.Blobs.ListAsync(Containers.State, BlobPaths.ActivityDay(day), cancellationToken))
            {
                if (await documents.GetAsync<ActivityRecord>(Containers.State, path, cancellationToken) is { } record)
                {
                    refold.Add(record);
                }
            }
        }

        foreach (var record in refold)
        {
            var pending = new PendingArticle(record.ArticleId, record.Published);
            await documents.WriteAsync(Containers.State, pending.Path, pending, cancellationToken: cancellationToken);
        }

        var leaving = refold.Select(r => r.ArticleId).ToHashSet(StringComparer.Ordinal);
        foreach (var storyId in refold.Select(r => r.StoryId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await TakeOutAsync(storyId, leaving, cancellationToken);
        }

        foreach (var record in refold)
        {
            await documents.Blobs.DeleteAsync(Containers.State,
                BlobPaths.Activity(DateOnly.FromDateTime(record.Published.UtcDateTime), record.ArticleId), cancellationToken: cancellationToken);
        }

        // Nothing was folded between the late article's day and the checkpoint's, so the restored state is also the state
        // before the late article's day: the fold takes a checkpoint there when it gets to it.
        var restart = late.Day < from.Value ? late.Day : from.Value;
        var checkpoint = await documents.GetAsync<StoryIndexDocument>(Containers.State, CheckpointPath(from.Value), cancellationToken)
            ?? new StoryIndexDocument();
        var restored = checkpoint with { FoldedThrough = PendingArticle.FirstKeyOf(restart), FoldedDay = restart.AddDays(-1) };
        await documents.WriteAsync(Containers.State, StoryTracker.IndexPath, restored, cancellationToken: cancellationToken);
        reporter.Info($"An earlier article arrived late ({late.ArticleId}); {refold.Count.ToString(CultureInfo.InvariantCulture)} article(s) from {BlobPaths.Day(from.Value)} on are folded again.");
        return (restored, refold.Count);
    }

    private async Task TakeOutAsync(string storyId, HashSet<string> leaving, CancellationToken cancellationToken)
    {
        var story = await documents.GetAsync<Story>(Containers.Stories, BlobPaths.Story(storyId), cancellationToken);
        if (story is null)
        {
            return;
        }

        var staying = (await articles.GetManyAsync(story.ArticleIds.Where(id => !leaving.Contains(id)), cancellationToken: cancellationToken))
            .Select(ToDocument).ToList();
        var trimmed = StoryMembers.Without(story, leaving, staying);
        if (trimmed is null)
        {
            await documents.Blobs.DeleteAsync(Containers.Stories, BlobPaths.Story(storyId), cancellationToken: cancellationToken);
            return;
        }

        var summary = summarizer.SummarizeStory(Sample(trimmed, staying), StorySummaryWords);
        await documents.WriteAsync(Containers.Stories, BlobPaths.Story(storyId), trimmed with { Summary = summary }, cancellationToken: cancellationToken);
    }

    private async Task<List<PendingArticle>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        await foreach (var path in documents.Blobs.ListAsync(Containers.State, PendingArticle.Folder, cancellationToken))
        {
            paths.Add(path);
        }

        paths.Sort(StringComparer.Ordinal);
        var pending = new List<PendingArticle>(paths.Count);
        foreach (var path in paths)
        {
            if (await documents.GetAsync<PendingArticle>(Containers.State, path, cancellationToken) is { } entry)
            {
                pending.Add(entry);
            }
        }

        return pending;
    }

    private async Task<List<DateOnly>> ListCheckpointDaysAsync(CancellationToken cancellationToken)
    {
        var days = new List<DateOnly>();
        await foreach (var path in documents.Blobs.ListAsync(Containers.State, CheckpointFolder, cancellationToken))
        {
            var name = path[CheckpointFolder.Length..].Replace(".json", "", StringComparison.Ordinal);
            if (DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                days.Add(day);
            }
        }

        days.Sort();
        return days;
    }

    private static string CheckpointPath(DateOnly day) => CheckpointFolder + BlobPaths.Day(day) + ".json";

    private static List<CoverageDocument> Sample(Story story, IEnumerable<CoverageDocument> known)
    {
        var byId = known.ToDictionary(d => d.Id, StringComparer.Ordinal);
        return StorySample.Select(story.ArticleIds, story.NearDuplicateArticleIds).Where(byId.ContainsKey).Select(id => byId[id]).ToList();
    }

    public static CoverageDocument ToDocument(Article article)
        => new(article.Id, article.Outlet, article.Title, article.Text, article.Published);

    /// <summary>Where the fold has got to: the key of the last article folded, and its day.</summary>
    public sealed record FoldCursor(string LastKey, DateOnly LastDay)
    {
        public static FoldCursor? Of(StoryIndexDocument? index)
            => index is { FoldedThrough: { } key, FoldedDay: { } day } ? new FoldCursor(key, day) : null;
    }

    /// <summary>One batch: the clusterer in memory, the stories it touched, the documents it read.</summary>
    private sealed class FoldBatch(StoryFold fold, StoryClusterer clusterer, FoldCursor? cursor)
    {
        private const int MaxCachedDocuments = 20_000;

        private readonly Dictionary<string, Story> stories = new(StringComparer.Ordinal);
        private readonly SortedSet<string> dirty = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CoverageDocument> cache = new(StringComparer.Ordinal);
        private readonly List<PendingArticle> done = [];
        private FoldCursor? position = cursor;

        public int Folded => done.Count;

        public async Task FoldAsync(PendingArticle entry, CancellationToken cancellationToken)
        {
            if (position is null || entry.Day > position.LastDay)
            {
                // The state before the first article of a day: where a late article of that day will rewind to.
                await fold.documents.WriteAsync(Containers.State, CheckpointPath(entry.Day), clusterer.Export(), cancellationToken: cancellationToken);
            }

            done.Add(entry);
            if (position is null || string.CompareOrdinal(entry.Key, position.LastKey) > 0)
            {
                // An article folded where it arrived (older than any checkpoint) does not move the cursor back.
                position = new FoldCursor(entry.Key, entry.Day);
            }
            var article = await fold.articles.GetAsync(entry.ArticleId, cancellationToken);
            if (article is null)
            {
                fold.reporter.Warning($"Article {entry.ArticleId} is pending but not in the archive; left out.");
                return;
            }

            var document = ToDocument(article);
            Remember(document);
            var assignment = clusterer.Assign(ArticleFeatures.Create(document, fold.options));
            clusterer.SetTitleIfEmpty(assignment.StoryId, article.Title);
            var story = StoryMembers.Add(await StoryAsync(assignment.StoryId, cancellationToken), assignment, document, article.Published);
            stories[story.Id] = story;
            dirty.Add(story.Id);

            // A bounded sample of the earlier members: one story carried by a thousand outlets must not make each of its
            // articles cost a thousand reads and a thousand-article diff.
            var earlierIds = StorySample.Select(StoryMembers.Before(story, article.Id), story.NearDuplicateArticleIds);
            var earlier = await DocumentsAsync(earlierIds, cancellationToken);
            var novelty = fold.differ.Diff(document, earlier);
            var summary = fold.summarizer.SummarizeArticle(document);

            await fold.documents.WriteAsync(Containers.State, BlobPaths.Activity(entry.Day, article.Id),
                new ActivityRecord(article.Id, story.Id, article.Published), cancellationToken: cancellationToken);
            await fold.articles.WriteAsync(article with
            {
                Status = ArticleStatus.Processed,
                StoryId = story.Id,
                Summary = summary,
                Novelty = novelty,
            }, cancellationToken);

            fold.reporter.Info($"{article.Outlet}: \"{article.Title}\" -> story {story.Id}"
                + (assignment.IsNewStory ? " (new)" : $" ({novelty.New.Count} new, {novelty.Repeated.Count} repeated sentence(s))"));
        }

        /// <summary>Stories, then the index (with the cursor), then the pending entries: a crash before the index redoes the batch.</summary>
        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            foreach (var storyId in dirty)
            {
                var story = stories[storyId];
                var members = await DocumentsAsync(StorySample.Select(story.ArticleIds, story.NearDuplicateArticleIds), cancellationToken);
                var summary = fold.summarizer.SummarizeStory(members, StorySummaryWords);
                await fold.documents.WriteAsync(Containers.Stories, BlobPaths.Story(storyId), story with { Summary = summary },
                    cancellationToken: cancellationToken);
            }

            await fold.documents.WriteAsync(Containers.State, StoryTracker.IndexPath,
                clusterer.Export() with { FoldedThrough = position?.LastKey, FoldedDay = position?.LastDay }, cancellationToken: cancellationToken);
            foreach (var entry in done)
            {
                await fold.documents.Blobs.DeleteAsync(Containers.State, entry.Path, cancellationToken: cancellationToken);
            }

            await ForgetOldCheckpointsAsync(cancellationToken);
        }

        private async Task ForgetOldCheckpointsAsync(CancellationToken cancellationToken)
        {
            if (position is null)
            {
                return;
            }

            var oldest = position.LastDay.AddDays(-CheckpointDays);
            foreach (var day in await fold.ListCheckpointDaysAsync(cancellationToken))
            {
                if (day < oldest)
                {
                    await fold.documents.Blobs.DeleteAsync(Containers.State, CheckpointPath(day), cancellationToken: cancellationToken);
                }
            }
        }

        private async Task<Story?> StoryAsync(string storyId, CancellationToken cancellationToken)
            => stories.TryGetValue(storyId, out var story)
                ? story
                : await fold.documents.GetAsync<Story>(Containers.Stories, BlobPaths.Story(storyId), cancellationToken);

        private async Task<IReadOnlyList<CoverageDocument>> DocumentsAsync(IReadOnlyList<string> ids, CancellationToken cancellationToken)
        {
            var result = new List<CoverageDocument>(ids.Count);
            foreach (var id in ids)
            {
                if (cache.TryGetValue(id, out var known))
                {
                    result.Add(known);
                }
                else if (await fold.articles.GetAsync(id, cancellationToken) is { } article)
                {
                    var document = ToDocument(article);
                    Remember(document);
                    result.Add(document);
                }
                else
                {
                    fold.reporter.Warning($"Story member {id} is missing from the archive; left out.");
                }
            }

            return result;
        }

        private void Remember(CoverageDocument document)
        {
            if (cache.Count >= MaxCachedDocuments)
            {
                cache.Clear();
            }

            cache[document.Id] = document;
        }
    }
}

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
/// <param name="Stories">The stories this fold changed (joined, rewound or emptied), by id in ordinal order: what the
/// archive site regenerates.</param>
public sealed record FoldResult(int Folded, int Refolded, bool Busy, IReadOnlyList<string>? Stories = null)
{
    public IReadOnlyList<string> ChangedStories => Stories ?? [];
}

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
/// Checkpoints are kept for <see cref="CheckpointDays"/> days; an article older than that takes its place at the start of
/// the oldest checkpoint kept (it is never folded out of order).</para>
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
        var changed = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            await using (var lease = await FoldLease.TryAcquireAsync(documents, leaseClock, cancellationToken))
            {
                if (lease is null)
                {
                    return new FoldResult(folded, refolded, Busy: true, [.. changed]);
                }

                while (await ListPendingAsync(cancellationToken) is { Count: > 0 } pending)
                {
                    var (done, again) = await FoldBatchAsync(pending, lease, changed, cancellationToken);
                    folded += done;
                    refolded += again;
                    await lease.RenewAsync(cancellationToken);
                }
            }

            // Something registered between the last listing and the release would wait for the next fold: look once more.
            if ((await ListPendingAsync(cancellationToken)).Count == 0)
            {
                return new FoldResult(folded, refolded, Busy: false, [.. changed]);
            }
        }
    }

    private async Task<(int Folded, int Refolded)> FoldBatchAsync(List<Listed> pending, FoldLease lease, SortedSet<string> changed,
        CancellationToken cancellationToken)
    {
        var read = await documents.ReadAsync<StoryIndexDocument>(Containers.State, StoryTracker.IndexPath, cancellationToken);
        var cursor = FoldCursor.Of(read?.Value);
        pending = await DropFoldedAsync(pending, cursor, cancellationToken);
        var refolded = 0;
        if (pending.Count > 0 && cursor is not null && string.CompareOrdinal(pending[0].Entry.Key, cursor.LastKey) <= 0)
        {
            refolded = await RewindAsync(pending, cursor, lease, changed, cancellationToken);
            read = await documents.ReadAsync<StoryIndexDocument>(Containers.State, StoryTracker.IndexPath, cancellationToken);
            cursor = FoldCursor.Of(read?.Value);
            pending = await ListPendingAsync(cancellationToken);
        }

        var batch = new FoldBatch(this, new StoryClusterer(options, read?.Value), cursor, read?.ETag, lease);
        foreach (var listed in pending.Take(BatchSize))
        {
            await batch.FoldAsync(listed, cancellationToken);
        }

        await batch.CommitAsync(cancellationToken);
        changed.UnionWith(batch.Touched);
        return (batch.Folded, refolded);
    }

    /// <summary>
    /// Entries at or before the cursor that have an activity record were folded by a batch that died after writing its
    /// index: their work is done, only the entry is left. (Every fold position is after the cursor of the batch that
    /// folds it, because a late article is rewound to, never folded out of order.)
    /// </summary>
    private async Task<List<Listed>> DropFoldedAsync(List<Listed> pending, FoldCursor? cursor, CancellationToken cancellationToken)
    {
        if (cursor is null)
        {
            return pending;
        }

        var kept = new List<Listed>(pending.Count);
        foreach (var listed in pending)
        {
            if (string.CompareOrdinal(listed.Entry.Key, cursor.LastKey) <= 0
                && await documents.Blobs.GetAsync(Containers.State, BlobPaths.Activity(listed.Entry.Day, listed.Entry.ArticleId), cancellationToken) is not null)
            {
                await documents.Blobs.DeleteAsync(Containers.State, listed.Path, cancellationToken: cancellationToken);
            }
            else
            {
                kept.Add(listed);
            }
        }

        return kept;
    }

    /// <summary>
    /// Rewinds for the earliest pending article, which sorts at or before what was folded: restores the index from the
    /// latest checkpoint taken on or before that article's day, takes every article folded since out of its story and
    /// puts it back in the pending list. An article older than every checkpoint kept is first moved to the start of the
    /// oldest one (its fold position, not its publication time): the fold never folds out of order. Returns how many
    /// articles are folded again.
    /// </summary>
    private async Task<int> RewindAsync(List<Listed> pending, FoldCursor cursor, FoldLease lease, SortedSet<string> changed,
        CancellationToken cancellationToken)
    {
        var late = pending[0];
        var checkpoints = await ListCheckpointDaysAsync(cancellationToken);
        var (from, restart) = await ChooseRewindAsync(late.Entry.Day, checkpoints, cancellationToken);
        if (late.Entry.Day < restart)
        {
            // Older than the checkpoints kept: it takes its place at the start of the oldest one.
            var moved = late.Entry with { Published = new DateTimeOffset(restart.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) };
            await documents.WriteAsync(Containers.State, moved.Path, moved, cancellationToken: cancellationToken);
            await documents.Blobs.DeleteAsync(Containers.State, late.Path, cancellationToken: cancellationToken);
            reporter.Warning($"Article {late.Entry.ArticleId} (published {late.Entry.Published.ToString("O", CultureInfo.InvariantCulture)}) is older than the fold can rewind; it is folded as of {BlobPaths.Day(restart)}.", ReportSubject.Article(late.Entry.ArticleId));
        }

        // Everything folded on or after the rewind day goes back in: up to the last day folded, and the days of what is
        // pending (a batch that died after writing its documents but before its index left activity there).
        var lastDay = pending.Select(p => p.Entry.Day).Append(cursor.LastDay).Max();
        var refold = new List<(string Path, ActivityRecord Record)>();
        for (var day = from; day <= lastDay; day = day.AddDays(1))
        {
            await foreach (var path in documents.Blobs.ListAsync(Containers.State, BlobPaths.ActivityDay(day), cancellationToken))
            {
                if (await documents.GetAsync<ActivityRecord>(Containers.State, path, cancellationToken) is { } record)
                {
                    refold.Add((path, record));
                }
            }
        }

        foreach (var (_, record) in refold)
        {
            var again = new PendingArticle(record.ArticleId, record.Published);
            await documents.WriteAsync(Containers.State, again.Path, again, cancellationToken: cancellationToken);
        }

        await lease.RenewAsync(cancellationToken);
        var leaving = refold.Select(r => r.Record.ArticleId).ToHashSet(StringComparer.Ordinal);
        foreach (var storyId in refold.Select(r => r.Record.StoryId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            await TakeOutAsync(storyId, leaving, cancellationToken);
            changed.Add(storyId);
        }

        foreach (var (path, _) in refold)
        {
            await documents.Blobs.DeleteAsync(Containers.State, path, cancellationToken: cancellationToken);
        }

        await lease.RenewAsync(cancellationToken);
        var checkpoint = from == restart && checkpoints.Count == 0
            ? new StoryIndexDocument()
            : await documents.GetAsync<StoryIndexDocument>(Containers.State, CheckpointPath(from), cancellationToken) ?? new StoryIndexDocument();
        var restored = checkpoint with { FoldedThrough = PendingArticle.FirstKeyOf(restart), FoldedDay = restart.AddDays(-1) };
        await documents.WriteAsync(Containers.State, StoryTracker.IndexPath, restored, cancellationToken: cancellationToken);
        reporter.Info($"An earlier article arrived late ({late.Entry.ArticleId}); {refold.Count.ToString(CultureInfo.InvariantCulture)} article(s) from {BlobPaths.Day(from)} on are folded again.", ReportSubject.Article(late.Entry.ArticleId));
        return refold.Count;
    }

    /// <summary>
    /// Which checkpoint to restore (<c>from</c>) and the first day to fold again (<c>restart</c>). A checkpoint holds the
    /// state before its day, so the latest readable one on or before the late article's day will do. Before the first
    /// checkpoint there is only the empty state, if that checkpoint is the empty state; otherwise the article is moved to
    /// the first checkpoint's day. Without any readable checkpoint, everything is folded again from the start.
    /// </summary>
    private async Task<(DateOnly From, DateOnly Restart)> ChooseRewindAsync(DateOnly lateDay, List<DateOnly> checkpoints,
        CancellationToken cancellationToken)
    {
        foreach (var day in checkpoints.Where(day => day <= lateDay).Reverse())
        {
            if (await documents.GetAsync<StoryIndexDocument>(Containers.State, CheckpointPath(day), cancellationToken) is not null)
            {
                return (day, day);
            }
        }

        foreach (var day in checkpoints)
        {
            if (await documents.GetAsync<StoryIndexDocument>(Containers.State, CheckpointPath(day), cancellationToken) is { } first)
            {
                return first.Documents == 0 ? (day, lateDay) : (day, day);
            }
        }

        // No checkpoint at all (removed by hand): fold the whole archive again from the empty state.
        var earliest = DateOnly.MinValue.AddDays(1);
        await foreach (var path in documents.Blobs.ListAsync(Containers.State, "activity/", cancellationToken))
        {
            var name = path["activity/".Length..].Split('/')[0];
            if (DateOnly.TryParseExact(name, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                earliest = day;
                break;
            }
        }

        var start = earliest < lateDay ? earliest : lateDay;
        return (start, start);
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

    /// <summary>
    /// The pending entries in key order, each with the path it was listed at (deletes use that path, so an entry whose
    /// content does not match its name can never be left behind for ever). An entry whose name is not the one its
    /// content gives is rewritten under the right name.
    /// </summary>
    private async Task<List<Listed>> ListPendingAsync(CancellationToken cancellationToken)
    {
        var paths = new List<string>();
        await foreach (var path in documents.Blobs.ListAsync(Containers.State, PendingArticle.Folder, cancellationToken))
        {
            paths.Add(path);
        }

        paths.Sort(StringComparer.Ordinal);
        var pending = new List<Listed>(paths.Count);
        foreach (var path in paths)
        {
            var entry = await documents.GetAsync<PendingArticle>(Containers.State, path, cancellationToken);
            if (entry is null || string.IsNullOrEmpty(entry.ArticleId))
            {
                reporter.Warning($"{Containers.State}/{path} is not a pending article; removed.");
                await documents.Blobs.DeleteAsync(Containers.State, path, cancellationToken: cancellationToken);
                continue;
            }

            if (!string.Equals(entry.Path, path, StringComparison.Ordinal))
            {
                await documents.WriteAsync(Containers.State, entry.Path, entry, cancellationToken: cancellationToken);
                await documents.Blobs.DeleteAsync(Containers.State, path, cancellationToken: cancellationToken);
            }

            pending.Add(new Listed(entry, entry.Path));
        }

        pending.Sort((a, b) => string.CompareOrdinal(a.Entry.Key, b.Entry.Key));
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

    /// <summary>A pending entry and the path it is stored at.</summary>
    private sealed record Listed(PendingArticle Entry, string Path);

    /// <summary>Where the fold has got to: the key of the last article folded, and its day.</summary>
    public sealed record FoldCursor(string LastKey, DateOnly LastDay)
    {
        public static FoldCursor? Of(StoryIndexDocument? index)
            => index is { FoldedThrough: { } key, FoldedDay: { } day } ? new FoldCursor(key, day) : null;
    }

    /// <summary>One batch: the clusterer in memory, the stories it touched, the documents it read.</summary>
    private sealed class FoldBatch(StoryFold fold, StoryClusterer clusterer, FoldCursor? cursor, string? indexETag, FoldLease lease)
    {
        private const int MaxCachedDocuments = 20_000;

        /// <summary>Articles between lease renewals, well within its two minutes even on remote storage.</summary>
        private const int RenewEvery = 50;

        private readonly Dictionary<string, Story> stories = new(StringComparer.Ordinal);
        private readonly SortedSet<string> dirty = new(StringComparer.Ordinal);
        private readonly Dictionary<string, CoverageDocument> cache = new(StringComparer.Ordinal);
        private readonly List<Listed> done = [];
        private FoldCursor? position = cursor;

        public int Folded => done.Count;

        /// <summary>The stories this batch wrote.</summary>
        public IEnumerable<string> Touched => dirty;

        public async Task FoldAsync(Listed listed, CancellationToken cancellationToken)
        {
            var entry = listed.Entry;
            if (done.Count > 0 && done.Count % RenewEvery == 0)
            {
                await lease.RenewAsync(cancellationToken);
            }

            if (position is null || entry.Day > position.LastDay)
            {
                // The state before the first article of a day: where a late article of that day will rewind to.
                await fold.documents.WriteAsync(Containers.State, CheckpointPath(entry.Day), clusterer.Export(), cancellationToken: cancellationToken);
            }

            done.Add(listed);
            position = new FoldCursor(entry.Key, entry.Day);
            var article = await fold.articles.GetAsync(entry.ArticleId, cancellationToken);
            if (article is null)
            {
                fold.reporter.Warning($"Article {entry.ArticleId} is pending but not in the archive; left out.", ReportSubject.Article(entry.ArticleId));
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

            // The fold position (the publication time, unless the article was too old to rewind to) files the record, so a
            // rewind puts it back where it was folded.
            await fold.documents.WriteAsync(Containers.State, BlobPaths.Activity(entry.Day, article.Id),
                new ActivityRecord(article.Id, story.Id, entry.Published), cancellationToken: cancellationToken);
            await fold.articles.WriteAsync(article with
            {
                Status = ArticleStatus.Processed,
                StoryId = story.Id,
                Summary = summary,
                Novelty = novelty,
            }, cancellationToken);

            fold.reporter.Info($"{article.Outlet}: \"{article.Title}\" -> story {story.Id}"
                + (assignment.IsNewStory ? " (new)" : $" ({novelty.New.Count} new, {novelty.Repeated.Count} repeated sentence(s))"),
                ReportSubject.Article(article.Id, story.Id));
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

            // Conditional on the index this batch started from: a holder whose lease ran out and was taken over fails here
            // instead of overwriting the new holder's work.
            await fold.documents.WriteAsync(Containers.State, StoryTracker.IndexPath,
                clusterer.Export() with { FoldedThrough = position?.LastKey, FoldedDay = position?.LastDay },
                indexETag is null ? BlobCondition.IfNotExists : BlobCondition.IfMatches(indexETag), cancellationToken);
            foreach (var listed in done)
            {
                await fold.documents.Blobs.DeleteAsync(Containers.State, listed.Path, cancellationToken: cancellationToken);
            }

            await ForgetOldCheckpointsAsync(cancellationToken);
        }

        private async Task ForgetOldCheckpointsAsync(CancellationToken cancellationToken)
        {
            if (position is null)
            {
                return;
            }

            var oldest = position.LastDay.DayNumber > CheckpointDays ? position.LastDay.AddDays(-CheckpointDays) : DateOnly.MinValue;
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
                    fold.reporter.Warning($"Story member {id} is missing from the archive; left out.", ReportSubject.Article(id));
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

using System.Globalization;
using Digest.Core.Articles;
using Digest.Core.Diagnostics;
using Digest.Core.Extraction;
using Digest.Core.Feeds;
using Digest.Core.Fetching;
using Digest.Core.Json;
using Digest.Core.Queueing;
using Digest.Core.Safety;
using Digest.Core.Storage;

namespace Digest.Core.Sources;

/// <summary>
/// The fetch stage: reads every source's feed, downloads and extracts each new item's page, archives the raw page and
/// the article, and queues one message per new article.
/// </summary>
/// <remarks>
/// <para>Crash safety comes from ordering, not transactions: the source's state (validators, seen ids) is written last,
/// so a run that dies halfway fetches the same items again next time. Pages already archived are not downloaded again
/// but are queued again; the process stage ignores articles it has already processed, so a duplicate message is
/// harmless.</para>
/// <para>Hostile input: nothing a source does can stop the others. Every failure of a source (feed, parse, storage,
/// a bug) is caught, named in its state and reported; every failure of one item only fails that item, which is tried
/// again with backoff. The work of a run is bounded by <see cref="FetchLimits"/>: a number of new items per source, a
/// number of concurrent fetches, and the fetcher's own deadlines.</para>
/// </remarks>
public sealed class FetchHandler(
    IPageFetcher fetcher,
    IArticleExtractor extractor,
    IBlobStore blobs,
    IMessageQueue queue,
    TimeProvider clock,
    IRunReporter reporter)
{
    private readonly JsonDocumentStore documents = new(blobs, reporter);
    private readonly ArticleArchive articles = new(blobs, reporter);

    /// <summary>Fetches every source, <see cref="FetchLimits.ConcurrentSources"/> at a time; results in configuration order.</summary>
    public async Task<IReadOnlyList<SourceFetchResult>> FetchAllAsync(SourcesConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        var results = new SourceFetchResult[config.Sources.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, config.Sources.Count),
            new ParallelOptions { MaxDegreeOfParallelism = config.Limits.ConcurrentSources, CancellationToken = cancellationToken },
            async (index, token) => results[index] = await FetchSourceAsync(config.Sources[index], config.Limits, token));
        return results;
    }

    /// <summary>Fetches one source with the default limits.</summary>
    public Task<SourceFetchResult> FetchSourceAsync(SourceConfig source, CancellationToken cancellationToken = default)
        => FetchSourceAsync(source, FetchLimits.Default, cancellationToken);

    /// <summary>Fetches one source. Never throws for a bad source (only for cancellation): the failure is recorded in its state and returned.</summary>
    public async Task<SourceFetchResult> FetchSourceAsync(SourceConfig source, FetchLimits limits, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(limits);
        var sourceId = ItemIdentity.SourceId(source.Name, source.Url);
        try
        {
            return await FetchSourceCoreAsync(source, sourceId, limits, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not a feed problem (those are handled inside): storage, or a bug. Still only this source's failure.
            var message = $"{ex.GetType().Name}: {ex.Message}";
            reporter.Warning($"{source.Name}: failed: {message}");
            await TryRecordFailureAsync(source, sourceId, message, cancellationToken);
            return new SourceFetchResult(sourceId, source.Name, 0, 0, 0, NotModified: false, Error: message);
        }
    }

    private async Task<SourceFetchResult> FetchSourceCoreAsync(SourceConfig source, string sourceId, FetchLimits limits,
        CancellationToken cancellationToken)
    {
        var statePath = BlobPaths.SourceState(sourceId);
        var state = await ReadStateAsync(source, sourceId, cancellationToken);
        var now = clock.GetUtcNow();

        Feed feed;
        FetchResult feedResponse;
        try
        {
            var sameUrl = state.Url == source.Url;
            feedResponse = await fetcher.FetchAsync(
                new FetchRequest(source.Url, sameUrl ? state.ETag : null, sameUrl ? state.LastModified : null, AllowFile: source.Url.IsFile),
                cancellationToken);
            if (feedResponse.NotModified)
            {
                await SaveAsync(statePath, state with { LastAttempt = now, LastSuccess = now, ConsecutiveFailures = 0, LastError = null }, cancellationToken);
                reporter.Info($"{source.Name}: not modified");
                return new SourceFetchResult(sourceId, source.Name, 0, 0, 0, NotModified: true, Error: null);
            }

            feed = FeedParser.Parse(feedResponse.Content, feedResponse.FinalUri);
        }
        catch (Exception ex) when (ex is FetchException or FeedFormatException)
        {
            // A failed fetch leaves validators and seen ids exactly as they were.
            var failures = state.ConsecutiveFailures + 1;
            await SaveAsync(statePath, state with { Url = source.Url, LastAttempt = now, ConsecutiveFailures = failures, LastError = ex.Message }, cancellationToken);
            reporter.Warning($"{source.Name}: {ex.Message} ({failures.ToString(CultureInfo.InvariantCulture)} failure(s) in a row)");
            return new SourceFetchResult(sourceId, source.Name, 0, 0, 0, NotModified: false, Error: ex.Message);
        }

        foreach (var warning in feed.Warnings)
        {
            reporter.Warning($"{source.Name}: {warning}");
        }

        var plan = ItemPlan.Make(feed, sourceId, state, limits, now);
        var context = new SourceContext(source, sourceId, SourceOverrides.ForSource(source), limits, now,
            FollowedBefore: state.LastSuccess is not null);
        var outcomes = new ItemResult[plan.Take.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, plan.Take.Count),
            new ParallelOptions { MaxDegreeOfParallelism = limits.ConcurrentPages, CancellationToken = cancellationToken },
            async (index, token) => outcomes[index] = await TakeItemSafelyAsync(context, plan.Take[index], token));

        var tally = new Tally();
        var newlySeen = new List<string>();
        var failed = state.FailedItems.ToDictionary(f => f.ArticleId, StringComparer.Ordinal);
        for (var i = 0; i < outcomes.Length; i++)
        {
            var candidate = plan.Take[i];
            var result = outcomes[i];
            if (result.Outcome == ItemOutcome.Failed)
            {
                if (RecordFailure(failed, candidate, result.Error!, limits, now) is { } gaveUp)
                {
                    reporter.Warning($"{source.Name}: {candidate.Item.Link}: giving up after {gaveUp.ToString(CultureInfo.InvariantCulture)} failed attempts.");
                    newlySeen.Add(candidate.ArticleId);
                }

                tally.PageFailures++;
                continue;
            }

            failed.Remove(candidate.ArticleId);
            newlySeen.Add(candidate.ArticleId);
            if (result.Outcome == ItemOutcome.Queued)
            {
                tally.Queued++;
            }
            else
            {
                tally.NotArticles++;
            }
        }

        var seenIds = state.SeenIds.Concat(newlySeen).ToList();
        if (seenIds.Count > SourceState.SeenLimit)
        {
            seenIds = seenIds.GetRange(seenIds.Count - SourceState.SeenLimit, SourceState.SeenLimit);
        }

        // Work left for later (a page to retry, items over this run's budget) keeps the old validators, so the next
        // run reads the feed again instead of getting a 304 and never coming back to them.
        var keepValidators = tally.PageFailures > 0 || plan.Deferred > 0 || failed.Count > 0;
        await SaveAsync(statePath, state with
        {
            Url = source.Url,
            ETag = keepValidators ? state.ETag : feedResponse.ETag,
            LastModified = keepValidators ? state.LastModified : feedResponse.LastModified,
            SeenIds = seenIds,
            FailedItems = failed.Values.OrderBy(f => f.FirstSeen).ThenBy(f => f.ArticleId, StringComparer.Ordinal).ToList(),
            ConsecutiveFailures = 0,
            LastSuccess = now,
            LastAttempt = now,
            LastError = null,
        }, cancellationToken);

        reporter.Info($"{source.Name}: {tally.Queued.ToString(CultureInfo.InvariantCulture)} new article(s)"
            + (tally.NotArticles > 0 ? $", {tally.NotArticles.ToString(CultureInfo.InvariantCulture)} not an article" : "")
            + (tally.PageFailures > 0 ? $", {tally.PageFailures.ToString(CultureInfo.InvariantCulture)} page(s) failed" : "")
            + (plan.Deferred > 0 ? $", {plan.Deferred.ToString(CultureInfo.InvariantCulture)} left for the next run (limit {limits.MaxNewItemsPerSource.ToString(CultureInfo.InvariantCulture)} a run)" : "")
            + (plan.Waiting > 0 ? $", {plan.Waiting.ToString(CultureInfo.InvariantCulture)} waiting to be retried" : ""));
        return new SourceFetchResult(sourceId, source.Name, tally.Queued, tally.NotArticles, tally.PageFailures, NotModified: false, Error: null)
        {
            Deferred = plan.Deferred + plan.Waiting,
        };
    }

    /// <summary>The source's state; a missing or unreadable one (quarantined by the store) starts afresh.</summary>
    private async Task<SourceState> ReadStateAsync(SourceConfig source, string sourceId, CancellationToken cancellationToken)
        => await documents.GetAsync<SourceState>(Containers.State, BlobPaths.SourceState(sourceId), cancellationToken)
           ?? new SourceState { SourceId = sourceId, Name = source.Name, Url = source.Url };

    private async Task TryRecordFailureAsync(SourceConfig source, string sourceId, string message, CancellationToken cancellationToken)
    {
        try
        {
            var state = await ReadStateAsync(source, sourceId, cancellationToken);
            await SaveAsync(BlobPaths.SourceState(sourceId), state with
            {
                LastAttempt = clock.GetUtcNow(),
                ConsecutiveFailures = state.ConsecutiveFailures + 1,
                LastError = message,
            }, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Storage itself is failing: the report above is all that can be done; the next run tries again.
            reporter.Warning($"{source.Name}: could not record the failure: {ex.GetType().Name}: {ex.Message}");
        }
    }

    /// <summary>
    /// Records one more failure of an item's page; returns the number of attempts when that was the last one allowed
    /// (the item is then dropped from the retry list and marked seen by the caller), else null.
    /// </summary>
    private static int? RecordFailure(Dictionary<string, FailedItem> failed, Candidate candidate, string error, FetchLimits limits,
        DateTimeOffset now)
    {
        var previous = failed.GetValueOrDefault(candidate.ArticleId);
        var failures = (previous?.Failures ?? 0) + 1;
        if (failures >= limits.MaxPageAttempts)
        {
            failed.Remove(candidate.ArticleId);
            return failures;
        }

        failed[candidate.ArticleId] = new FailedItem
        {
            ArticleId = candidate.ArticleId,
            Url = candidate.Item.Link,
            Failures = failures,
            FirstSeen = previous?.FirstSeen ?? now,
            NextAttempt = now + limits.RetryDelayAfter(failures),
            LastError = error,
        };
        return null;
    }

    /// <summary>One item, with every failure turned into a <see cref="ItemOutcome.Failed"/> result naming it.</summary>
    private async Task<ItemResult> TakeItemSafelyAsync(SourceContext context, Candidate candidate, CancellationToken cancellationToken)
    {
        try
        {
            return new ItemResult(await TakeItemAsync(context, candidate, cancellationToken), null);
        }
        catch (FetchException ex)
        {
            reporter.Warning($"{context.Source.Name}: {candidate.Item.Link}: {ex.Message}");
            return new ItemResult(ItemOutcome.Failed, ex.Message);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var message = $"{ex.GetType().Name}: {ex.Message}";
            reporter.Warning($"{context.Source.Name}: {candidate.Item.Link}: failed: {message}");
            return new ItemResult(ItemOutcome.Failed, message);
        }
    }

    private async Task<ItemOutcome> TakeItemAsync(SourceContext context, Candidate candidate, CancellationToken cancellationToken)
    {
        var (source, item, articleId) = (context.Source, candidate.Item, candidate.ArticleId);
        var existing = await articles.GetAsync(articleId, cancellationToken);
        if (existing is not null)
        {
            // Archived by a run that died before it recorded the item as seen; queue it again unless already done.
            if (existing.Status != ArticleStatus.Processed)
            {
                await EnqueueAsync(existing, cancellationToken);
            }

            return ItemOutcome.Queued;
        }

        if (item.Link is null)
        {
            reporter.Warning($"{source.Name}: item \"{item.Title}\" has no link");
            return ItemOutcome.NotArticle;
        }

        var page = await fetcher.FetchAsync(new FetchRequest(item.Link, AllowFile: IsBesideFileFeed(source.Url, item.Link)), cancellationToken);
        var extracted = extractor.Extract(page.Content, page.ContentType, page.FinalUri, context.Overrides);
        if (!extracted.IsArticle)
        {
            reporter.Warning($"{source.Name}: {item.Link}: not an article ({extracted.NotArticleReason})");
            return ItemOutcome.NotArticle;
        }

        var now = clock.GetUtcNow();
        var claimed = extracted.Published ?? item.Published ?? now;
        var (published, notBelieved) = PublicationBound.Bound(claimed, candidate.FirstSeen, now, context.FollowedBefore,
            context.Limits.BackdateTolerance);
        if (notBelieved is not null)
        {
            reporter.Warning(string.Create(CultureInfo.InvariantCulture,
                $"{source.Name}: {item.Link}: claims to be published {claimed:O}; recorded as {published:O}."));
        }

        var article = new Article
        {
            Id = articleId,
            Url = item.Link,
            CanonicalUrl = SafeUrl.HttpOrNull(extracted.CanonicalUrl),
            Outlet = source.Name,
            SourceId = context.SourceId,
            Title = SafeText.Inline(extracted.Title) ?? SafeText.Inline(item.Title) ?? item.Link.ToString(),
            Byline = SafeText.Inline(extracted.Byline),
            Published = published,
            PublishedClaimed = notBelieved,
            Modified = extracted.Modified,
            Language = SafeText.Inline(extracted.Language),
            Text = SafeText.Multiline(extracted.Text),
            FetchedAt = now,
            Status = ArticleStatus.Extracted,
        };

        await blobs.PutAsync(Containers.Raw, BlobPaths.RawPage(articleId), page.Content, page.ContentType ?? "text/html", cancellationToken: cancellationToken);
        await articles.WriteAsync(article, cancellationToken);
        await EnqueueAsync(article, cancellationToken);
        return ItemOutcome.Queued;
    }

    /// <summary>
    /// A <c>file:</c> page may be read only when the operator's own feed is a file and the page lies in the feed's
    /// folder or below it (a corpus on disk such as <c>samples/</c>). Every other file: link is refused by the fetcher.
    /// </summary>
    private static bool IsBesideFileFeed(Uri sourceUrl, Uri link)
    {
        if (!sourceUrl.IsFile || !link.IsFile || link.IsUnc)
        {
            return false;
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(sourceUrl.LocalPath));
        if (folder is null)
        {
            return false;
        }

        var page = Path.GetFullPath(link.LocalPath);
        return page.StartsWith(Path.TrimEndingDirectorySeparator(folder) + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    private Task EnqueueAsync(Article article, CancellationToken cancellationToken)
        => queue.EnqueueAsync(QueueNames.Articles, DigestJson.SerializeLine(new ArticleMessage(article.Id, article.Published)), cancellationToken);

    private Task<string> SaveAsync(string statePath, SourceState state, CancellationToken cancellationToken)
        => documents.WriteAsync(Containers.State, statePath, state, cancellationToken: cancellationToken);

    private sealed record SourceContext(SourceConfig Source, string SourceId, ExtractionOverrides? Overrides, FetchLimits Limits,
        DateTimeOffset Now, bool FollowedBefore);

    private sealed record Candidate(FeedItem Item, string ArticleId, DateTimeOffset FirstSeen);

    private readonly record struct ItemResult(ItemOutcome Outcome, string? Error);

    /// <summary>Which of a feed's items this run takes: new ones, not waiting for a retry, up to the per-run budget.</summary>
    private sealed record ItemPlan(IReadOnlyList<Candidate> Take, int Deferred, int Waiting)
    {
        public static ItemPlan Make(Feed feed, string sourceId, SourceState state, FetchLimits limits, DateTimeOffset now)
        {
            // Ids seen in earlier runs, and in this feed so far (a feed may list an item twice).
            var handled = new HashSet<string>(state.SeenIds, StringComparer.Ordinal);
            var failed = state.FailedItems.ToDictionary(f => f.ArticleId, StringComparer.Ordinal);
            var take = new List<Candidate>();
            int deferred = 0, waiting = 0;
            foreach (var item in feed.Items)
            {
                var articleId = ItemIdentity.ArticleId(sourceId, item);
                if (!handled.Add(articleId))
                {
                    continue;
                }

                var failure = failed.GetValueOrDefault(articleId);
                if (failure is not null && failure.NextAttempt > now)
                {
                    waiting++;
                }
                else if (take.Count >= limits.MaxNewItemsPerSource)
                {
                    deferred++;
                }
                else
                {
                    take.Add(new Candidate(item, articleId, failure?.FirstSeen ?? now));
                }
            }

            return new ItemPlan(take, deferred, waiting);
        }
    }

    private sealed class Tally
    {
        public int Queued { get; set; }
        public int NotArticles { get; set; }
        public int PageFailures { get; set; }
    }

    private enum ItemOutcome
    {
        Queued,
        NotArticle,
        Failed,
    }
}

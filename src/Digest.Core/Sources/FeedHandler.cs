using System.Globalization;
using System.Text;
using Digest.Core.Diagnostics;
using Digest.Core.Feeds;
using Digest.Core.Fetching;
using Digest.Core.Json;
using Digest.Core.Queueing;
using Digest.Core.Storage;

namespace Digest.Core.Sources;

/// <summary>
/// The feed stage, one source per <c>feeds</c> message: a conditional GET of the feed, the choice of its new items, one
/// <c>pages</c> message per item, then the source's state. It downloads no page: that is the page stage's
/// (<see cref="PageHandler"/>), one invocation per item, so no invocation's work grows with the size of a feed beyond
/// the per-source budget of tiny enqueues.
/// </summary>
/// <remarks>
/// <para>Crash safety comes from ordering: the state (validators, seen ids) is written last, so an invocation that dies
/// halfway queues the same items again next time; the page stage is idempotent, so a duplicate page message is
/// harmless. An item counts as seen once its page message is queued: what becomes of the page is the page stage's
/// concern, and it retries failures by itself.</para>
/// <para>Hostile input: a source's failure (feed, parse, storage, a bug) is caught, named in its state and reported;
/// it never throws but for cancellation, so the host does not retry a bad feed five times in a row. The work is bounded
/// by <see cref="FetchLimits.MaxNewItemsPerSource"/> and the fetcher's own deadlines.</para>
/// </remarks>
public sealed class FeedHandler(
    IPageFetcher fetcher,
    IBlobStore blobs,
    IMessageQueue queue,
    SourcesConfig config,
    TimeProvider clock,
    IRunReporter reporter)
{
    private readonly JsonDocumentStore documents = new(blobs, reporter);
    private readonly Dictionary<string, SourceConfig> sources = SourceLookup.ById(config);

    /// <summary>
    /// Handles one <c>feeds</c> message. Returns null when its source is no longer configured (renamed or removed:
    /// the message is dropped); a malformed message throws <see cref="InvalidDataException"/>.
    /// </summary>
    public async Task<SourceFetchResult?> HandleAsync(string messageText, CancellationToken cancellationToken = default)
    {
        var message = MessageText.Parse<FeedMessage>(messageText, "feed");
        if (message.SourceId is null || !sources.TryGetValue(message.SourceId, out var source))
        {
            reporter.Warning($"source {message.SourceId} is not in the sources file; its feed message is dropped.", ReportSubject.Source(message.SourceId ?? ""));
            return null;
        }

        return await FetchSourceAsync(source, cancellationToken);
    }

    /// <summary>Reads one source. Never throws for a bad source (only for cancellation): the failure is recorded in its state and returned.</summary>
    public async Task<SourceFetchResult> FetchSourceAsync(SourceConfig source, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        var sourceId = ItemIdentity.SourceId(source.Name, source.Url);
        try
        {
            return await FetchSourceCoreAsync(source, sourceId, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // Not a feed problem (those are handled inside): storage, or a bug. Still only this source's failure.
            var message = $"{ex.GetType().Name}: {ex.Message}";
            reporter.Warning($"{source.Name}: failed: {message}", ReportSubject.Source(sourceId));
            await TryRecordFailureAsync(source, sourceId, message, cancellationToken);
            return new SourceFetchResult(sourceId, source.Name, 0, 0, 0, NotModified: false, Error: message);
        }
    }

    private async Task<SourceFetchResult> FetchSourceCoreAsync(SourceConfig source, string sourceId, CancellationToken cancellationToken)
    {
        var limits = config.Limits;
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
                reporter.Info($"{source.Name}: not modified", ReportSubject.Source(sourceId));
                return new SourceFetchResult(sourceId, source.Name, 0, 0, 0, NotModified: true, Error: null);
            }

            feed = FeedParser.Parse(feedResponse.Content, feedResponse.FinalUri);
        }
        catch (Exception ex) when (ex is FetchException or FeedFormatException)
        {
            // A failed fetch leaves validators and seen ids exactly as they were.
            var failures = state.ConsecutiveFailures + 1;
            await SaveAsync(statePath, state with { Url = source.Url, LastAttempt = now, ConsecutiveFailures = failures, LastError = ex.Message }, cancellationToken);
            reporter.Warning($"{source.Name}: {ex.Message} ({failures.ToString(CultureInfo.InvariantCulture)} failure(s) in a row)", ReportSubject.Source(sourceId));
            return new SourceFetchResult(sourceId, source.Name, 0, 0, 0, NotModified: false, Error: ex.Message);
        }

        foreach (var warning in feed.Warnings)
        {
            reporter.Warning($"{source.Name}: {warning}", ReportSubject.Source(sourceId));
        }

        var plan = ItemPlan.Make(feed, sourceId, state, limits, now);
        var followedBefore = state.LastSuccess is not null;
        var newlySeen = new List<string>(plan.Take.Count);
        int queued = 0, notPages = 0;
        foreach (var candidate in plan.Take)
        {
            // Sequential on purpose: a few dozen tiny enqueues, and the order of the page messages is the feed's.
            if (await QueuePageAsync(source, sourceId, candidate, followedBefore, cancellationToken))
            {
                queued++;
            }
            else
            {
                notPages++;
            }

            newlySeen.Add(candidate.ArticleId);
        }

        var seenIds = state.SeenIds.Concat(newlySeen).ToList();
        if (seenIds.Count > SourceState.SeenLimit)
        {
            seenIds = seenIds.GetRange(seenIds.Count - SourceState.SeenLimit, SourceState.SeenLimit);
        }

        // Items over this run's budget (and retries recorded by an older version, still waiting) keep the old
        // validators, so the next read gets the feed in full instead of a 304 and comes back to them.
        var stillWaiting = plan.StillFailed;
        var keepValidators = plan.Deferred > 0 || stillWaiting.Count > 0;
        await SaveAsync(statePath, state with
        {
            Url = source.Url,
            ETag = keepValidators ? state.ETag : feedResponse.ETag,
            LastModified = keepValidators ? state.LastModified : feedResponse.LastModified,
            SeenIds = seenIds,
            FailedItems = stillWaiting,
            ConsecutiveFailures = 0,
            LastSuccess = now,
            LastAttempt = now,
            LastError = null,
        }, cancellationToken);

        reporter.Info($"{source.Name}: {queued.ToString(CultureInfo.InvariantCulture)} new item(s) queued for download"
            + (notPages > 0 ? $", {notPages.ToString(CultureInfo.InvariantCulture)} without a usable link" : "")
            + (plan.Deferred > 0 ? $", {plan.Deferred.ToString(CultureInfo.InvariantCulture)} left for the next run (limit {limits.MaxNewItemsPerSource.ToString(CultureInfo.InvariantCulture)} a run)" : "")
            + (plan.Waiting > 0 ? $", {plan.Waiting.ToString(CultureInfo.InvariantCulture)} waiting to be retried" : ""),
            ReportSubject.Source(sourceId));
        return new SourceFetchResult(sourceId, source.Name, 0, notPages, 0, NotModified: false, Error: null)
        {
            Deferred = plan.Deferred + plan.Waiting,
            PagesQueued = queued,
        };
    }

    /// <summary>Queues the item's page message; false (reported) when the item has no link a page message can carry.</summary>
    private async Task<bool> QueuePageAsync(SourceConfig source, string sourceId, Candidate candidate, bool followedBefore,
        CancellationToken cancellationToken)
    {
        var item = candidate.Item;
        if (item.Link is null)
        {
            reporter.Warning($"{source.Name}: item \"{item.Title}\" has no link", ReportSubject.Source(sourceId));
            return false;
        }

        var message = new PageMessage
        {
            SourceId = sourceId,
            Source = source.Name,
            ArticleId = candidate.ArticleId,
            Link = item.Link,
            Title = item.Title is { Length: > PageMessage.MaxTitleLength } title ? title[..PageMessage.MaxTitleLength] : item.Title,
            Published = item.Published,
            FirstSeen = candidate.FirstSeen,
            FollowedBefore = followedBefore,
            AllowFile = FileLinks.IsBesideFileFeed(source.Url, item.Link),
            Attempts = candidate.Attempts,
        };
        var text = DigestJson.SerializeLine(message);
        if (Encoding.UTF8.GetByteCount(text) > PageMessage.MaxBytes)
        {
            reporter.Warning($"{source.Name}: item \"{message.Title}\" has a link of {item.Link.OriginalString.Length.ToString(CultureInfo.InvariantCulture)} characters; skipped", ReportSubject.Source(sourceId));
            return false;
        }

        await queue.EnqueueAsync(QueueNames.Pages, text, cancellationToken);
        return true;
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
            reporter.Warning($"{source.Name}: could not record the failure: {ex.GetType().Name}: {ex.Message}", ReportSubject.Source(sourceId));
        }
    }

    private Task<string> SaveAsync(string statePath, SourceState state, CancellationToken cancellationToken)
        => documents.WriteAsync(Containers.State, statePath, state, cancellationToken: cancellationToken);

    private sealed record Candidate(FeedItem Item, string ArticleId, DateTimeOffset FirstSeen, int Attempts);

    /// <summary>Which of a feed's items this read takes: new ones, not waiting for a retry, up to the per-run budget.</summary>
    /// <param name="StillFailed">Legacy retries not taken this time (waiting, or over the budget) whose item is still in the feed.</param>
    private sealed record ItemPlan(IReadOnlyList<Candidate> Take, int Deferred, int Waiting, IReadOnlyList<FailedItem> StillFailed)
    {
        public static ItemPlan Make(Feed feed, string sourceId, SourceState state, FetchLimits limits, DateTimeOffset now)
        {
            // Ids seen in earlier reads, and in this feed so far (a feed may list an item twice).
            // A state document is ours, but may have been edited by hand: nulls and repeats must not fail the source.
            var handled = new HashSet<string>((state.SeenIds ?? []).OfType<string>(), StringComparer.Ordinal);
            // Retries recorded in the state by versions before the page stage: taken over by the page queue when due.
            var failed = (state.FailedItems ?? []).OfType<FailedItem>().Where(f => f.ArticleId is not null)
                .GroupBy(f => f.ArticleId, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            var take = new List<Candidate>();
            var stillFailed = new List<FailedItem>();
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
                    stillFailed.Add(failure);
                }
                else if (take.Count >= limits.MaxNewItemsPerSource)
                {
                    deferred++;
                    if (failure is not null)
                    {
                        stillFailed.Add(failure);
                    }
                }
                else
                {
                    take.Add(new Candidate(item, articleId, failure?.FirstSeen ?? now, failure?.Failures ?? 0));
                }
            }

            return new ItemPlan(take, deferred, waiting, stillFailed);
        }
    }
}

using Digest.Core.Briefings;
using Digest.Core.Diagnostics;
using Digest.Core.Processing;
using Digest.Core.Queueing;
using Digest.Core.Site;
using Digest.Core.Sources;
using Digest.Infrastructure.Azure;

namespace Digest.Infrastructure.Hosting;

/// <summary>
/// The four triggers' work, each one call into the stage handler <c>digest run</c> uses, so that the Functions app and
/// <c>digest serve</c> are only plumbing around the same code.
/// </summary>
public sealed class DigestStages(
    IMessageQueue queue,
    SourcesConfig sources,
    FeedHandler feeds,
    PageHandler pages,
    ProcessHandler articles,
    StoryFold fold,
    BriefingRuns briefings,
    IRunReporter reporter,
    SiteWriter? site = null)
{
    /// <summary>The fetch timer: one <c>feeds</c> message per source.</summary>
    public Task<int> FetchFeedsAsync(CancellationToken cancellationToken)
        => DigestTelemetry.TraceAsync("FetchFeeds", () => FeedFanOut.EnqueueAsync(queue, sources, cancellationToken));

    /// <summary>One <c>feeds</c> message: read that feed, queue its new items.</summary>
    public Task<SourceFetchResult?> ReadFeedAsync(string message, CancellationToken cancellationToken)
        => DigestTelemetry.TraceAsync("ReadFeed", () => feeds.HandleAsync(message, cancellationToken));

    /// <summary>One <c>pages</c> message: download, extract and archive the page.</summary>
    public Task<PageOutcome> ExtractPageAsync(string message, CancellationToken cancellationToken)
        => DigestTelemetry.TraceAsync("ExtractPage", () => pages.HandleAsync(message, cancellationToken));

    /// <summary>
    /// One <c>articles</c> message: register the article, then fold what is pending. A host that runs continuously
    /// folds as it goes; when another worker holds the fold, that worker (or the next fold) takes this article too.
    /// </summary>
    public Task ProcessArticleAsync(string message, CancellationToken cancellationToken)
        => DigestTelemetry.TraceAsync("ProcessArticle", async () =>
        {
            await articles.HandleAsync(message, cancellationToken);
            var folded = await fold.RunAsync(cancellationToken);
            if (folded.Busy)
            {
                reporter.Info("Another worker holds the fold lease; it folds this article.");
            }

            // The changed stories' pages now; the rest of the site with the next briefing.
            if (site is not null && folded.ChangedStories.Count > 0)
            {
                await site.TryWriteStoriesAsync(folded.ChangedStories, cancellationToken);
            }

            return folded;
        });

    /// <summary>The hourly briefing timer.</summary>
    public Task<BriefingRunResult?> SendBriefingsAsync(CancellationToken cancellationToken)
        => DigestTelemetry.TraceAsync("SendBriefings", () => briefings.RunScheduledAsync(cancellationToken));

    /// <summary>Storage itself failing (a full disk, an outage) rather than one page: the queue host pauses instead.</summary>
    public static bool IsStorageFailure(Exception exception)
        => (exception is IOException or UnauthorizedAccessException && exception is not FileNotFoundException)
           || StorageFailures.IsServiceFailure(exception);
}

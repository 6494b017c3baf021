using System.Collections.Concurrent;
using System.Globalization;
using Digest.Core.Briefings;
using Digest.Core.Feeds;
using Digest.Core.Processing;
using Digest.Core.Mail;
using Digest.Core.Queueing;
using Digest.Core.Sources;
using Digest.Core.Storage;
using Digest.Core.Subscribers;
using Digest.Infrastructure.Queueing;

namespace Digest.Cli.Hosting;

/// <summary>
/// One whole cycle, as <c>digest run</c> does it, with the stages the Functions app runs: the fetch timer's one
/// <c>feeds</c> message per source, then the queues drained in turn — <c>feeds</c> (read each feed, queue its new
/// items), <c>pages</c> (download and extract each), <c>articles</c> (register each for the fold, in any order and in
/// parallel) — through <see cref="QueueProcessor"/>, so retries and poison messages behave as on the host; then the fold
/// takes the articles into stories in publication order, and the briefing is composed, archived and sent. Every step
/// is idempotent, so running it again adds nothing and a run that was killed can simply be started again.
/// </summary>
internal sealed class DigestCycle(EmbeddedHost host, ConsoleReporter reporter)
{
    public static readonly MailAddress DefaultFrom = new("digest@localhost", "Digest");

    private static readonly string[] StageQueues = [QueueNames.Feeds, QueueNames.Pages, QueueNames.Articles];

    /// <summary>Workers registering articles at once: any order will do, the fold puts them in order.</summary>
    private const int ArticleWorkers = 8;

    public async Task<CycleResult> RunAsync(SourcesConfig config, TimeSpan window, bool send, CancellationToken cancellationToken)
    {
        await RecoverAsync(cancellationToken);

        var fetchReporter = reporter.ForStage("fetch");
        var (feeds, pages) = host.CreateFetchStages(config, fetchReporter, reporter.ForStage("extract"));
        var processor = host.CreateQueueProcessor();

        // The timer: one tiny message per source. Each feed is then its own invocation, and each page its own.
        await FeedFanOut.EnqueueAsync(host.Queue, config, cancellationToken);
        var feedResults = new ConcurrentQueue<SourceFetchResult>();
        var feedDrain = await processor.DrainAsync(QueueNames.Feeds, async (message, ct) =>
        {
            if (await feeds.HandleAsync(message.Text, ct) is { } result)
            {
                feedResults.Enqueue(result);
            }
        }, config.Limits.ConcurrentSources, cancellationToken);

        foreach (var warning in config.Warnings)
        {
            reporter.Warning(warning);
        }

        // Pages at the concurrency the fetch stage always had (sources × pages per source); the fetcher keeps its own
        // per-host limit, so one outlet's many pages still reach it two at a time.
        var outcomes = new ConcurrentQueue<PageOutcome>();
        var pageDrain = await processor.DrainAsync(QueueNames.Pages, async (message, ct) =>
            outcomes.Enqueue(await pages.HandleAsync(message.Text, ct)),
            config.Limits.ConcurrentSources * config.Limits.ConcurrentPages, cancellationToken);
        var fetched = Summarize(config, feedResults, outcomes);
        foreach (var source in fetched.Where(s => !s.Failed))
        {
            fetchReporter.Info(Line(source, config.Limits));
        }

        // This process holds the data folder's lock, so a fold lease in storage was left by a run that died.
        var fold = host.CreateFold(reporter.ForStage("process"));
        if (host.OwnsStorage)
        {
            await fold.BreakStaleLeaseAsync(cancellationToken);
        }
        var process = new ProcessHandler(host.Blobs, fold, reporter.ForStage("process"));
        var drained = await processor.DrainAsync(QueueNames.Articles, (message, ct) => process.HandleAsync(message.Text, ct),
            ArticleWorkers, cancellationToken);
        var folded = await FoldAsync(fold, cancellationToken);

        var drains = new[]
        {
            (Queue: QueueNames.Feeds, Drain: feedDrain, Stage: "fetch"),
            (Queue: QueueNames.Pages, Drain: pageDrain, Stage: "extract"),
            (Queue: QueueNames.Articles, Drain: drained, Stage: "process"),
        };
        // The run's summary line names articles-poison, as it always has; the other poison queues are warned about.
        var poisonTotal = 0;
        foreach (var (queue, drain, stage) in drains)
        {
            var waiting = await ReportDrainAsync(queue, drain, reporter.ForStage(stage), cancellationToken);
            if (queue == QueueNames.Articles)
            {
                poisonTotal = waiting;
            }
        }

        var brief = host.CreateBriefHandler(reporter.ForStage("brief"));
        var now = host.Clock.GetUtcNow();
        var briefing = await brief.ComposeAsync(now, window, cancellationToken);
        var sent = 0;
        if (send)
        {
            var from = config.From is null ? DefaultFrom : MailAddressParser.Parse(config.From);
            sent = await SendToSubscribersAsync(config, from, now, cancellationToken);
        }

        return new CycleResult(fetched, folded.Folded, drains.Sum(d => d.Drain.Poisoned), poisonTotal,
            drains.Sum(d => d.Drain.LeftForLater), briefing, host.PathOf(Containers.Briefings, BlobPaths.Briefing(briefing.Date, "html")), sent);
    }

    /// <summary>
    /// Sends each stored subscriber due at <paramref name="now"/> their briefing (their local morning). The sources
    /// file's <c>subscribers</c> are taken into the store first, as confirmed subscribers in UTC at
    /// <see cref="SourcesFileSendHour"/>, unless they are subscribers already or unsubscribed.
    /// </summary>
    private async Task<int> SendToSubscribersAsync(SourcesConfig config, MailAddress from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var briefReporter = reporter.ForStage("brief");
        SubscriberStore store;
        SubscriberBriefings briefings;
        try
        {
            (store, briefings) = host.CreateSubscribers(briefReporter);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            briefReporter.Warning($"Not sending to subscribers: {e.Message}");
            return 0;
        }

        await store.ImportListedAsync(config.Subscribers, SourcesFileSendHour, now, cancellationToken);
        return (await briefings.SendDueAsync(now, from, cancellationToken)).Sent;
    }

    /// <summary>The local hour (UTC) of subscribers listed in the sources file: the hourly timer's default send hour.</summary>
    private static readonly int SourcesFileSendHour = new BriefingScheduleOptions().SendHourUtc;

    /// <summary>
    /// This process holds the data folder's lock, so anything hidden in its queues was left in flight by a run that
    /// died, or is a page retry whose wait the page stage measures by the run's clock (<c>--now</c>) rather than the
    /// queue's: the page stage sends a retry that is not yet due back to wait.
    /// </summary>
    private async Task RecoverAsync(CancellationToken cancellationToken)
    {
        foreach (var queue in StageQueues)
        {
            var hidden = await host.FileQueue.RecoverInFlightAsync(queue, cancellationToken);
            if (hidden > 0)
            {
                reporter.ForStage(queue == QueueNames.Articles ? "process" : queue == QueueNames.Pages ? "extract" : "fetch").Info(string.Create(CultureInfo.InvariantCulture,
                    $"{hidden} message(s) on queue {queue}, left in flight by an interrupted run{(queue == QueueNames.Pages ? " or waiting for a retry" : "")}, will be handled again."));
            }
        }
    }

    /// <summary>
    /// Folds what is pending. On shared storage another worker (or a run that died) may hold the lease: the run waits
    /// for it to be released or to expire, so that its briefing sees what it registered.
    /// </summary>
    private async Task<FoldResult> FoldAsync(StoryFold fold, CancellationToken cancellationToken)
    {
        var giveUp = TimeProvider.System.GetUtcNow() + FoldLease.Duration + TimeSpan.FromSeconds(10);
        var folded = await fold.RunAsync(cancellationToken);
        while (folded.Busy && TimeProvider.System.GetUtcNow() < giveUp)
        {
            reporter.ForStage("process").Info("another worker holds the fold lease; waiting for it.");
            await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System, cancellationToken);
            folded = await fold.RunAsync(cancellationToken);
        }

        if (folded.Busy)
        {
            reporter.ForStage("process").Warning("another worker still holds the fold lease; it folds what this run registered.");
        }

        return folded;
    }

    /// <summary>Reports what went wrong in one drain; returns how many messages wait in its poison queue.</summary>
    private async Task<int> ReportDrainAsync(string queue, DrainResult drain, ConsoleReporter stage, CancellationToken cancellationToken)
    {
        var poison = QueueNames.PoisonOf(queue);
        if (drain.Poisoned > 0)
        {
            stage.Warning(string.Create(CultureInfo.InvariantCulture,
                $"{drain.Poisoned} message(s) failed {host.QueueOptions.MaxDequeueCount} times and were moved to queue {poison} (why: state/poison/{queue}/)."));
        }

        if (drain.PausedBy is not null)
        {
            stage.Warning(string.Create(CultureInfo.InvariantCulture,
                $"storage is failing ({drain.PausedBy}); {drain.LeftForLater} message(s) left on the queue for the next run."));
        }

        var total = await host.Queue.CountAsync(poison, cancellationToken);
        if (total > 0)
        {
            stage.Warning(string.Create(CultureInfo.InvariantCulture,
                $"{total} message(s) wait in queue {poison}; once their cause is fixed, `digest queue replay {poison}` puts them back."));
        }

        return total;
    }

    /// <summary>
    /// Per source, in the sources file's order: its feed's result with what the page stage made of its pages. A source
    /// read twice (a duplicate feed message after a crash) counts its successful read.
    /// </summary>
    private static List<SourceFetchResult> Summarize(SourcesConfig config, IEnumerable<SourceFetchResult> feeds,
        IEnumerable<PageOutcome> pages)
    {
        var feedById = feeds.GroupBy(r => r.SourceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.FirstOrDefault(r => !r.Failed) ?? g.First(), StringComparer.Ordinal);
        var pagesById = pages.GroupBy(p => p.SourceId, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(p => p.Result).ToList(), StringComparer.Ordinal);
        var results = new List<SourceFetchResult>(config.Sources.Count);
        foreach (var source in config.Sources)
        {
            var id = ItemIdentity.SourceId(source.Name, source.Url);
            var feed = feedById.GetValueOrDefault(id)
                ?? new SourceFetchResult(id, source.Name, 0, 0, 0, NotModified: false, Error: "its feed message was not handled in this run");
            results.Add(feed.WithPages(pagesById.GetValueOrDefault(id) ?? []));
        }

        return results;
    }

    /// <summary>The run's line per source, as the fetch stage printed it before it was split.</summary>
    private static string Line(SourceFetchResult source, FetchLimits limits)
        => string.Create(CultureInfo.InvariantCulture, $"{source.Name}: {source.NewArticles} new article(s)")
           + (source.NotArticles > 0 ? string.Create(CultureInfo.InvariantCulture, $", {source.NotArticles} not an article") : "")
           + (source.PageFailures > 0 ? string.Create(CultureInfo.InvariantCulture, $", {source.PageFailures} page(s) failed") : "")
           + (source.Deferred > 0 ? string.Create(CultureInfo.InvariantCulture, $", {source.Deferred} left for a later run (limit {limits.MaxNewItemsPerSource} new items a run; failed pages wait for their retry)") : "");
}

internal sealed record CycleResult(
    IReadOnlyList<SourceFetchResult> Sources,
    int Processed,
    int Poisoned,
    int PoisonTotal,
    int LeftForLater,
    Briefing Briefing,
    string BriefingPath,
    int Sent);

using System.Collections.Concurrent;
using System.Globalization;
using Digest.Core.Briefings;
using Digest.Core.Diagnostics;
using Digest.Core.Feeds;
using Digest.Core.Mail;
using Digest.Core.Processing;
using Digest.Core.Queueing;
using Digest.Core.Site;
using Digest.Core.Sources;
using Digest.Core.Storage;
using Digest.Core.Subscribers;
using Digest.Infrastructure.Hosting;
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
internal sealed class DigestCycle(LocalApp app)
{
    private static readonly string[] StageQueues = [QueueNames.Feeds, QueueNames.Pages, QueueNames.Articles];

    /// <summary>Workers registering articles at once: any order will do, the fold puts them in order.</summary>
    private const int ArticleWorkers = 8;

    private readonly IRunReporter fetchReporter = app.Reporter(DigestLogCategories.Fetch);
    private readonly IRunReporter extractReporter = app.Reporter(DigestLogCategories.Extract);
    private readonly IRunReporter processReporter = app.Reporter(DigestLogCategories.Process);
    private readonly IRunReporter briefReporter = app.Reporter(DigestLogCategories.Brief);
    private readonly IRunReporter hostReporter = app.Reporter(DigestLogCategories.Host);
    private readonly IMessageQueue queue = app.Get<IMessageQueue>();

    public async Task<CycleResult> RunAsync(TimeSpan window, bool send, CancellationToken cancellationToken)
    {
        await RecoverAsync(cancellationToken);

        var config = app.Get<SourcesConfig>();
        var feeds = app.Get<FeedHandler>();
        var pages = app.Get<PageHandler>();
        var queueOptions = app.Get<QueueHostOptions>();
        var processor = new QueueProcessor(queue, queueOptions, TimeProvider.System, hostReporter.Warning,
            DigestStages.IsStorageFailure, poisonRecords: app.Get<IBlobStore>());

        // The timer: one tiny message per source. Each feed is then its own invocation, and each page its own.
        await FeedFanOut.EnqueueAsync(queue, config, cancellationToken);
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
            hostReporter.Warning(warning);
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
        var fold = app.Get<StoryFold>();
        if (app.Storage.OwnsStorage)
        {
            await fold.BreakStaleLeaseAsync(cancellationToken);
        }
        var process = app.Get<ProcessHandler>();
        var drained = await processor.DrainAsync(QueueNames.Articles, (message, ct) => process.HandleAsync(message.Text, ct),
            ArticleWorkers, cancellationToken);
        var folded = await FoldAsync(fold, cancellationToken);

        var drains = new[]
        {
            (Queue: QueueNames.Feeds, Drain: feedDrain, Reporter: fetchReporter),
            (Queue: QueueNames.Pages, Drain: pageDrain, Reporter: extractReporter),
            (Queue: QueueNames.Articles, Drain: drained, Reporter: processReporter),
        };
        // The run's summary line names articles-poison, as it always has; the other poison queues are warned about.
        var poisonTotal = 0;
        foreach (var (name, drain, stage) in drains)
        {
            var waiting = await ReportDrainAsync(name, drain, queueOptions, stage, cancellationToken);
            if (name == QueueNames.Articles)
            {
                poisonTotal = waiting;
            }
        }

        var now = app.Clock.GetUtcNow();
        var briefing = await app.Get<BriefHandler>().ComposeAsync(now, window, cancellationToken);
        // Before any mail links to its web copy.
        await app.Get<SiteWriter>().TryWriteAsync(cancellationToken);
        var sent = 0;
        if (send)
        {
            var from = config.From is null ? BriefingRuns.DefaultFrom : MailAddressParser.Parse(config.From);
            sent = await SendToSubscribersAsync(config, from, now, cancellationToken);
        }

        return new CycleResult(fetched, folded.Folded, drains.Sum(d => d.Drain.Poisoned), poisonTotal,
            drains.Sum(d => d.Drain.LeftForLater), briefing, app.Storage.PathOf(Containers.Briefings, BlobPaths.Briefing(briefing.Date, "html")), sent);
    }

    /// <summary>
    /// Sends each stored subscriber due at <paramref name="now"/> their briefing (their local morning). The sources
    /// file's <c>subscribers</c> are taken into the store first, as confirmed subscribers in UTC at
    /// <see cref="SourcesFileSendHour"/>, unless they are subscribers already or unsubscribed.
    /// </summary>
    private async Task<int> SendToSubscribersAsync(SourcesConfig config, MailAddress from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        SubscriberStore store;
        SubscriberBriefings briefings;
        try
        {
            store = app.Get<SubscriberStore>();
            briefings = app.Get<SubscriberBriefings>();
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // On a storage account without the app's token-signing key: ids and links would not match the app's.
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
        // On a storage account there is no folder to recover: messages in flight come back when their lease expires.
        if (app.Storage.FileQueue is not { } files)
        {
            return;
        }

        foreach (var name in StageQueues)
        {
            var hidden = await files.RecoverInFlightAsync(name, cancellationToken);
            if (hidden > 0)
            {
                var stage = name == QueueNames.Articles ? processReporter : name == QueueNames.Pages ? extractReporter : fetchReporter;
                stage.Info(string.Create(CultureInfo.InvariantCulture,
                    $"{hidden} message(s) on queue {name}, left in flight by an interrupted run{(name == QueueNames.Pages ? " or waiting for a retry" : "")}, will be handled again."));
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
            processReporter.Info("another worker holds the fold lease; waiting for it.");
            await Task.Delay(TimeSpan.FromSeconds(3), TimeProvider.System, cancellationToken);
            folded = await fold.RunAsync(cancellationToken);
        }

        if (folded.Busy)
        {
            processReporter.Warning("another worker still holds the fold lease; it folds what this run registered.");
        }

        return folded;
    }

    /// <summary>Reports what went wrong in one drain; returns how many messages wait in its poison queue.</summary>
    private async Task<int> ReportDrainAsync(string name, DrainResult drain, QueueHostOptions queueOptions, IRunReporter stage,
        CancellationToken cancellationToken)
    {
        var poison = QueueNames.PoisonOf(name);
        if (drain.Poisoned > 0)
        {
            stage.Warning(string.Create(CultureInfo.InvariantCulture,
                $"{drain.Poisoned} message(s) failed {queueOptions.MaxDequeueCount} times and were moved to queue {poison} (why: state/poison/{name}/)."));
        }

        if (drain.PausedBy is not null)
        {
            stage.Warning(string.Create(CultureInfo.InvariantCulture,
                $"storage is failing ({drain.PausedBy}); {drain.LeftForLater} message(s) left on the queue for the next run."));
        }

        var total = await queue.CountAsync(poison, cancellationToken);
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

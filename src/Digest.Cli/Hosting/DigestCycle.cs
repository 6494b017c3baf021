using System.Globalization;
using Digest.Core.Briefings;
using Digest.Core.Processing;
using Digest.Core.Mail;
using Digest.Core.Queueing;
using Digest.Core.Sources;
using Digest.Core.Storage;

namespace Digest.Cli.Hosting;

/// <summary>
/// One whole cycle, as <c>digest run</c> does it: fetch every source, drain the article queue (in any order: it only
/// registers articles), fold them into stories in publication order, then compose, archive and send the briefing.
/// Every step is idempotent, so running it again adds nothing and a run that was killed can simply be started again.
/// </summary>
internal sealed class DigestCycle(EmbeddedHost host, ConsoleReporter reporter)
{
    public static readonly MailAddress DefaultFrom = new("digest@localhost", "Digest");

    public async Task<CycleResult> RunAsync(SourcesConfig config, TimeSpan window, bool send, CancellationToken cancellationToken)
    {
        // This process holds the data folder's lock, so anything hidden in the queue was left in flight by a run that died.
        var orphans = await host.FileQueue.RecoverInFlightAsync(QueueNames.Articles, cancellationToken);
        if (orphans > 0)
        {
            reporter.ForStage("process").Info(string.Create(CultureInfo.InvariantCulture, $"{orphans} message(s) left in flight by an interrupted run will be processed again."));
        }

        var fetch = host.CreateFetchHandler(reporter.ForStage("fetch"), config);
        var fetched = await fetch.FetchAllAsync(config, cancellationToken);

        foreach (var warning in config.Warnings)
        {
            reporter.Warning(warning);
        }

        // This process holds the data folder's lock, so a fold lease in storage was left by a run that died.
        var fold = host.CreateFold(reporter.ForStage("process"));
        await fold.BreakStaleLeaseAsync(cancellationToken);

        var processor = host.CreateQueueProcessor();
        var process = new ProcessHandler(host.Blobs, fold, reporter.ForStage("process"));
        var drained = await processor.DrainAsync(
            QueueNames.Articles,
            (message, ct) => process.HandleAsync(message.Text, ct),
            ct: cancellationToken);
        var folded = await fold.RunAsync(cancellationToken);
        if (drained.Poisoned > 0)
        {
            reporter.ForStage("process").Warning(string.Create(CultureInfo.InvariantCulture,
                $"{drained.Poisoned} message(s) failed {host.QueueOptions.MaxDequeueCount} times and were moved to queue {QueueNames.PoisonOf(QueueNames.Articles)}."));
        }

        if (drained.PausedBy is not null)
        {
            reporter.ForStage("process").Warning(string.Create(CultureInfo.InvariantCulture,
                $"storage is failing ({drained.PausedBy}); {drained.LeftForLater} message(s) left on the queue for the next run."));
        }

        var poisonTotal = await host.Queue.CountAsync(QueueNames.PoisonOf(QueueNames.Articles), cancellationToken);
        if (poisonTotal > 0)
        {
            reporter.ForStage("process").Warning(string.Create(CultureInfo.InvariantCulture,
                $"{poisonTotal} message(s) wait in queue {QueueNames.PoisonOf(QueueNames.Articles)}; once their cause is fixed, `digest queue replay {QueueNames.PoisonOf(QueueNames.Articles)}` puts them back."));
        }

        var brief = host.CreateBriefHandler(reporter.ForStage("brief"));
        var now = host.Clock.GetUtcNow();
        var briefing = await brief.ComposeAsync(now, window, cancellationToken);
        var sent = 0;
        if (send)
        {
            var from = config.From is null ? DefaultFrom : MailAddressParser.Parse(config.From);
            sent = await brief.SendAsync(briefing, config.Subscribers, from, now, cancellationToken);
        }

        return new CycleResult(fetched, folded.Folded, drained.Poisoned, poisonTotal, drained.LeftForLater, briefing,
            host.PathOf(Containers.Briefings, BlobPaths.Briefing(briefing.Date, "html")), sent);
    }
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

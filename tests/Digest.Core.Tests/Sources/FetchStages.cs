using Digest.Core.Diagnostics;
using Digest.Core.Extraction;
using Digest.Core.Queueing;
using Digest.Core.Sources;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Sources;

/// <summary>
/// The feed and page stages over in-memory storage, a map of the web and one clock the test moves: what a host does
/// with them, minus the host (messages are taken from the queue and handled one at a time).
/// </summary>
internal sealed class FetchStages
{
    private readonly IRunReporter reporter;

    public FetchStages(DateTimeOffset start, IRunReporter? reporter = null)
    {
        Clock = new SettableClock(start);
        Queue = new InMemoryMessageQueue(Clock);
        this.reporter = reporter ?? SilentReporter.Instance;
    }

    public SettableClock Clock { get; }
    public InMemoryBlobStore Blobs { get; } = new();
    public MapFetcher Web { get; } = new();
    public InMemoryMessageQueue Queue { get; }

    public FeedHandler Feeds(SourcesConfig config) => new(Web, Blobs, Queue, config, Clock, reporter);

    public PageHandler Pages(SourcesConfig config) => new(Web, new ArticleExtractor(), Blobs, Queue, config, Clock, reporter);

    /// <summary>One source's feed read, then every page message visible now: the source's part of a run.</summary>
    public async Task<SourceFetchResult> RunAsync(SourceConfig source, FetchLimits? limits = null)
    {
        var config = Config(source, limits);
        var feed = await Feeds(config).FetchSourceAsync(source);
        var pages = await DrainPagesAsync(config);
        return feed.WithPages(pages.Select(p => p.Result));
    }

    /// <summary>Handles every page message visible now (and those that become visible meanwhile), deleting each.</summary>
    public async Task<List<PageOutcome>> DrainPagesAsync(SourcesConfig config)
    {
        var handler = Pages(config);
        var outcomes = new List<PageOutcome>();
        while (await Queue.ReceiveAsync(QueueNames.Pages, 32, TimeSpan.FromMinutes(10)) is { Count: > 0 } batch)
        {
            foreach (var message in batch)
            {
                outcomes.Add(await handler.HandleAsync(message.Text));
                await Queue.DeleteAsync(QueueNames.Pages, message);
            }
        }

        return outcomes;
    }

    public static SourcesConfig Config(SourceConfig source, FetchLimits? limits = null)
        => new() { Sources = [source], Limits = limits ?? FetchLimits.Default };
}

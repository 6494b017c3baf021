using System.Text;
using Digest.Cli.Bench;
using Digest.Cli.Hosting;
using Digest.Cli.Tests.Support;
using Digest.Core.Briefings;
using Digest.Core.Diagnostics;
using Digest.Core.Processing;
using Digest.Core.Queueing;
using Digest.Core.Sources;
using Digest.Core.Storage;
using Digest.Infrastructure.Configuration;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Queueing;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// On the Functions host, article messages arrive in any order, many at a time, on several instances. Processing a
/// generated corpus (stories told by several outlets over days) in shuffled order by 8 concurrent workers, with folds
/// interleaved with the arrivals, must give the same stories, the same labels and the same briefing as one worker
/// taking the articles in publication order — on the file store and on Azurite.
/// </summary>
public sealed class AnyOrderTests : IAsyncLifetime
{
    private const int Articles = 240;
    private const int Feeds = 12;

    private readonly TempDirectory temp = new();
    private LoopbackFolderServer? server;
    private SourcesConfig config = null!;
    private string sourcesPath = null!;

    public async Task InitializeAsync()
    {
        var outlets = GeneratedOutlets.Write(temp.Sub("site"), Articles, Feeds, seed: 7);
        server = await LoopbackFolderServer.StartAsync(outlets.Root);
        sourcesPath = outlets.WriteSources(temp.Sub("sources.json"), server.BaseUri, Articles);
        config = SourcesFileReader.Read(sourcesPath);
    }

    public async Task DisposeAsync()
    {
        if (server is not null)
        {
            await server.DisposeAsync();
        }

        temp.Dispose();
    }

    [Fact]
    public async Task Shuffled_parallel_processing_gives_the_archive_of_one_ordered_worker_on_the_file_store()
    {
        var ordered = await RunAsync("ordered", storage: null, InPublishedOrder, workers: 1);
        var shuffled = await RunAsync("shuffled", storage: null, Shuffled, workers: 8);

        Assert.Equal(Articles, ordered.Count(entry => entry.Key.StartsWith(Containers.Articles + "/", StringComparison.Ordinal)));
        AssertSame(ordered, shuffled);
    }

    [Fact]
    public async Task Shuffled_parallel_processing_on_azurite_gives_the_archive_of_one_ordered_worker_on_the_file_store()
    {
        var ordered = await RunAsync("ordered", storage: null, InPublishedOrder, workers: 1);
        // A fresh Azurite of its own: the pipeline's container names are fixed, so runs must not share an account.
        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var shuffled = await RunAsync("azurite", azurite.ConnectionString, Shuffled, workers: 8);
            AssertSame(ordered, shuffled);
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>Fetch and extract as a run does, then take the article messages in the given order and folds in between.</summary>
    private async Task<SortedDictionary<string, string>> RunAsync(string name, string? storage,
        Func<List<(QueueMessage Message, ArticleMessage Article)>, IEnumerable<(QueueMessage Message, ArticleMessage Article)>> order,
        int workers)
    {
        // The app's own composition, as `digest run` and the Functions app build it.
        using var app = LocalApp.Open(new LocalAppOptions(sourcesPath, temp.Sub(name), storage,
            new FixedTimeProvider(config.DefaultNow!.Value), TextWriter.Null));
        var queue = app.Get<IMessageQueue>();
        var feeds = app.Get<FeedHandler>();
        var pages = app.Get<PageHandler>();
        var processor = new QueueProcessor(queue, app.Get<QueueHostOptions>(), TimeProvider.System, _ => { },
            DigestStages.IsStorageFailure, poisonRecords: app.Get<IBlobStore>());
        await FeedFanOut.EnqueueAsync(queue, config);
        await processor.DrainAsync(QueueNames.Feeds, (message, ct) => feeds.HandleAsync(message.Text, ct), 4);
        await processor.DrainAsync(QueueNames.Pages, (message, ct) => pages.HandleAsync(message.Text, ct), 4);

        var messages = new List<(QueueMessage Message, ArticleMessage Article)>();
        while (await queue.ReceiveAsync(QueueNames.Articles, 32, TimeSpan.FromMinutes(10)) is { Count: > 0 } batch)
        {
            messages.AddRange(batch.Select(m => (m, Core.Json.DigestJson.Deserialize<ArticleMessage>(Encoding.UTF8.GetBytes(m.Text)))));
        }

        Assert.Equal(Articles, messages.Count);
        var fold = app.Get<StoryFold>();
        var process = app.Get<ProcessHandler>();
        await Parallel.ForEachAsync(order(messages), new ParallelOptions { MaxDegreeOfParallelism = workers }, async (entry, ct) =>
        {
            await process.HandleAsync(entry.Message.Text, ct);
            await fold.RunAsync(ct);
            await queue.DeleteAsync(QueueNames.Articles, entry.Message, ct);
        });
        await fold.RunAsync();
        await app.Get<BriefHandler>().ComposeAsync(config.DefaultNow!.Value, TimeSpan.FromHours(24));
        return await SnapshotAsync(app.Get<IBlobStore>());
    }

    private static IEnumerable<(QueueMessage Message, ArticleMessage Article)> InPublishedOrder(
        List<(QueueMessage Message, ArticleMessage Article)> messages)
        => messages.OrderBy(m => m.Article.Published).ThenBy(m => m.Article.ArticleId, StringComparer.Ordinal);

    private static IEnumerable<(QueueMessage Message, ArticleMessage Article)> Shuffled(
        List<(QueueMessage Message, ArticleMessage Article)> messages)
    {
        var random = new Random(11);
        return InPublishedOrder(messages).OrderBy(_ => random.Next()).ToList();
    }

    /// <summary>What readers see: articles, stories, activity, the story index and the briefing.</summary>
    private static async Task<SortedDictionary<string, string>> SnapshotAsync(IBlobStore blobs)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (container, prefix) in new[]
                 {
                     (Containers.Articles, ""), (Containers.Stories, ""), (Containers.Briefings, ""),
                     (Containers.State, "activity/"), (Containers.State, "story-index.json"),
                 })
        {
            await foreach (var path in blobs.ListAsync(container, prefix))
            {
                snapshot[container + "/" + path] = Encoding.UTF8.GetString((await blobs.GetAsync(container, path))!.Content.Span);
            }
        }

        return snapshot;
    }

    private static void AssertSame(SortedDictionary<string, string> expected, SortedDictionary<string, string> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (path, text) in expected)
        {
            Assert.True(text == actual[path], $"{path} differs:\nordered  {text}\nshuffled {actual[path]}");
        }
    }
}

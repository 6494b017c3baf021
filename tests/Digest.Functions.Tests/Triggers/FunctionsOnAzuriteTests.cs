using System.Text.Json;
using Digest.Core.Queueing;
using Digest.Core.Storage;
using Digest.Functions.Http;
using Digest.Functions.Tests.Support;
using Digest.Functions.Triggers;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Queueing;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Functions.Tests.Triggers;

/// <summary>
/// The function classes, created from the real composition root, on Azurite: the timer, the three queue triggers
/// (drained through the local queue host, with host.json's rules) and the HTTP functions over what they archived.
/// One test, because the pipeline's container and queue names are fixed and this collection shares one Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class FunctionsOnAzuriteTests(AzuriteFixture azurite) : IDisposable
{
    /// <summary>The sample corpus' frozen clock (samples/sources.json "defaultNow"), 18:00 UTC: past the briefing hour.</summary>
    private static readonly DateTimeOffset SampleNow = new(2026, 3, 12, 18, 0, 0, TimeSpan.Zero);

    private readonly TempDirectory temp = new();

    [Fact]
    public async Task The_functions_run_the_whole_cycle_and_serve_what_it_archived()
    {
        var spans = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var listener = new System.Diagnostics.ActivityListener
        {
            ShouldListenTo = source => source.Name == DigestTelemetry.Name,
            Sample = (ref System.Diagnostics.ActivityCreationOptions<System.Diagnostics.ActivityContext> _) =>
                System.Diagnostics.ActivitySamplingResult.AllData,
            ActivityStopped = activity => spans.Add(activity.OperationName),
        };
        System.Diagnostics.ActivitySource.AddActivityListener(listener);
        var clock = new FixedClock(SampleNow);
        using var app = DigestApp.Start(TestSettings.With(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["Digest:Sources"] = Path.Combine(RepoPaths.Samples, "sources.json"),
            ["Digest:Data"] = temp.Path,
            ["Digest:HostJson"] = RepoPaths.HostJson,
        }), clock);
        var queue = app.Get<IMessageQueue>();
        var host = new QueueProcessor(queue, app.Get<QueueHostOptions>(), TimeProvider.System);

        await app.Create<FetchFeeds>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        Assert.Equal(5, await queue.CountAsync(QueueNames.Feeds));

        var readFeed = app.Create<ReadFeed>();
        var feeds = await host.DrainAsync(QueueNames.Feeds, (m, ct) => readFeed.RunAsync(m.Text, ct), 4);
        var extractPage = app.Create<ExtractPage>();
        var pages = await host.DrainAsync(QueueNames.Pages, (m, ct) => extractPage.RunAsync(m.Text, ct), 4);
        var processArticle = app.Create<ProcessArticle>();
        var articles = await host.DrainAsync(QueueNames.Articles, (m, ct) => processArticle.RunAsync(m.Text, ct), 4);

        Assert.Equal(5, feeds.Succeeded);
        Assert.True(pages.Succeeded > 10, $"{pages.Succeeded} pages");
        Assert.Equal(0, feeds.Poisoned + pages.Poisoned + articles.Poisoned);
        var blobs = app.Get<IBlobStore>();
        Assert.Equal(articles.Succeeded, await CountAsync(blobs, Containers.Articles));
        Assert.True(await CountAsync(blobs, Containers.Stories) > 0);

        // The hourly timer at 18:00 composes today's briefing and sends it to the one subscriber; a later tick sends nothing.
        await app.Create<SendBriefings>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        clock.Now = SampleNow.AddHours(1);
        await app.Create<SendBriefings>().RunAsync(new Microsoft.Azure.Functions.Worker.TimerInfo(), CancellationToken.None);
        Assert.Single(Directory.GetFiles(Path.Combine(temp.Path, "outbox"), "*.eml"));
        // Every trigger's invocation is a span of the app's ActivitySource, which the Functions app exports.
        Assert.Equal(["ExtractPage", "FetchFeeds", "ProcessArticle", "ReadFeed", "SendBriefings"], spans.Distinct().Order(StringComparer.Ordinal));

        var briefings = app.Create<BriefingsApi>();
        var list = await HttpCalls.ExecuteAsync(await briefings.ListAsync(HttpCalls.Request("GET"), CancellationToken.None));
        Assert.Equal(200, list.Status);
        Assert.StartsWith("application/json", list.ContentType, StringComparison.Ordinal);
        Assert.Equal(["2026-03-12"], list.Json.GetProperty("briefings").EnumerateArray().Select(e => e.GetString()));

        var briefing = await HttpCalls.ExecuteAsync(await briefings.GetAsync(HttpCalls.Request("GET"), "2026-03-12", CancellationToken.None));
        Assert.Equal(200, briefing.Status);
        var story = briefing.Json.GetProperty("stories")[0];
        var storyId = story.GetProperty("storyId").GetString()!;
        var articleId = story.GetProperty("coverage")[0].GetProperty("articleId").GetString()!;

        var archive = app.Create<ArchiveApi>();
        var storyAnswer = await HttpCalls.ExecuteAsync(await archive.StoryAsync(HttpCalls.Request("GET"), storyId, CancellationToken.None));
        Assert.Equal(storyId, storyAnswer.Json.GetProperty("id").GetString());
        var articleAnswer = await HttpCalls.ExecuteAsync(await archive.ArticleAsync(HttpCalls.Request("GET"), articleId, CancellationToken.None));
        Assert.Equal(articleId, articleAnswer.Json.GetProperty("id").GetString());
        var sources = await HttpCalls.ExecuteAsync(await archive.SourcesAsync(HttpCalls.Request("GET"), CancellationToken.None));
        Assert.Equal(5, sources.Json.GetProperty("sources").GetArrayLength());
        Assert.All(sources.Json.GetProperty("sources").EnumerateArray(), s => Assert.Equal("ok", s.GetProperty("status").GetString()));

        // Bad input: an id that is a path, a date that is not one, a route that does not exist.
        var traversal = await HttpCalls.ExecuteAsync(await archive.ArticleAsync(HttpCalls.Request("GET"), "../state/story-index", CancellationToken.None));
        Assert.Equal(404, traversal.Status);
        Assert.StartsWith("application/problem+json", traversal.ContentType, StringComparison.Ordinal);
        var badDate = await HttpCalls.ExecuteAsync(await briefings.GetAsync(HttpCalls.Request("GET"), "2026-02-30", CancellationToken.None));
        Assert.Equal(400, badDate.Status);
        Assert.Contains("yyyy-MM-dd", badDate.Json.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var unknown = await HttpCalls.ExecuteAsync(NotFoundApi.Run(HttpCalls.Request("GET")));
        Assert.Equal(404, unknown.Status);
        Assert.Equal(404, unknown.Json.GetProperty("status").GetInt32());

        // A manual run to one recipient, then the same request id again: the first result, and no second mail.
        const string body = """{"requestId": "manual-1", "date": "2026-03-12", "recipient": "editor@example.org"}""";
        var first = await HttpCalls.ExecuteAsync(await briefings.RunAsync(HttpCalls.Request("POST", body), CancellationToken.None));
        Assert.Equal(200, first.Status);
        Assert.Equal(1, first.Json.GetProperty("sent").GetInt32());
        Assert.False(first.Json.GetProperty("replayed").GetBoolean());
        var again = await HttpCalls.ExecuteAsync(await briefings.RunAsync(HttpCalls.Request("POST", body), CancellationToken.None));
        Assert.Equal(200, again.Status);
        Assert.True(again.Json.GetProperty("replayed").GetBoolean());
        Assert.Equal(first.Json.GetProperty("sent").GetInt32(), again.Json.GetProperty("sent").GetInt32());
        Assert.Equal(2, Directory.GetFiles(Path.Combine(temp.Path, "outbox"), "*.eml").Length);

        var dryRun = await HttpCalls.ExecuteAsync(await briefings.RunAsync(
            HttpCalls.Request("POST", """{"requestId": "manual-2", "dryRun": true, "recipient": "other@example.org"}"""), CancellationToken.None));
        Assert.Equal(0, dryRun.Json.GetProperty("sent").GetInt32());
        var future = await HttpCalls.ExecuteAsync(await briefings.RunAsync(
            HttpCalls.Request("POST", """{"requestId": "manual-3", "date": "2026-03-13"}"""), CancellationToken.None));
        Assert.Equal(400, future.Status);
        var injected = await HttpCalls.ExecuteAsync(await briefings.RunAsync(
            HttpCalls.Request("POST", """{"requestId": "manual-4", "recipient": "a@example.org\r\nBcc: all@example.org"}"""), CancellationToken.None));
        Assert.Equal(400, injected.Status);
        Assert.DoesNotContain("Bcc", injected.Text, StringComparison.Ordinal);
        Assert.Equal(2, Directory.GetFiles(Path.Combine(temp.Path, "outbox"), "*.eml").Length);
    }

    public void Dispose() => temp.Dispose();

    private static async Task<int> CountAsync(IBlobStore blobs, string container)
    {
        var count = 0;
        await foreach (var _ in blobs.ListAsync(container))
        {
            count++;
        }

        return count;
    }
}

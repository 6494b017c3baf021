using System.Text;
using Digest.Core.Articles;
using Digest.Core.Extraction;
using Digest.Core.Feeds;
using Digest.Core.Json;
using Digest.Core.Queueing;
using Digest.Core.Sources;
using Digest.Core.Storage;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Sources;

public sealed class FetchHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private const string FeedUrl = "https://lakeside.example/feed.xml";

    private readonly InMemoryBlobStore blobs = new();
    private readonly InMemoryMessageQueue queue = new();
    private readonly MapFetcher web = new();
    private readonly SourceConfig source = new() { Name = "Lakeside Courier", Url = new Uri(FeedUrl) };

    private FetchHandler Handler() => Handler(Now);

    private FetchHandler Handler(DateTimeOffset at) => new(web, new ArticleExtractor(), blobs, queue, new FixedClock(at), SilentReporter());

    private static Diagnostics.SilentReporter SilentReporter() => Diagnostics.SilentReporter.Instance;

    [Fact]
    public async Task New_items_are_archived_raw_and_extracted_and_queued_once()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"), ("budget-1", "budget-vote.html"));
        web.Serve("https://lakeside.example/ferry-timetable.html", ArticlePage("Ferry timetable changes for summer", "ferry"));
        web.Serve("https://lakeside.example/budget-vote.html", ArticlePage("Council budget vote delayed", "budget"));

        var result = await Handler().FetchSourceAsync(source);

        Assert.Equal(2, result.NewArticles);
        Assert.Equal(2, queue.Messages(QueueNames.Articles).Count);
        foreach (var text in queue.Messages(QueueNames.Articles))
        {
            var message = DigestJson.Deserialize<ArticleMessage>(Encoding.UTF8.GetBytes(text));
            var article = await new JsonDocumentStore(blobs).GetAsync<Article>(Containers.Articles, BlobPaths.Article(message.ArticleId));
            Assert.NotNull(article);
            Assert.Equal(ArticleStatus.Extracted, article.Status);
            Assert.Equal("Lakeside Courier", article.Outlet);
            Assert.Equal(message.Published, article.Published);
            Assert.NotNull(await blobs.GetAsync(Containers.Raw, BlobPaths.RawPage(message.ArticleId)));
        }

        var again = await Handler().FetchSourceAsync(source);
        Assert.Equal(0, again.NewArticles);
        Assert.Equal(2, queue.Messages(QueueNames.Articles).Count);
    }

    [Fact]
    public async Task The_second_fetch_is_conditional_and_a_304_changes_nothing()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"));
        web.Serve("https://lakeside.example/ferry-timetable.html", ArticlePage("Ferry timetable changes for summer", "ferry"));
        await Handler().FetchSourceAsync(source);

        var result = await Handler().FetchSourceAsync(source);

        Assert.True(result.NotModified);
        var feedRequests = web.Requests.Where(r => r.Uri == new Uri(FeedUrl)).ToList();
        Assert.Null(feedRequests[0].ETag);
        Assert.NotNull(feedRequests[1].ETag);
    }

    [Fact]
    public async Task A_broken_feed_is_counted_and_marks_nothing_seen_or_unseen()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"));
        web.Serve("https://lakeside.example/ferry-timetable.html", ArticlePage("Ferry timetable changes for summer", "ferry"));
        await Handler().FetchSourceAsync(source);
        var before = await StateAsync();

        web.Serve(FeedUrl, "<rss><channel><item><title>unclosed", "application/rss+xml");
        var first = await Handler().FetchSourceAsync(source);
        web.Fail(FeedUrl);
        var second = await Handler().FetchSourceAsync(source);

        Assert.True(first.Failed);
        Assert.True(second.Failed);
        var after = await StateAsync();
        Assert.Equal(2, after.ConsecutiveFailures);
        Assert.Equal(before.SeenIds, after.SeenIds);
        Assert.Equal(before.ETag, after.ETag);
        Assert.Equal(before.LastSuccess, after.LastSuccess);
        Assert.Contains("503", after.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_fails_is_tried_again_next_time()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"));
        web.Serve("https://lakeside.example/ferry-timetable.html", ArticlePage("Ferry timetable changes for summer", "ferry"));
        web.Fail("https://lakeside.example/ferry-timetable.html");

        var failed = await Handler().FetchSourceAsync(source);
        web.Heal("https://lakeside.example/ferry-timetable.html");
        var tooSoon = await Handler(Now + TimeSpan.FromMinutes(5)).FetchSourceAsync(source);
        var retried = await Handler(Now + FetchLimits.Default.RetryDelay).FetchSourceAsync(source);

        Assert.Equal(1, failed.PageFailures);
        Assert.Equal(0, failed.NewArticles);
        Assert.Equal(0, tooSoon.NewArticles);
        Assert.Equal(1, tooSoon.Deferred);
        Assert.Equal(1, retried.NewArticles);
        Assert.Single(queue.Messages(QueueNames.Articles));
    }

    [Fact]
    public async Task A_page_that_is_not_an_article_is_reported_and_not_archived()
    {
        ServeFeed(("tag-1", "tag/ferries.html"));
        var links = string.Concat(Enumerable.Range(1, 40).Select(i => $"<li><a href=\"/story-{i}.html\">Ferry story number {i}</a></li>"));
        web.Serve("https://lakeside.example/tag/ferries.html",
            $"<html><head><title>Ferries | Lakeside Courier</title></head><body><h1>Ferries</h1><ul>{links}</ul></body></html>");

        var result = await Handler().FetchSourceAsync(source);

        Assert.Equal(1, result.NotArticles);
        Assert.Empty(queue.Messages(QueueNames.Articles));
        await foreach (var _ in blobs.ListAsync(Containers.Articles))
        {
            Assert.Fail("nothing should be archived");
        }
    }

    [Fact]
    public async Task An_article_archived_by_a_crashed_run_is_queued_again_without_downloading_it_again()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"));
        web.Serve("https://lakeside.example/ferry-timetable.html", ArticlePage("Ferry timetable changes for summer", "ferry"));
        await Handler().FetchSourceAsync(source);
        // The crash: the source state was never written, and the queue lost its message.
        await blobs.DeleteAsync(Containers.State, BlobPaths.SourceState(ItemIdentity.SourceId(source.Name, source.Url)));
        var message = queue.Messages(QueueNames.Articles)[0];
        // Deleting needs the receipt of a receive, as on Azure (the fake ignores a made-up one).
        var received = Assert.Single(await queue.ReceiveAsync(QueueNames.Articles, 32, TimeSpan.FromMinutes(10)));
        await queue.DeleteAsync(QueueNames.Articles, received);
        web.Requests.Clear();

        var result = await Handler().FetchSourceAsync(source);

        Assert.Equal(1, result.NewArticles);
        Assert.Equal([message], queue.Messages(QueueNames.Articles));
        Assert.DoesNotContain(web.Requests, r => r.Uri.AbsolutePath.EndsWith(".html", StringComparison.Ordinal));
    }

    private async Task<SourceState> StateAsync()
        => (await new JsonDocumentStore(blobs).GetAsync<SourceState>(Containers.State, BlobPaths.SourceState(ItemIdentity.SourceId(source.Name, source.Url))))!;

    private void ServeFeed(params (string Guid, string Page)[] items)
    {
        var entries = string.Concat(items.Select((item, i) =>
            $"<item><title>Item {i}</title><link>{item.Page}</link><guid>{item.Guid}</guid><pubDate>Mon, 04 May 2026 0{i + 6}:00:00 +0000</pubDate></item>"));
        web.Serve(FeedUrl, $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Lakeside Courier</title><link>https://lakeside.example/</link>{entries}</channel></rss>",
            "application/rss+xml");
    }

    private static string ArticlePage(string title, string topic)
    {
        var paragraphs = string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"<p>Paragraph {i} about the {topic}: the harbour master, Ilse Marrow, said on Monday that the plan had been discussed for several months and that residents would be consulted before any final decision was taken by the council.</p>"));
        return $"<!DOCTYPE html><html lang=\"en\"><head><title>{title} | Lakeside Courier</title><meta property=\"og:title\" content=\"{title}\"></head>"
            + $"<body><nav><a href=\"/\">Home</a><a href=\"/news\">News</a></nav><article><h1>{title}</h1>{paragraphs}</article><footer>Contact us</footer></body></html>";
    }
}

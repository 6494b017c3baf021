using System.Text;
using Digest.Core.Articles;
using Digest.Core.Feeds;
using Digest.Core.Json;
using Digest.Core.Queueing;
using Digest.Core.Sources;
using Digest.Core.Storage;

namespace Digest.Core.Tests.Sources;

/// <summary>The page stage: one item per invocation; download, extract, archive, queue; failures retried through the queue.</summary>
public sealed class PageHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private const string FeedUrl = "https://lakeside.example/feed.xml";
    private const string FerryUrl = "https://lakeside.example/ferry-timetable.html";

    private readonly FetchStages stages = new(Now);
    private readonly SourceConfig source = new() { Name = "Lakeside Courier", Url = new Uri(FeedUrl) };

    [Fact]
    public async Task New_items_are_archived_raw_and_extracted_and_queued_once()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"), ("budget-1", "budget-vote.html"));
        stages.Web.Serve(FerryUrl, ArticlePage("Ferry timetable changes for summer", "ferry"));
        stages.Web.Serve("https://lakeside.example/budget-vote.html", ArticlePage("Council budget vote delayed", "budget"));

        var result = await stages.RunAsync(source);

        Assert.Equal(2, result.NewArticles);
        Assert.Equal(2, stages.Queue.Messages(QueueNames.Articles).Count);
        foreach (var text in stages.Queue.Messages(QueueNames.Articles))
        {
            var message = DigestJson.Deserialize<ArticleMessage>(Encoding.UTF8.GetBytes(text));
            var article = await new JsonDocumentStore(stages.Blobs).GetAsync<Article>(Containers.Articles, BlobPaths.Article(message.ArticleId));
            Assert.NotNull(article);
            Assert.Equal(ArticleStatus.Extracted, article.Status);
            Assert.Equal("Lakeside Courier", article.Outlet);
            Assert.Equal(message.Published, article.Published);
            Assert.NotNull(await stages.Blobs.GetAsync(Containers.Raw, BlobPaths.RawPage(message.ArticleId)));
        }

        var again = await stages.RunAsync(source);
        Assert.Equal(0, again.NewArticles);
        Assert.Equal(2, stages.Queue.Messages(QueueNames.Articles).Count);
    }

    [Fact]
    public async Task A_page_that_is_not_an_article_is_reported_and_not_archived()
    {
        ServeFeed(("tag-1", "tag/ferries.html"));
        var links = string.Concat(Enumerable.Range(1, 40).Select(i => $"<li><a href=\"/story-{i}.html\">Ferry story number {i}</a></li>"));
        stages.Web.Serve("https://lakeside.example/tag/ferries.html",
            $"<html><head><title>Ferries | Lakeside Courier</title></head><body><h1>Ferries</h1><ul>{links}</ul></body></html>");

        var result = await stages.RunAsync(source);

        Assert.Equal(1, result.NotArticles);
        Assert.Empty(stages.Queue.Messages(QueueNames.Articles));
        Assert.Empty(stages.Queue.Messages(QueueNames.Pages));
        await foreach (var _ in stages.Blobs.ListAsync(Containers.Articles))
        {
            Assert.Fail("nothing should be archived");
        }
    }

    [Fact]
    public async Task An_article_archived_by_a_crashed_invocation_is_queued_again_without_downloading_it_again()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"));
        stages.Web.Serve(FerryUrl, ArticlePage("Ferry timetable changes for summer", "ferry"));
        await stages.RunAsync(source);
        // The crash: the source state was never written, and the queue lost its article message.
        await stages.Blobs.DeleteAsync(Containers.State, BlobPaths.SourceState(ItemIdentity.SourceId(source.Name, source.Url)));
        var message = stages.Queue.Messages(QueueNames.Articles)[0];
        var received = Assert.Single(await stages.Queue.ReceiveAsync(QueueNames.Articles, 32, TimeSpan.FromMinutes(10)));
        await stages.Queue.DeleteAsync(QueueNames.Articles, received);
        stages.Web.Requests.Clear();

        var result = await stages.RunAsync(source);

        Assert.Equal(1, result.NewArticles);
        Assert.Equal([message], stages.Queue.Messages(QueueNames.Articles));
        Assert.DoesNotContain(stages.Web.Requests, r => r.Uri.AbsolutePath.EndsWith(".html", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_page_that_fails_is_sent_again_hidden_for_its_delay_then_retried_and_its_failure_record_removed()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"));
        stages.Web.Serve(FerryUrl, ArticlePage("Ferry timetable changes for summer", "ferry"));
        stages.Web.Fail(FerryUrl);

        var failed = await stages.RunAsync(source);
        var record = await FailureAsync("ferry-1");
        var retry = Page(Assert.Single(stages.Queue.Messages(QueueNames.Pages)));
        stages.Web.Heal(FerryUrl);
        stages.Clock.Now = Now + TimeSpan.FromMinutes(5);
        var tooSoon = await stages.DrainPagesAsync(FetchStages.Config(source));
        stages.Clock.Now = Now + FetchLimits.Default.RetryDelay;
        var retried = await stages.DrainPagesAsync(FetchStages.Config(source));

        Assert.Equal((0, 1, 1), (failed.NewArticles, failed.PageFailures, failed.Deferred));
        Assert.Equal((1, Now + FetchLimits.Default.RetryDelay), (retry.Attempts, retry.NotBefore));
        Assert.Equal(1, record!.Failures);
        Assert.Equal(Now + FetchLimits.Default.RetryDelay, record.NextAttempt);
        Assert.Contains("503", record.LastError, StringComparison.Ordinal);
        Assert.Empty(tooSoon);
        Assert.Equal(PageResult.Archived, Assert.Single(retried).Result);
        Assert.Single(stages.Queue.Messages(QueueNames.Articles));
        Assert.Null(await FailureAsync("ferry-1"));
    }

    [Fact]
    public async Task A_retry_the_queue_shows_before_it_is_due_goes_back_to_wait_without_a_download()
    {
        var message = new PageMessage
        {
            SourceId = ItemIdentity.SourceId(source.Name, source.Url),
            Source = source.Name,
            ArticleId = "0123456789abcdef",
            Link = new Uri(FerryUrl),
            FirstSeen = Now,
            Attempts = 1,
            NotBefore = Now + TimeSpan.FromMinutes(20),
        };

        var outcome = await stages.Pages(FetchStages.Config(source)).HandleAsync(DigestJson.SerializeLine(message));

        Assert.Equal(PageResult.NotDue, outcome.Result);
        Assert.Empty(stages.Web.Requests);
        Assert.Empty(await stages.Queue.ReceiveAsync(QueueNames.Pages, 32, TimeSpan.FromMinutes(10)));
        stages.Clock.Now = Now + TimeSpan.FromMinutes(20);
        Assert.Equal(DigestJson.SerializeLine(message), Assert.Single(await stages.Queue.ReceiveAsync(QueueNames.Pages, 32, TimeSpan.FromMinutes(10))).Text);
    }

    [Fact]
    public async Task A_page_message_cannot_widen_what_the_sources_file_allows_and_one_of_a_removed_source_is_dropped()
    {
        var message = new PageMessage
        {
            SourceId = ItemIdentity.SourceId(source.Name, source.Url),
            Source = source.Name,
            ArticleId = "0123456789abcdef",
            Link = new Uri("file:///etc/passwd"),
            FirstSeen = Now,
            AllowFile = true,
        };
        var handler = stages.Pages(FetchStages.Config(source));

        await handler.HandleAsync(DigestJson.SerializeLine(message));
        var removed = await handler.HandleAsync(DigestJson.SerializeLine(message with { SourceId = "gone" }));

        Assert.False(Assert.Single(stages.Web.Requests).AllowFile);
        Assert.Equal(PageResult.Dropped, removed.Result);
        await Assert.ThrowsAsync<InvalidDataException>(() => handler.HandleAsync("{\"sourceId\":\"x\"}"));
    }

    private static PageMessage Page(string text) => DigestJson.Deserialize<PageMessage>(Encoding.UTF8.GetBytes(text));

    private Task<PageFailure?> FailureAsync(string guid)
    {
        var sourceId = ItemIdentity.SourceId(source.Name, source.Url);
        var articleId = ItemIdentity.ArticleId(sourceId, new FeedItem(guid, null, null, null, null));
        return new JsonDocumentStore(stages.Blobs).GetAsync<PageFailure>(Containers.State, BlobPaths.PageFailure(sourceId, articleId));
    }

    private void ServeFeed(params (string Guid, string Page)[] items)
    {
        var entries = string.Concat(items.Select((item, i) =>
            $"<item><title>Item {i}</title><link>{item.Page}</link><guid>{item.Guid}</guid><pubDate>Mon, 04 May 2026 0{i + 6}:00:00 +0000</pubDate></item>"));
        stages.Web.Serve(FeedUrl, $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Lakeside Courier</title><link>https://lakeside.example/</link>{entries}</channel></rss>",
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

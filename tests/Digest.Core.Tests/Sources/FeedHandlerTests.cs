using System.Text;
using Digest.Core.Feeds;
using Digest.Core.Json;
using Digest.Core.Queueing;
using Digest.Core.Sources;
using Digest.Core.Storage;

namespace Digest.Core.Tests.Sources;

/// <summary>The feed stage: one source per invocation, new items out as page messages, no page downloaded.</summary>
public sealed class FeedHandlerTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);
    private const string FeedUrl = "https://lakeside.example/feed.xml";

    private readonly FetchStages stages = new(Now);
    private readonly SourceConfig source = new() { Name = "Lakeside Courier", Url = new Uri(FeedUrl) };

    private FeedHandler Handler(FetchLimits? limits = null) => stages.Feeds(FetchStages.Config(source, limits));

    [Fact]
    public async Task One_feed_read_queues_one_page_message_per_new_item_and_downloads_no_page()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"), ("budget-1", "budget-vote.html"));
        var fanOut = await FeedFanOut.EnqueueAsync(stages.Queue, FetchStages.Config(source));
        var feedMessage = Assert.Single(await stages.Queue.ReceiveAsync(QueueNames.Feeds, 32, TimeSpan.FromMinutes(10)));

        var result = await Handler().HandleAsync(feedMessage.Text);

        Assert.Equal(1, fanOut);
        Assert.Equal(2, result!.PagesQueued);
        Assert.Equal([new Uri(FeedUrl)], stages.Web.Requests.Select(r => r.Uri));
        var pages = stages.Queue.Messages(QueueNames.Pages).Select(Page).ToList();
        var sourceId = ItemIdentity.SourceId(source.Name, source.Url);
        Assert.Equal([new Uri("https://lakeside.example/ferry-timetable.html"), new Uri("https://lakeside.example/budget-vote.html")], pages.Select(p => p.Link));
        Assert.All(pages, p =>
        {
            Assert.Equal(sourceId, p.SourceId);
            Assert.Equal("Lakeside Courier", p.Source);
            Assert.Equal(Now, p.FirstSeen);
            Assert.False(p.FollowedBefore);
            Assert.False(p.AllowFile);
            Assert.Equal(0, p.Attempts);
            Assert.Null(p.NotBefore);
        });
        Assert.Equal("Item 0", pages[0].Title);
        Assert.Equal(new DateTimeOffset(2026, 5, 4, 6, 0, 0, TimeSpan.Zero), pages[0].Published);
        Assert.Empty(stages.Queue.Messages(QueueNames.Articles));
        // Seen once queued: the next read queues nothing more.
        Assert.Equal(pages.Select(p => p.ArticleId), (await StateAsync()).SeenIds);
        Assert.Equal(0, (await Handler().FetchSourceAsync(source)).PagesQueued);
        Assert.Equal(2, stages.Queue.Messages(QueueNames.Pages).Count);
    }

    [Fact]
    public async Task Feed_messages_say_only_the_source_id_and_one_for_a_source_no_longer_configured_is_dropped()
    {
        await FeedFanOut.EnqueueAsync(stages.Queue, FetchStages.Config(source));
        var text = Assert.Single(stages.Queue.Messages(QueueNames.Feeds));

        Assert.Equal("{\"sourceId\":\"" + ItemIdentity.SourceId(source.Name, source.Url) + "\"}", text);
        Assert.Null(await Handler().HandleAsync("{\"sourceId\":\"renamed-outlet\"}"));
        Assert.Empty(stages.Web.Requests);
        await Assert.ThrowsAsync<InvalidDataException>(() => Handler().HandleAsync("not json"));
    }

    [Fact]
    public async Task The_second_read_is_conditional_and_a_304_changes_nothing()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"));
        await Handler().FetchSourceAsync(source);

        var result = await Handler().FetchSourceAsync(source);

        Assert.True(result.NotModified);
        var feedRequests = stages.Web.Requests.Where(r => r.Uri == new Uri(FeedUrl)).ToList();
        Assert.Null(feedRequests[0].ETag);
        Assert.NotNull(feedRequests[1].ETag);
        Assert.Single(stages.Queue.Messages(QueueNames.Pages));
    }

    [Fact]
    public async Task A_broken_feed_is_counted_and_marks_nothing_seen_or_unseen()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"));
        await Handler().FetchSourceAsync(source);
        var before = await StateAsync();

        stages.Web.Serve(FeedUrl, "<rss><channel><item><title>unclosed", "application/rss+xml");
        var first = await Handler().FetchSourceAsync(source);
        stages.Web.Fail(FeedUrl);
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
    public async Task Items_of_a_followed_source_say_so_in_their_page_message()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"));
        await Handler().FetchSourceAsync(source);
        ServeFeed(("ferry-1", "ferry-timetable.html"), ("budget-1", "budget-vote.html"));
        stages.Clock.Now = Now + TimeSpan.FromHours(2);

        await Handler().FetchSourceAsync(source);

        var later = Page(stages.Queue.Messages(QueueNames.Pages)[1]);
        Assert.True(later.FollowedBefore);
        Assert.Equal(Now + TimeSpan.FromHours(2), later.FirstSeen);
    }

    [Fact]
    public async Task A_retry_recorded_in_the_state_by_an_older_version_is_handed_to_the_page_queue_when_due()
    {
        ServeFeed(("ferry-1", "ferry-timetable.html"), ("budget-1", "budget-vote.html"));
        var sourceId = ItemIdentity.SourceId(source.Name, source.Url);
        string Id(string guid) => ItemIdentity.ArticleId(sourceId, new FeedItem(guid, null, null, null, null));
        await new JsonDocumentStore(stages.Blobs).WriteAsync(Containers.State, BlobPaths.SourceState(sourceId), new SourceState
        {
            SourceId = sourceId,
            Name = source.Name,
            Url = source.Url,
            ETag = "\"old\"",
            LastSuccess = Now - TimeSpan.FromDays(1),
            FailedItems =
            [
                new FailedItem { ArticleId = Id("ferry-1"), Failures = 2, FirstSeen = Now - TimeSpan.FromDays(1), NextAttempt = Now - TimeSpan.FromMinutes(1) },
                new FailedItem { ArticleId = Id("budget-1"), Failures = 1, FirstSeen = Now - TimeSpan.FromHours(1), NextAttempt = Now + TimeSpan.FromHours(1) },
            ],
        });

        var result = await Handler().FetchSourceAsync(source);

        var page = Page(Assert.Single(stages.Queue.Messages(QueueNames.Pages)));
        Assert.Equal((Id("ferry-1"), 2, Now - TimeSpan.FromDays(1)), (page.ArticleId, page.Attempts, page.FirstSeen));
        Assert.Equal(1, result.Deferred);
        var state = await StateAsync();
        Assert.Equal(Id("budget-1"), Assert.Single(state.FailedItems).ArticleId);
        Assert.Equal([Id("ferry-1")], state.SeenIds);
        Assert.Equal("\"old\"", state.ETag);
    }

    [Fact]
    public async Task A_feed_title_too_long_for_a_message_is_cut_and_a_link_too_long_is_skipped()
    {
        var title = new string('t', 40_000);
        var link = "https://lakeside.example/" + new string('p', 40_000) + ".html";
        stages.Web.Serve(FeedUrl, $"<rss version=\"2.0\"><channel><title>L</title><item><title>{title}</title><link>/long-title.html</link><guid>a</guid></item>"
            + $"<item><title>Long link</title><link>{link}</link><guid>b</guid></item></channel></rss>", "application/rss+xml");

        var result = await Handler().FetchSourceAsync(source);

        Assert.False(result.Failed);
        Assert.Equal(1, result.PagesQueued);
        Assert.Equal(1, result.NotArticles);
        Assert.Equal(PageMessage.MaxTitleLength, Page(Assert.Single(stages.Queue.Messages(QueueNames.Pages))).Title!.Length);
        Assert.Equal(2, (await StateAsync()).SeenIds.Count);
    }

    private static PageMessage Page(string text) => DigestJson.Deserialize<PageMessage>(Encoding.UTF8.GetBytes(text));

    private async Task<SourceState> StateAsync()
        => (await new JsonDocumentStore(stages.Blobs).GetAsync<SourceState>(Containers.State, BlobPaths.SourceState(ItemIdentity.SourceId(source.Name, source.Url))))!;

    private void ServeFeed(params (string Guid, string Page)[] items)
    {
        var entries = string.Concat(items.Select((item, i) =>
            $"<item><title>Item {i}</title><link>{item.Page}</link><guid>{item.Guid}</guid><pubDate>Mon, 04 May 2026 0{i + 6}:00:00 +0000</pubDate></item>"));
        stages.Web.Serve(FeedUrl, $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Lakeside Courier</title><link>https://lakeside.example/</link>{entries}</channel></rss>",
            "application/rss+xml");
    }
}

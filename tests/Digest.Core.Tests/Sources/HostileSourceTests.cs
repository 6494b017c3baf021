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

/// <summary>
/// The feed and page stages against sources that misbehave: each test is one failure class found by attacking <c>digest run</c>
/// (README, "Hostile sources").
/// </summary>
public sealed class HostileSourceTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 4, 9, 0, 0, TimeSpan.Zero);

    private readonly List<string> warnings = [];
    private readonly FetchStages stages;
    private readonly MapFetcher web;
    private readonly InMemoryBlobStore blobs;
    private readonly InMemoryMessageQueue queue;

    private static readonly SourceConfig Healthy = new() { Name = "Lakeside Courier", Url = new Uri("https://lakeside.example/feed.xml") };
    private static readonly SourceConfig Hostile = new() { Name = "Copycat Daily", Url = new Uri("https://copycat.example/feed.xml") };

    public HostileSourceTests()
    {
        stages = new FetchStages(Now, new ListReporter(warnings));
        (web, blobs, queue) = (stages.Web, stages.Blobs, stages.Queue);
    }

    /// <summary>A run of the source's part at <paramref name="at"/>: its feed read, then the pages visible by then.</summary>
    private Task<SourceFetchResult> RunAsync(SourceConfig source, DateTimeOffset? at = null, FetchLimits? limits = null)
    {
        stages.Clock.Now = at ?? Now;
        return stages.RunAsync(source, limits);
    }

    [Fact]
    public async Task A_source_whose_fetch_throws_unexpectedly_is_recorded_and_the_others_go_on()
    {
        ServeFeed(Healthy, ("ferry", "Ferry timetable changes", null));
        web.Throwing[Hostile.Url] = new InvalidOperationException("decoder blew up");
        var config = new SourcesConfig { Sources = [Hostile, Healthy] };
        await FeedFanOut.EnqueueAsync(queue, config);

        var results = new List<SourceFetchResult>();
        foreach (var message in await queue.ReceiveAsync(QueueNames.Feeds, 32, TimeSpan.FromMinutes(10)))
        {
            results.Add((await stages.Feeds(config).HandleAsync(message.Text))!);
        }

        var pages = await stages.DrainPagesAsync(config);
        Assert.True(results.Single(r => r.Name == Hostile.Name).Failed);
        Assert.Contains("decoder blew up", results.Single(r => r.Name == Hostile.Name).Error, StringComparison.Ordinal);
        Assert.Equal(1, results.Single(r => r.Name == Healthy.Name).PagesQueued);
        Assert.Equal(PageResult.Archived, Assert.Single(pages).Result);
        var state = await StateAsync(Hostile);
        Assert.Equal(1, state.ConsecutiveFailures);
        Assert.Contains("decoder blew up", state.LastError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_item_whose_page_throws_unexpectedly_fails_alone_and_is_retried_later()
    {
        ServeFeed(Healthy, ("ferry", "Ferry timetable changes", null), ("budget", "Council budget vote delayed", null));
        web.Throwing[PageUrl(Healthy, "ferry")] = new InvalidDataException("corrupt gzip body");

        var result = await RunAsync(Healthy);

        Assert.Equal(1, result.NewArticles);
        Assert.Equal(1, result.PageFailures);
        var failed = (await FailureAsync(Healthy, "ferry"))!;
        Assert.Contains("corrupt gzip body", failed.LastError, StringComparison.Ordinal);
        Assert.Equal(Now + FetchLimits.Default.RetryDelay, failed.NextAttempt);
        var retry = DigestJson.Deserialize<PageMessage>(Encoding.UTF8.GetBytes(Assert.Single(queue.Messages(QueueNames.Pages))));
        Assert.Equal((PageUrl(Healthy, "ferry"), 1), (retry.Link, retry.Attempts));

        web.Throwing.Clear();
        var later = await RunAsync(Healthy, Now + FetchLimits.Default.RetryDelay);
        Assert.Equal(1, later.NewArticles);
        Assert.Null(await FailureAsync(Healthy, "ferry"));
    }

    [Fact]
    public async Task A_page_that_never_answers_is_given_up_after_the_allowed_attempts()
    {
        ServeFeed(Healthy, ("ferry", "Ferry timetable changes", null));
        web.Fail(PageUrl(Healthy, "ferry").ToString());
        var limits = FetchLimits.Default with { MaxPageAttempts = 3, RetryDelay = TimeSpan.FromMinutes(10) };

        var at = Now;
        var failures = new List<int>();
        for (var attempt = 0; attempt < 3; attempt++)
        {
            failures.Add((await RunAsync(Healthy, at, limits)).PageFailures);
            at += TimeSpan.FromDays(1);
        }

        web.Requests.Clear();
        await RunAsync(Healthy, at, limits);

        Assert.Equal([1, 1, 1], failures);
        var state = await StateAsync(Healthy);
        Assert.Single(state.SeenIds);
        Assert.Empty(queue.Messages(QueueNames.Pages));
        Assert.DoesNotContain(web.Requests, r => r.Uri == PageUrl(Healthy, "ferry"));
        Assert.Contains(warnings, w => w.Contains("giving up after 3", StringComparison.Ordinal));
        var record = (await FailureAsync(Healthy, "ferry"))!;
        Assert.True(record.GaveUp);
        Assert.Equal(3, record.Failures);
        Assert.Null(record.NextAttempt);
    }

    [Fact]
    public async Task A_flood_of_new_items_is_taken_a_budget_at_a_time_and_nothing_is_lost()
    {
        var items = Enumerable.Range(1, 7).Select(i => ($"story-{i}", $"Story number {i} about the ferry", (DateTimeOffset?)null)).ToArray();
        ServeFeed(Healthy, items);
        var limits = FetchLimits.Default with { MaxNewItemsPerSource = 3 };

        var first = await RunAsync(Healthy, limits: limits);
        var second = await RunAsync(Healthy, limits: limits);
        var third = await RunAsync(Healthy, limits: limits);

        Assert.Equal((3, 4), (first.NewArticles, first.Deferred));
        Assert.Equal((3, 1), (second.NewArticles, second.Deferred));
        Assert.Equal((1, 0), (third.NewArticles, third.Deferred));
        Assert.Equal(7, queue.Messages(QueueNames.Articles).Count);
        // While work was left, the feed was read again in full rather than answered with a 304.
        Assert.All(web.Requests.Where(r => r.Uri == Healthy.Url), r => Assert.Null(r.ETag));
    }

    [Fact]
    public async Task A_back_dated_copy_on_a_followed_source_is_dated_from_when_it_was_first_seen()
    {
        ServeFeed(Hostile, ("old", "An older story", Now - TimeSpan.FromDays(1)));
        await RunAsync(Hostile);
        var claimed = Now - TimeSpan.FromDays(30);
        ServeFeed(Hostile, ("copy", "Ferry timetable changes, as we reported first", claimed));

        var later = Now + TimeSpan.FromHours(6);
        await RunAsync(Hostile, later);

        var copy = await ArticleAsync(Hostile, "copy");
        Assert.Equal(later - FetchLimits.Default.BackdateTolerance, copy.Published);
        Assert.Equal(claimed, copy.PublishedClaimed);
        var old = await ArticleAsync(Hostile, "old");
        Assert.Equal(Now - TimeSpan.FromDays(1), old.Published);
        Assert.Null(old.PublishedClaimed);
    }

    [Fact]
    public async Task The_first_read_of_a_source_keeps_its_back_catalogue_dates_but_not_future_ones()
    {
        var lastWeek = Now - TimeSpan.FromDays(7);
        ServeFeed(Healthy, ("old", "Last week's story", lastWeek), ("future", "A story from next year", Now + TimeSpan.FromDays(365)));

        await RunAsync(Healthy);

        Assert.Equal(lastWeek, (await ArticleAsync(Healthy, "old")).Published);
        var future = await ArticleAsync(Healthy, "future");
        Assert.Equal(Now, future.Published);
        Assert.Equal(Now + TimeSpan.FromDays(365), future.PublishedClaimed);
    }

    [Fact]
    public async Task Control_characters_in_titles_never_reach_the_article()
    {
        ServeFeed(Healthy, ("ferry", "Ferry\u0000 timetable \u001b[31mchanges\u0007 \u202Eevil", null));

        await RunAsync(Healthy);

        var article = await ArticleAsync(Healthy, "ferry");
        Assert.StartsWith("Ferry", article.Title, StringComparison.Ordinal);
        Assert.Contains("timetable [31mchanges", article.Title, StringComparison.Ordinal);
        Assert.DoesNotContain(article.Title, c => c < ' ' || c is '\u202E' or '\u0000');
    }

    [Fact]
    public async Task A_corrupt_source_state_is_quarantined_named_and_the_source_read_afresh()
    {
        ServeFeed(Healthy, ("ferry", "Ferry timetable changes", null));
        var path = BlobPaths.SourceState(ItemIdentity.SourceId(Healthy.Name, Healthy.Url));
        await blobs.PutAsync(Containers.State, path, Encoding.UTF8.GetBytes("{\"sourceId\": \"lakes"), "application/json");

        var result = await RunAsync(Healthy);

        Assert.False(result.Failed);
        Assert.Equal(1, result.NewArticles);
        var kept = await QuarantinedAsync(Containers.State + "/" + path);
        Assert.Equal("{\"sourceId\": \"lakes", Encoding.UTF8.GetString(kept!.Content.Span));
        Assert.Contains(warnings, w => w.Contains(Containers.State + "/" + path, StringComparison.Ordinal));
        Assert.Equal(Healthy.Url, (await StateAsync(Healthy)).Url);
    }

    [Fact]
    public async Task File_links_are_only_fetched_beside_an_operator_file_feed()
    {
        ServeFeed(Healthy, ("ferry", "Ferry timetable changes", null));

        await RunAsync(Healthy);

        Assert.All(web.Requests, r => Assert.False(r.AllowFile));
    }

    [Fact]
    public async Task A_file_feed_may_read_pages_in_its_folder_and_nothing_outside_it()
    {
        var feed = new SourceConfig { Name = "Local Mirror", Url = new Uri("file:///srv/mirror/outlet/feed.xml") };
        web.Serve(feed.Url.ToString(), "<rss version=\"2.0\"><channel><title>Mirror</title>"
            + "<item><title>Inside</title><link>articles/story.html</link><guid>in</guid></item>"
            + "<item><title>Outside</title><link>../../elsewhere/secret.html</link><guid>out</guid></item>"
            + "</channel></rss>", "application/rss+xml");
        web.Serve("file:///srv/mirror/outlet/articles/story.html", ArticlePage("Inside the mirror"));
        web.Serve("file:///srv/elsewhere/secret.html", ArticlePage("Outside the mirror"));

        await RunAsync(feed);

        Assert.True(web.Requests.Single(r => r.Uri == feed.Url).AllowFile);
        Assert.True(web.Requests.Single(r => r.Uri.AbsolutePath.EndsWith("/story.html", StringComparison.Ordinal)).AllowFile);
        Assert.All(web.Requests.Where(r => r.Uri.AbsolutePath.Contains("elsewhere", StringComparison.Ordinal)), r => Assert.False(r.AllowFile));
    }

    private static Uri PageUrl(SourceConfig source, string slug) => new(source.Url, $"/{slug}.html");

    private async Task<SourceState> StateAsync(SourceConfig source)
        => (await new JsonDocumentStore(blobs).GetAsync<SourceState>(Containers.State, BlobPaths.SourceState(ItemIdentity.SourceId(source.Name, source.Url))))!;

    private Task<PageFailure?> FailureAsync(SourceConfig source, string guid)
    {
        var sourceId = ItemIdentity.SourceId(source.Name, source.Url);
        var articleId = ItemIdentity.ArticleId(sourceId, new FeedItem(guid, null, null, null, null));
        return new JsonDocumentStore(blobs).GetAsync<PageFailure>(Containers.State, BlobPaths.PageFailure(sourceId, articleId));
    }

    private async Task<Article> ArticleAsync(SourceConfig source, string guid)
    {
        var id = ItemIdentity.ArticleId(ItemIdentity.SourceId(source.Name, source.Url), new FeedItem(guid, null, null, null, null));
        return (await new ArticleArchive(blobs).GetAsync(id))!;
    }

    private void ServeFeed(SourceConfig source, params (string Guid, string Title, DateTimeOffset? Published)[] items)
    {
        var entries = new StringBuilder();
        foreach (var (guid, title, published) in items)
        {
            var date = (published ?? Now - TimeSpan.FromHours(1)).ToString("R", System.Globalization.CultureInfo.InvariantCulture);
            var xmlTitle = new string(title.Where(c => c >= ' ' && c != '\u202E').ToArray());
            entries.Append($"<item><title>{System.Security.SecurityElement.Escape(xmlTitle)}</title><link>/{guid}.html</link><guid>{guid}</guid><pubDate>{date}</pubDate></item>");
            web.Serve(PageUrl(source, guid).ToString(), ArticlePage(title));
        }

        web.Serve(source.Url.ToString(), $"<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>{source.Name}</title>{entries}</channel></rss>",
            "application/rss+xml");
    }

    /// <summary>
    /// A page whose only date is the feed's, so the feed's claim is what the stage must judge. Control characters in
    /// the title are written as character references, as a hostile page would.
    /// </summary>
    private static string ArticlePage(string title)
    {
        var html = string.Concat(title.Select(c => c < ' ' || c == '\u202E'
            ? "&#" + ((int)c).ToString(System.Globalization.CultureInfo.InvariantCulture) + ";"
            : System.Net.WebUtility.HtmlEncode(c.ToString())));
        var paragraphs = string.Concat(Enumerable.Range(1, 6).Select(i =>
            $"<p>Paragraph {i}: the harbour master, Ilse Marrow, said on Monday that the plan had been discussed for several months and that residents would be consulted before any final decision was taken by the council.</p>"));
        return $"<!DOCTYPE html><html lang=\"en\"><head><title>{html}</title><meta property=\"og:title\" content=\"{html}\"></head>"
            + $"<body><article><h1>{html}</h1>{paragraphs}</article></body></html>";
    }

    /// <summary>The quarantined copy of a document: its path plus a content hash.</summary>
    private async Task<StoredBlob?> QuarantinedAsync(string path)
    {
        await foreach (var copy in blobs.ListAsync(Containers.Quarantine, path + "."))
        {
            return await blobs.GetAsync(Containers.Quarantine, copy);
        }

        return null;
    }

    private sealed class ListReporter(List<string> warnings) : Diagnostics.IRunReporter
    {
        public void Info(string message) { }

        public void Warning(string message)
        {
            lock (warnings)
            {
                warnings.Add(message);
            }
        }
    }
}

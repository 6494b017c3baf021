using System.Text;
using Digest.Core.Articles;
using Digest.Core.Diagnostics;
using Digest.Core.Site;
using Digest.Core.Storage;
using Digest.Core.Tests.Support;
using static Digest.Core.Tests.Site.SiteGeneratorTests;

namespace Digest.Core.Tests.Site;

public sealed class SiteWriterTests
{
    private static readonly DateOnly Day = new(2026, 6, 3);

    [Fact]
    public async Task The_site_is_written_from_the_archive_and_a_second_generation_with_nothing_new_rewrites_no_file()
    {
        var blobs = await ArchiveAsync();
        var writer = new SiteWriter(blobs, SilentReporter.Instance);

        var first = await writer.WriteAsync();
        var versions = await VersionsAsync(blobs);
        var second = await writer.WriteAsync();

        Assert.Equal(new SiteWriteResult(Written: 9, Deleted: 0, Unchanged: 0), first);
        Assert.Equal([SitePaths.NotFound, SitePaths.Briefing(Day), SitePaths.Feed, SitePaths.Home, SitePaths.Outlet("src"), SiteSearch.PagePath,
            SiteSearch.IndexPath, SitePaths.StoryFeed("s-1"), SitePaths.Story("s-1")], versions.Keys);
        Assert.Equal(new SiteWriteResult(Written: 0, Deleted: 0, Unchanged: 9), second);
        Assert.Equal(versions, await VersionsAsync(blobs));
        var story = Encoding.UTF8.GetString((await blobs.GetAsync(Containers.Site, SitePaths.Story("s-1")))!.Content.Span);
        Assert.Contains("&lt;script&gt;", story, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", story, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("text/html; charset=utf-8", (await blobs.GetAsync(Containers.Site, SitePaths.Home))!.ContentType);
    }

    [Fact]
    public async Task Only_the_pages_that_changed_are_rewritten_and_a_page_no_longer_generated_is_removed()
    {
        var blobs = await ArchiveAsync();
        var writer = new SiteWriter(blobs, SilentReporter.Instance);
        await writer.WriteAsync();
        var before = await VersionsAsync(blobs);

        // The story leaves the archive: its page and feed go, the briefing and outlet pages no longer link to it and the
        // search index no longer holds it; home, the briefings feed, the search and not-found pages are unchanged.
        await blobs.DeleteAsync(Containers.Stories, BlobPaths.Story("s-1"));
        var result = await writer.WriteAsync();

        Assert.Equal(new SiteWriteResult(Written: 3, Deleted: 2, Unchanged: 4), result);
        var after = await VersionsAsync(blobs);
        Assert.Equal([SitePaths.NotFound, SitePaths.Briefing(Day), SitePaths.Feed, SitePaths.Home, SitePaths.Outlet("src"), SiteSearch.PagePath, SiteSearch.IndexPath],
            after.Keys);
        Assert.Equal(before[SitePaths.Home], after[SitePaths.Home]);
        Assert.NotEqual(before[SitePaths.Briefing(Day)], after[SitePaths.Briefing(Day)]);
    }

    [Fact]
    public async Task After_a_fold_only_the_changed_storys_pages_are_written_and_the_next_whole_generation_finds_them_current()
    {
        var blobs = await ArchiveAsync();
        var writer = new SiteWriter(blobs, SilentReporter.Instance);
        await writer.WriteAsync();
        var before = await VersionsAsync(blobs);

        // A new article joins the story.
        await new ArticleArchive(blobs).WriteAsync(Article("a3", Noon.AddHours(2), new Uri("https://example.org/a3")));
        await new JsonDocumentStore(blobs).WriteAsync(Containers.Stories, BlobPaths.Story("s-1"), Story() with { ArticleIds = ["a1", "a2", "a3"] });
        var folded = await writer.WriteStoriesAsync(["s-1", "../not-an-id"]);
        var afterFold = await VersionsAsync(blobs);

        Assert.Equal(new SiteWriteResult(Written: 2, Deleted: 0, Unchanged: 0), folded);
        Assert.Equal([SitePaths.StoryFeed("s-1"), SitePaths.Story("s-1")],
            afterFold.Where(v => before[v.Key] != v.Value).Select(v => v.Key));
        Assert.Contains("a3", Encoding.UTF8.GetString((await blobs.GetAsync(Containers.Site, SitePaths.Story("s-1")))!.Content.Span), StringComparison.Ordinal);

        // The briefing's whole generation writes what depends on the rest (the outlet page lists a3), not the story's pages.
        var whole = await writer.WriteAsync();
        var afterWhole = await VersionsAsync(blobs);
        Assert.Equal(afterFold[SitePaths.Story("s-1")], afterWhole[SitePaths.Story("s-1")]);
        Assert.Equal(afterFold[SitePaths.StoryFeed("s-1")], afterWhole[SitePaths.StoryFeed("s-1")]);
        Assert.Equal(1, whole.Written);
        Assert.NotEqual(afterFold[SitePaths.Outlet("src")], afterWhole[SitePaths.Outlet("src")]);

        // A story emptied by a rewind loses its pages at once.
        await blobs.DeleteAsync(Containers.Stories, BlobPaths.Story("s-1"));
        Assert.Equal(new SiteWriteResult(Written: 0, Deleted: 2, Unchanged: 0), await writer.WriteStoriesAsync(["s-1"]));
        Assert.DoesNotContain(SitePaths.Story("s-1"), (await VersionsAsync(blobs)).Keys);
    }

    [Fact]
    public async Task The_site_reads_only_the_public_containers_so_no_subscriber_data_reaches_it()
    {
        var blobs = await ArchiveAsync();
        await blobs.PutAsync(Containers.Subscribers, "subscribers/active/x.json",
            Encoding.UTF8.GetBytes("{\"address\":\"reader@example.test\"}"), "application/json");
        await blobs.PutAsync(Containers.Deliveries, "subscribers/2026-06-03/x.json",
            Encoding.UTF8.GetBytes("{\"address\":\"reader@example.test\"}"), "application/json");

        await new SiteWriter(blobs, SilentReporter.Instance).WriteAsync();

        await foreach (var path in blobs.ListAsync(Containers.Site))
        {
            var text = Encoding.UTF8.GetString((await blobs.GetAsync(Containers.Site, path))!.Content.Span);
            Assert.DoesNotContain("reader@example.test", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_failed_generation_is_reported_and_returns_null_so_the_mail_after_it_still_goes()
    {
        var warnings = new List<string>();
        var writer = new SiteWriter(new FailingListings(), new WarningList(warnings));

        Assert.Null(await writer.TryWriteAsync());
        Assert.Contains(warnings, w => w.StartsWith("The archive site was not updated: IOException", StringComparison.Ordinal));
    }

    [Fact]
    public void A_request_path_maps_to_a_site_file_and_one_that_could_escape_it_does_not()
    {
        Assert.True(SitePaths.TryFromRequest("/", out var home));
        Assert.Equal(SitePaths.Home, home);
        Assert.True(SitePaths.TryFromRequest("/stories/s-1/", out var story));
        Assert.Equal(SitePaths.Story("s-1"), story);
        foreach (var hostile in new[] { "/../state/site/manifest.json", "/stories/./x", "/a//b", "/.index.html.meta", "/a\\b", "/c:/x", "/a\u0001b" })
        {
            Assert.False(SitePaths.TryFromRequest(hostile, out _), hostile);
        }
    }

    private static async Task<InMemoryBlobStore> ArchiveAsync()
    {
        var blobs = new InMemoryBlobStore();
        var documents = new JsonDocumentStore(blobs);
        await documents.WriteAsync(Containers.Briefings, BlobPaths.Briefing(Day, "json"), Briefing(Day));
        await documents.WriteAsync(Containers.Stories, BlobPaths.Story("s-1"), Story());
        var archive = new ArticleArchive(blobs);
        await archive.WriteAsync(Article("a1", Noon.AddHours(-3), new Uri("https://example.org/a1")));
        await archive.WriteAsync(Article("a2", Noon, new Uri("https://example.org/a2")));
        return blobs;
    }

    /// <summary>Each site file's ETag: a new one on every write, so equal maps mean nothing was rewritten.</summary>
    private static async Task<SortedDictionary<string, string>> VersionsAsync(InMemoryBlobStore blobs)
    {
        var versions = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var path in blobs.ListAsync(Containers.Site))
        {
            versions[path] = (await blobs.GetAsync(Containers.Site, path))!.ETag;
        }

        return versions;
    }

    private sealed class WarningList(List<string> warnings) : IRunReporter
    {
        public void Info(string message)
        {
        }

        public void Warning(string message) => warnings.Add(message);
    }

    /// <summary>Storage that fails every listing, as a full disk or an outage would.</summary>
    private sealed class FailingListings : IBlobStore
    {
        public Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default) => throw new IOException("disk gone");

        public Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType,
            BlobCondition condition = default, CancellationToken cancellationToken = default) => throw new IOException("disk gone");

        public IAsyncEnumerable<string> ListAsync(string container, string prefix = "", CancellationToken cancellationToken = default)
            => throw new IOException("disk gone");

        public Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default,
            CancellationToken cancellationToken = default) => throw new IOException("disk gone");
    }
}

using Digest.Cli.Hosting;
using Digest.Cli.Tests.Support;
using Digest.Core.Fetching;

namespace Digest.Cli.Tests.Hosting;

public sealed class OperatorFileAllowanceTests
{
    [Fact]
    public async Task File_feeds_of_the_sources_file_and_pages_in_their_folders_may_be_read_and_nothing_else()
    {
        using var temp = new TempDirectory();
        var outlet = temp.Sub("outlet");
        Directory.CreateDirectory(Path.Combine(outlet, "articles"));
        var feed = new Uri(Path.Combine(outlet, "feed.xml"));
        var escape = Path.Combine(outlet, "articles", "escape.html");
        File.CreateSymbolicLink(escape, "/etc/hostname");
        var recorder = new RecordingFetcher();
        var fetcher = new OperatorFileAllowance(recorder, [feed, new Uri("https://news.example/rss")]);

        Assert.True(await AllowedAsync(fetcher, recorder, feed));
        Assert.True(await AllowedAsync(fetcher, recorder, new Uri(feed, "articles/story.html")));
        Assert.False(await AllowedAsync(fetcher, recorder, new Uri(feed, "../elsewhere/feed.xml")));
        Assert.False(await AllowedAsync(fetcher, recorder, new Uri("file:///etc/passwd")));
        Assert.False(await AllowedAsync(fetcher, recorder, new Uri(escape)));
        Assert.False(await AllowedAsync(fetcher, recorder, new Uri("https://news.example/rss")));
    }

    private static async Task<bool> AllowedAsync(OperatorFileAllowance fetcher, RecordingFetcher recorder, Uri uri)
    {
        await fetcher.FetchAsync(new FetchRequest(uri));
        return recorder.Last!.AllowFile;
    }

    private sealed class RecordingFetcher : IPageFetcher
    {
        public FetchRequest? Last { get; private set; }

        public Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default)
        {
            Last = request;
            return Task.FromResult(new FetchResult(request.Uri, false, [], null, null, null));
        }
    }
}

using System.Text;
using Digest.Core.Storage;
using Digest.Infrastructure.Storage;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Storage;

public sealed class FileSystemBlobStoreTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly FileSystemBlobStore store;

    public FileSystemBlobStoreTests() => store = new FileSystemBlobStore(folder.Path);

    public void Dispose() => folder.Dispose();

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredBlob? blob) => Encoding.UTF8.GetString(Assert.IsType<StoredBlob>(blob).Content.Span);

    private async Task<List<string>> ListAll(string container, string prefix = "")
    {
        var paths = new List<string>();
        await foreach (var path in store.ListAsync(container, prefix))
        {
            paths.Add(path);
        }

        return paths;
    }

    [Fact]
    public async Task Put_then_get_round_trips_content_type_and_etag_and_lays_out_plain_files()
    {
        var etag = await store.PutAsync("articles", "2026/11/a1.json", Utf8("{\"title\":\"Harbour bridge reopens\"}"),
            "application/json");

        var blob = await store.GetAsync("articles", "2026/11/a1.json");

        Assert.Equal("{\"title\":\"Harbour bridge reopens\"}", Text(blob));
        Assert.Equal("application/json", blob!.ContentType);
        Assert.Equal(etag, blob.ETag);
        Assert.StartsWith("\"", etag, StringComparison.Ordinal);
        Assert.Equal("{\"title\":\"Harbour bridge reopens\"}",
            await File.ReadAllTextAsync(folder.Combine("articles", "2026", "11", "a1.json")));
    }

    [Fact]
    public async Task Get_of_missing_blob_or_container_returns_null()
    {
        Assert.Null(await store.GetAsync("raw", "nothing.html"));
        await store.PutAsync("raw", "something.html", Utf8("<p>x</p>"), "text/html");
        Assert.Null(await store.GetAsync("raw", "nothing.html"));
        Assert.Null(await store.GetAsync("raw", "something.html/deeper"));
    }

    [Fact]
    public async Task Each_new_content_gets_a_new_etag_and_content_type_changes_count()
    {
        var first = await store.PutAsync("state", "s.json", Utf8("one"), "text/plain");
        var second = await store.PutAsync("state", "s.json", Utf8("two"), "text/plain");
        var third = await store.PutAsync("state", "s.json", Utf8("two"), "application/json");

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, third);
        var blob = await store.GetAsync("state", "s.json");
        Assert.Equal("application/json", blob!.ContentType);
        Assert.Equal(third, blob.ETag);
    }

    [Fact]
    public async Task If_match_with_a_stale_etag_fails_and_keeps_the_newer_content()
    {
        var v1 = await store.PutAsync("state", "index.json", Utf8("v1"), "application/json");
        var v2 = await store.PutAsync("state", "index.json", Utf8("v2"), "application/json", BlobCondition.IfMatches(v1));

        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => store.PutAsync("state", "index.json", Utf8("v3 from a stale reader"), "application/json",
                BlobCondition.IfMatches(v1)));

        var blob = await store.GetAsync("state", "index.json");
        Assert.Equal("v2", Text(blob));
        Assert.Equal(v2, blob!.ETag);
    }

    [Fact]
    public async Task If_match_on_a_missing_blob_fails()
    {
        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => store.PutAsync("state", "absent.json", Utf8("x"), "application/json", BlobCondition.IfMatches("\"abc\"")));
        Assert.Null(await store.GetAsync("state", "absent.json"));
    }

    [Fact]
    public async Task If_none_match_any_creates_once_then_fails()
    {
        await store.PutAsync("deliveries", "2026-11-22/r1.json", Utf8("first"), "application/json", BlobCondition.IfNotExists);

        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => store.PutAsync("deliveries", "2026-11-22/r1.json", Utf8("second"), "application/json",
                BlobCondition.IfNotExists));
        Assert.Equal("first", Text(await store.GetAsync("deliveries", "2026-11-22/r1.json")));
    }

    [Fact]
    public async Task Concurrent_conditional_writers_exactly_one_wins_per_version()
    {
        const int writers = 24;
        const int rounds = 5;
        var second = new FileSystemBlobStore(folder.Path); // a second instance stands in for another process
        var etag = await store.PutAsync("state", "counter.json", Utf8("0"), "application/json", BlobCondition.IfNotExists);

        for (var round = 1; round <= rounds; round++)
        {
            var expected = etag;
            var attempts = Enumerable.Range(0, writers).Select(async writer =>
            {
                var target = writer % 2 == 0 ? store : second;
                try
                {
                    var written = await target.PutAsync("state", "counter.json", Utf8($"round {round} by writer {writer}"),
                        "application/json", BlobCondition.IfMatches(expected));
                    return (Won: true, ETag: written, Writer: writer);
                }
                catch (BlobPreconditionFailedException)
                {
                    return (Won: false, ETag: "", Writer: writer);
                }
            }).ToList();
            var results = await Task.WhenAll(attempts);

            var winner = Assert.Single(results, result => result.Won);
            var blob = await store.GetAsync("state", "counter.json");
            Assert.Equal($"round {round} by writer {winner.Writer}", Text(blob));
            Assert.Equal(winner.ETag, blob!.ETag);
            etag = winner.ETag;
        }
    }

    [Fact]
    public async Task Concurrent_creators_with_if_none_match_exactly_one_wins()
    {
        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(async writer =>
        {
            try
            {
                await new FileSystemBlobStore(folder.Path).PutAsync("deliveries", "once.json", Utf8($"writer {writer}"),
                    "application/json", BlobCondition.IfNotExists);
                return true;
            }
            catch (BlobPreconditionFailedException)
            {
                return false;
            }
        }));

        Assert.Single(results, won => won);
    }

    [Fact]
    public async Task Readers_during_writes_always_see_a_whole_version_with_its_own_content_type()
    {
        var versions = Enumerable.Range(0, 40)
            .Select(i => (Content: new string((char)('a' + (i % 26)), 2000 + i), Type: i % 2 == 0 ? "text/plain" : "text/html"))
            .ToList();
        await store.PutAsync("raw", "page.html", Utf8(versions[0].Content), versions[0].Type);

        var writer = Task.Run(async () =>
        {
            foreach (var version in versions.Skip(1))
            {
                await store.PutAsync("raw", "page.html", Utf8(version.Content), version.Type);
            }
        });
        var reader = Task.Run(async () =>
        {
            var reads = 0;
            while (!writer.IsCompleted || reads == 0)
            {
                var blob = await store.GetAsync("raw", "page.html");
                var text = Text(blob);
                Assert.Contains(versions, version => version.Content == text && version.Type == blob!.ContentType);
                reads++;
            }
        });

        await Task.WhenAll(writer, reader);
    }

    [Fact]
    public async Task List_is_ordinal_sorted_filters_by_prefix_and_hides_store_files()
    {
        await store.PutAsync("briefings", "2026-11-22.json", Utf8("{}"), "application/json");
        await store.PutAsync("briefings", "2026-11-22.html", Utf8("<p/>"), "text/html");
        await store.PutAsync("briefings", "2026-11-21.txt", Utf8("x"), "text/plain");
        await store.PutAsync("briefings", "Archive/old.txt", Utf8("x"), "text/plain");
        await store.PutAsync("briefings", "archive/2025/old.txt", Utf8("x"), "text/plain");
        // Debris of a writer that crashed mid-write.
        await File.WriteAllTextAsync(folder.Combine("briefings", ".2026-11-23.json." + Guid.NewGuid().ToString("N") + ".tmp"), "{");

        Assert.Equal(
            ["2026-11-21.txt", "2026-11-22.html", "2026-11-22.json", "Archive/old.txt", "archive/2025/old.txt"],
            await ListAll("briefings"));
        Assert.Equal(["2026-11-22.html", "2026-11-22.json"], await ListAll("briefings", "2026-11-22"));
        Assert.Equal(["archive/2025/old.txt"], await ListAll("briefings", "archive/"));
        Assert.Equal(["archive/2025/old.txt"], await ListAll("briefings", "archive/20"));
        Assert.Empty(await ListAll("briefings", "zzz/"));
        Assert.Empty(await ListAll("stories"));
    }

    [Fact]
    public async Task A_leftover_temp_file_from_a_crash_is_ignored_and_cleaned_by_the_next_process_writing_there()
    {
        await store.PutAsync("articles", "a.json", Utf8("old"), "application/json");
        var debris = folder.Combine("articles", ".a.json." + Guid.NewGuid().ToString("N") + ".tmp");
        await File.WriteAllTextAsync(debris, "new but half writ");

        Assert.Equal("old", Text(await store.GetAsync("articles", "a.json")));
        Assert.Equal(["a.json"], await ListAll("articles"));

        // Only a process that died leaves debris; the next process cleans a folder when it first writes to it.
        var nextProcess = new FileSystemBlobStore(folder.Path);
        await nextProcess.PutAsync("articles", "a.json", Utf8("new"), "application/json");
        Assert.False(File.Exists(debris));
        Assert.Equal("new", Text(await store.GetAsync("articles", "a.json")));
    }

    [Fact]
    public async Task A_crash_between_sidecar_and_content_renames_leaves_the_old_blob_readable_with_its_etag()
    {
        var oldETag = await store.PutAsync("articles", "b.json", Utf8("old"), "application/json");
        var sidecar = folder.Combine("articles", ".b.json.meta");
        var oldSidecar = await File.ReadAllBytesAsync(sidecar);
        await store.PutAsync("articles", "b.json", Utf8("new"), "text/plain");
        var newSidecar = await File.ReadAllBytesAsync(sidecar);

        // Re-create the state after the sidecar rename but before the content rename: old bytes, new sidecar.
        await new FileSystemBlobStore(folder.Path).PutAsync("articles", "b.json", Utf8("old"), "application/json");
        await File.WriteAllBytesAsync(sidecar, newSidecar);
        Assert.NotEqual(oldSidecar, newSidecar);

        var blob = await store.GetAsync("articles", "b.json");
        Assert.Equal("old", Text(blob));
        Assert.Equal("application/json", blob!.ContentType);
        Assert.Equal(oldETag, blob.ETag);
        await store.PutAsync("articles", "b.json", Utf8("after recovery"), "application/json", BlobCondition.IfMatches(oldETag));
    }

    [Fact]
    public async Task A_file_placed_by_hand_is_readable_with_an_unknown_content_type()
    {
        Directory.CreateDirectory(folder.Combine("raw"));
        await File.WriteAllTextAsync(folder.Combine("raw", "manual.html"), "<p>hand made</p>");

        var blob = await store.GetAsync("raw", "manual.html");

        Assert.Equal("<p>hand made</p>", Text(blob));
        Assert.Equal("application/octet-stream", blob!.ContentType);
        await store.PutAsync("raw", "manual.html", Utf8("<p>replaced</p>"), "text/html", BlobCondition.IfMatches(blob.ETag));
    }

    [Fact]
    public async Task Delete_removes_blob_sidecar_and_empty_folders_and_honours_conditions()
    {
        var etag = await store.PutAsync("deliveries", "2026-11-22/r1.json", Utf8("x"), "application/json");

        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => store.DeleteAsync("deliveries", "2026-11-22/r1.json", BlobCondition.IfMatches("\"stale\"")));
        Assert.True(await store.DeleteAsync("deliveries", "2026-11-22/r1.json", BlobCondition.IfMatches(etag)));
        Assert.False(await store.DeleteAsync("deliveries", "2026-11-22/r1.json"));
        Assert.False(await store.DeleteAsync("nothing-here", "x.json"));

        Assert.Null(await store.GetAsync("deliveries", "2026-11-22/r1.json"));
        Assert.False(Directory.Exists(folder.Combine("deliveries", "2026-11-22")));
        Assert.Empty(await ListAll("deliveries"));
    }

    [Theory]
    [InlineData("../escape.json")]
    [InlineData("a/../../escape.json")]
    [InlineData("/etc/passwd")]
    [InlineData("a\\b.json")]
    [InlineData("a//b.json")]
    [InlineData("a/")]
    [InlineData("")]
    [InlineData(".hidden")]
    [InlineData("a/./b")]
    [InlineData("a/b:c")]
    [InlineData("tab\there")]
    public async Task Invalid_paths_are_rejected(string path)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync("articles", path, Utf8("x"), "text/plain"));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetAsync("articles", path));
        Assert.False(Directory.Exists(folder.Combine("articles")));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("Articles")]
    [InlineData("-raw")]
    [InlineData("raw-")]
    [InlineData("ra--w")]
    [InlineData("raw_html")]
    [InlineData("../raw")]
    [InlineData("a234567890123456789012345678901234567890123456789012345678901234")]
    public async Task Invalid_container_names_are_rejected(string container)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutAsync(container, "x.json", Utf8("x"), "text/plain"));
        await Assert.ThrowsAsync<ArgumentException>(async () =>
        {
            await foreach (var unused in store.ListAsync(container))
            {
                Assert.Fail("listed " + unused);
            }
        });
    }

    [Fact]
    public async Task A_path_that_would_be_both_file_and_folder_is_refused_clearly()
    {
        await store.PutAsync("raw", "a", Utf8("x"), "text/plain");

        var error = await Assert.ThrowsAsync<IOException>(() => store.PutAsync("raw", "a/b", Utf8("y"), "text/plain"));
        Assert.Contains("both a file and a folder", error.Message, StringComparison.Ordinal);
        Assert.Equal("x", Text(await store.GetAsync("raw", "a")));
    }

    [Fact]
    public async Task A_writer_waits_while_another_process_holds_the_container_lock()
    {
        await store.PutAsync("state", "x.json", Utf8("before"), "application/json");
        Task<string> put;
        // An open with FileShare.None is what another process holding the lock looks like to this one.
        using (new FileStream(folder.Combine("state", ".lock"), FileMode.Open, FileAccess.ReadWrite, FileShare.None))
        {
            put = store.PutAsync("state", "x.json", Utf8("after"), "application/json");
            await Task.Delay(300);
            Assert.False(put.IsCompleted);
            Assert.Equal("before", Text(await store.GetAsync("state", "x.json")));
        }

        await put;
        Assert.Equal("after", Text(await store.GetAsync("state", "x.json")));
    }
}

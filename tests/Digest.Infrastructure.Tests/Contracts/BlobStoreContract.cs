using System.Text;
using Digest.Core.Storage;

namespace Digest.Infrastructure.Tests.Contracts;

/// <summary>
/// What every <see cref="IBlobStore"/> must do, Azure's behaviour being the reference: run against the file-system store,
/// the in-memory fake and Azure Blob Storage (Azurite). Each test uses containers of its own, so the stores may be
/// shared. A store-specific behaviour (file layout, path rules) belongs in that store's own tests, not here.
/// </summary>
public abstract class BlobStoreContract
{
    /// <summary>More than <see cref="ListPageSize"/>, so listing crosses pages where the store pages at all.</summary>
    private const int ManyBlobs = 250;

    /// <summary>The page size a paging store is made with for the contract (the Azure store's default is 5000).</summary>
    protected const int ListPageSize = 100;

    protected abstract IBlobStore Store { get; }

    /// <summary>A fresh, valid container name (3-63 of [a-z0-9-]).</summary>
    protected static string NewContainer() => "c" + Guid.NewGuid().ToString("N")[..20];

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    private static string Text(StoredBlob? blob) => Encoding.UTF8.GetString(Assert.IsType<StoredBlob>(blob).Content.Span);

    private async Task<List<string>> ListAll(string container, string prefix = "")
    {
        var paths = new List<string>();
        await foreach (var path in Store.ListAsync(container, prefix))
        {
            paths.Add(path);
        }

        return paths;
    }

    [Fact]
    public async Task Put_then_get_round_trips_content_content_type_and_etag()
    {
        var container = NewContainer();
        var etag = await Store.PutAsync(container, "2026/11/a1.json", Utf8("{\"title\":\"Harbour bridge reopens – été\"}"),
            "application/json");

        var blob = await Store.GetAsync(container, "2026/11/a1.json");

        Assert.Equal("{\"title\":\"Harbour bridge reopens – été\"}", Text(blob));
        Assert.Equal("application/json", blob!.ContentType);
        Assert.Equal(etag, blob.ETag);
        Assert.False(string.IsNullOrEmpty(etag));
    }

    [Fact]
    public async Task Binary_content_and_empty_blobs_round_trip_byte_for_byte()
    {
        var container = NewContainer();
        var bytes = Enumerable.Range(0, 256).Select(i => (byte)i).Concat(Enumerable.Range(0, 256).Select(i => (byte)(255 - i)))
            .ToArray();

        await Store.PutAsync(container, "raw/binary.bin", bytes, "application/octet-stream");
        await Store.PutAsync(container, "raw/empty.txt", ReadOnlyMemory<byte>.Empty, "text/plain");

        Assert.Equal(bytes, (await Store.GetAsync(container, "raw/binary.bin"))!.Content.ToArray());
        var empty = await Store.GetAsync(container, "raw/empty.txt");
        Assert.Equal(0, empty!.Content.Length);
        Assert.Equal("text/plain", empty.ContentType);
    }

    [Fact]
    public async Task Get_of_a_missing_blob_or_container_returns_null()
    {
        var container = NewContainer();
        Assert.Null(await Store.GetAsync(container, "nothing.html"));

        await Store.PutAsync(container, "something.html", Utf8("<p>x</p>"), "text/html");
        Assert.Null(await Store.GetAsync(container, "nothing.html"));
        Assert.Null(await Store.GetAsync(container, "something"));
    }

    [Fact]
    public async Task Each_write_of_new_content_changes_the_etag_and_replaces_the_content_type()
    {
        var container = NewContainer();
        var first = await Store.PutAsync(container, "s.json", Utf8("one"), "text/plain");
        var second = await Store.PutAsync(container, "s.json", Utf8("two"), "text/plain");
        var third = await Store.PutAsync(container, "s.json", Utf8("three"), "application/json");

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, third);
        var blob = await Store.GetAsync(container, "s.json");
        Assert.Equal("three", Text(blob));
        Assert.Equal("application/json", blob!.ContentType);
        Assert.Equal(third, blob.ETag);
    }

    [Fact]
    public async Task If_match_with_the_current_etag_succeeds_and_with_a_stale_one_fails_keeping_the_newer_content()
    {
        var container = NewContainer();
        var v1 = await Store.PutAsync(container, "index.json", Utf8("v1"), "application/json");
        var v2 = await Store.PutAsync(container, "index.json", Utf8("v2"), "application/json", BlobCondition.IfMatches(v1));

        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => Store.PutAsync(container, "index.json", Utf8("v3 from a stale reader"), "application/json",
                BlobCondition.IfMatches(v1)));

        var blob = await Store.GetAsync(container, "index.json");
        Assert.Equal("v2", Text(blob));
        Assert.Equal(v2, blob!.ETag);
    }

    [Fact]
    public async Task If_match_on_a_missing_blob_fails_also_in_a_missing_container()
    {
        var container = NewContainer();
        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => Store.PutAsync(container, "absent.json", Utf8("x"), "application/json", BlobCondition.IfMatches("\"0x1\"")));

        await Store.PutAsync(container, "other.json", Utf8("y"), "application/json");
        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => Store.PutAsync(container, "absent.json", Utf8("x"), "application/json", BlobCondition.IfMatches("\"0x1\"")));
        Assert.Null(await Store.GetAsync(container, "absent.json"));
    }

    [Fact]
    public async Task If_match_any_succeeds_on_an_existing_blob_and_fails_on_a_missing_one()
    {
        var container = NewContainer();
        await Store.PutAsync(container, "a.json", Utf8("1"), "application/json");

        await Store.PutAsync(container, "a.json", Utf8("2"), "application/json", BlobCondition.IfMatches("*"));
        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => Store.PutAsync(container, "b.json", Utf8("1"), "application/json", BlobCondition.IfMatches("*")));

        Assert.Equal("2", Text(await Store.GetAsync(container, "a.json")));
        Assert.Null(await Store.GetAsync(container, "b.json"));
    }

    [Fact]
    public async Task If_not_exists_creates_once_then_fails_keeping_the_first()
    {
        var container = NewContainer();
        await Store.PutAsync(container, "2026-11-22/r1.json", Utf8("first"), "application/json", BlobCondition.IfNotExists);

        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => Store.PutAsync(container, "2026-11-22/r1.json", Utf8("second"), "application/json", BlobCondition.IfNotExists));
        Assert.Equal("first", Text(await Store.GetAsync(container, "2026-11-22/r1.json")));
    }

    [Fact]
    public async Task Delete_returns_whether_the_blob_existed()
    {
        var container = NewContainer();
        Assert.False(await Store.DeleteAsync(container, "x.json"));
        await Store.PutAsync(container, "2026-11-22/r1.json", Utf8("x"), "application/json");

        Assert.True(await Store.DeleteAsync(container, "2026-11-22/r1.json"));
        Assert.False(await Store.DeleteAsync(container, "2026-11-22/r1.json"));
        Assert.Null(await Store.GetAsync(container, "2026-11-22/r1.json"));
        Assert.Empty(await ListAll(container));
    }

    [Fact]
    public async Task Delete_with_if_match_fails_on_a_stale_etag_and_succeeds_on_the_current_one()
    {
        var container = NewContainer();
        var stale = await Store.PutAsync(container, "r1.json", Utf8("x"), "application/json");
        var current = await Store.PutAsync(container, "r1.json", Utf8("y"), "application/json");

        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => Store.DeleteAsync(container, "r1.json", BlobCondition.IfMatches(stale)));
        Assert.Equal("y", Text(await Store.GetAsync(container, "r1.json")));

        Assert.True(await Store.DeleteAsync(container, "r1.json", BlobCondition.IfMatches(current)));
        Assert.Null(await Store.GetAsync(container, "r1.json"));
    }

    [Fact]
    public async Task Delete_with_if_match_on_a_missing_blob_fails_as_a_write_would()
    {
        // Azure answers 412 for an existing container; a missing container is an empty one to IBlobStore, so the same.
        var container = NewContainer();
        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => Store.DeleteAsync(container, "gone.json", BlobCondition.IfMatches("\"0x1\"")));

        await Store.PutAsync(container, "other.json", Utf8("y"), "application/json");
        await Assert.ThrowsAsync<BlobPreconditionFailedException>(
            () => Store.DeleteAsync(container, "gone.json", BlobCondition.IfMatches("\"0x1\"")));
        Assert.NotNull(await Store.GetAsync(container, "other.json"));
    }

    [Fact]
    public async Task List_filters_by_prefix_in_ordinal_order()
    {
        var container = NewContainer();
        // Ordinal: digits < uppercase < lowercase, and '-' (0x2D) < '.' < '/' (0x2F) < '0'.
        string[] paths =
        [
            "archive/2025/old.txt", "Archive/old.txt", "2026-11-22.json", "2026-11-22.html", "2026-11-21.txt",
            "a-b.txt", "a/b.txt", "a0.txt", "a.txt", "B.txt", "b.txt",
        ];
        foreach (var path in paths)
        {
            await Store.PutAsync(container, path, Utf8("x"), "text/plain");
        }

        Assert.Equal(paths.Order(StringComparer.Ordinal), await ListAll(container));
        Assert.Equal(["2026-11-22.html", "2026-11-22.json"], await ListAll(container, "2026-11-22"));
        Assert.Equal(["archive/2025/old.txt"], await ListAll(container, "archive/"));
        Assert.Equal(["archive/2025/old.txt"], await ListAll(container, "archive/20"));
        Assert.Equal(["a-b.txt", "a.txt", "a/b.txt", "a0.txt", "archive/2025/old.txt"], await ListAll(container, "a"));
        Assert.Empty(await ListAll(container, "zzz/"));
    }

    [Fact]
    public async Task List_of_a_missing_container_is_empty()
    {
        Assert.Empty(await ListAll(NewContainer()));
        Assert.Empty(await ListAll(NewContainer(), "2026/"));
    }

    [Fact]
    public async Task List_returns_every_blob_across_pages_in_ordinal_order()
    {
        var container = NewContainer();
        var paths = Enumerable.Range(0, ManyBlobs)
            .Select(i => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"activity/{i % 7}/{i:x3}.json"))
            .ToList();
        await Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (path, ct) => await Store.PutAsync(container, path, Utf8(path), "application/json", cancellationToken: ct));
        await Store.PutAsync(container, "state/index.json", Utf8("{}"), "application/json");

        var listed = await ListAll(container, "activity/");

        Assert.Equal(paths.Order(StringComparer.Ordinal), listed);
    }
}

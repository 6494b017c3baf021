using System.IO.Compression;
using System.Text;
using Digest.Core.Fetching;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Tests.Fetching;

/// <summary>Compressed bodies: corrupt ones fail as fetch errors, and the size cap applies after decompression.</summary>
public sealed class FetchCompressionTests
{
    private static readonly byte[] Garbage = [.. Enumerable.Range(0, 512).Select(i => (byte)((i * 7919) ^ 0x5A))];

    public static TheoryData<string, byte[]> CorruptBodies() => new()
    {
        // A gzip header followed by nonsense.
        { "gzip", [0x1f, 0x8b, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0xff, .. Garbage] },
        { "deflate", Garbage },
        // Brotli takes most byte strings as a valid (if short) stream; a run of 0xFF is not one.
        { "br", [.. Enumerable.Repeat((byte)0xFF, 64)] },
    };

    [Theory]
    [MemberData(nameof(CorruptBodies))]
    public async Task Corrupt_compressed_body_is_a_fetch_exception_naming_the_url(string encoding, byte[] body)
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/feed.xml", async (HttpContext context) =>
        {
            Interlocked.Increment(ref calls);
            context.Response.ContentType = "application/xml";
            context.Response.Headers.ContentEncoding = encoding;
            await context.Response.Body.WriteAsync(body);
        }));
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast, TimeProvider.System);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("feed.xml"))));

        Assert.Contains($"Fetching {server.Url("feed.xml")} failed: the {encoding} body is corrupt", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, calls); // the same bytes would come again: not retried
    }

    [Fact]
    public async Task Decompression_bomb_is_cut_off_at_the_cap_after_decompression()
    {
        // 8 MB of zeros compress to about 8 KB: far under the cap on the wire, far over it unpacked.
        var bomb = Gzip(new byte[8 * 1024 * 1024]);
        Assert.True(bomb.Length < 100_000);
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/page", () =>
            Results.Stream(new MemoryStream(bomb), "text/html")).AddEndpointFilter(async (context, next) =>
        {
            context.HttpContext.Response.Headers.ContentEncoding = "gzip";
            return await next(context);
        }));
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast with { MaxBytes = 100_000 }, TimeProvider.System);

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("page"))));

        Assert.Contains("larger than 100000 bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Valid_gzip_body_is_decompressed()
    {
        var body = Gzip(Encoding.UTF8.GetBytes("<rss>fine</rss>"));
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/feed.xml", async (HttpContext context) =>
        {
            context.Response.Headers.ContentEncoding = "gzip";
            await context.Response.Body.WriteAsync(body);
        }));
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast, TimeProvider.System);

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("feed.xml")));

        Assert.Equal("<rss>fine</rss>", Encoding.UTF8.GetString(result.Content));
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(data);
        }

        return output.ToArray();
    }
}

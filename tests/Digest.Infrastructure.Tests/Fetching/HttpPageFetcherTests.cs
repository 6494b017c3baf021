using System.Globalization;
using System.Text;
using Digest.Core.Fetching;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Tests.Fetching;

public sealed class HttpPageFetcherTests
{
    private const string FeedXml = "<rss version=\"2.0\"><channel><title>Valley Courier</title></channel></rss>";

    private static readonly FetchOptions Fast = TestFetchOptions.Fast;

    private static HttpPageFetcher Fetcher(FetchOptions? options = null, TimeProvider? clock = null)
        => new(options ?? Fast, clock ?? TimeProvider.System);

    [Fact]
    public async Task Ok_answer_returns_content_type_validators_and_final_uri()
    {
        string? userAgent = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/feed.xml", (HttpContext context) =>
        {
            userAgent = context.Request.Headers.UserAgent;
            context.Response.Headers.ETag = "\"v7\"";
            context.Response.Headers.LastModified = "Sat, 21 Nov 2026 08:00:00 GMT";
            return Results.Text(FeedXml, "application/rss+xml; charset=utf-8");
        }));
        using var fetcher = Fetcher();

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("feed.xml")));

        Assert.False(result.NotModified);
        Assert.Equal(FeedXml, Encoding.UTF8.GetString(result.Content));
        Assert.Equal("application/rss+xml; charset=utf-8", result.ContentType);
        Assert.Equal("\"v7\"", result.ETag);
        Assert.Equal("Sat, 21 Nov 2026 08:00:00 GMT", result.LastModified);
        Assert.Equal(server.Url("feed.xml"), result.FinalUri);
        Assert.Equal("Digest/1.0 (+self-hosted news digest)", userAgent);
    }

    [Fact]
    public async Task Conditional_get_with_matching_validators_is_not_modified_with_empty_content()
    {
        string? ifNoneMatch = null;
        string? ifModifiedSince = null;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/feed.xml", (HttpContext context) =>
        {
            ifNoneMatch = context.Request.Headers.IfNoneMatch;
            ifModifiedSince = context.Request.Headers.IfModifiedSince;
            if (ifNoneMatch == "\"v7\"")
            {
                context.Response.Headers.ETag = "\"v7\"";
                return Results.StatusCode(304);
            }

            return Results.Text(FeedXml, "application/rss+xml");
        }));
        using var fetcher = Fetcher();

        var result = await fetcher.FetchAsync(
            new FetchRequest(server.Url("feed.xml"), "\"v7\"", "Sat, 21 Nov 2026 08:00:00 GMT"));

        Assert.True(result.NotModified);
        Assert.Empty(result.Content);
        Assert.Equal("\"v7\"", result.ETag);
        Assert.Equal("Sat, 21 Nov 2026 08:00:00 GMT", result.LastModified);
        Assert.Equal("\"v7\"", ifNoneMatch);
        Assert.Equal("Sat, 21 Nov 2026 08:00:00 GMT", ifModifiedSince);

        var changed = await fetcher.FetchAsync(new FetchRequest(server.Url("feed.xml"), "\"v6\""));
        Assert.False(changed.NotModified);
        Assert.Equal(FeedXml, Encoding.UTF8.GetString(changed.Content));
    }

    [Fact]
    public async Task Redirect_chain_is_followed_with_relative_locations_and_every_redirect_status()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
        {
            app.MapGet("/a", () => Results.Redirect("/b")); // 302
            app.MapGet("/b", () => Results.Redirect("c", permanent: true)); // 301, relative to /b
            app.MapGet("/c", (HttpContext context) => Redirect(context, 303, "/d"));
            app.MapGet("/d", (HttpContext context) => Redirect(context, 307, "/e"));
            app.MapGet("/e", (HttpContext context) => Redirect(context, 308, "/final"));
            app.MapGet("/final", () => Results.Text("<html>landed</html>", "text/html"));
        });
        using var fetcher = Fetcher();

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("a")));

        Assert.Equal(server.Url("final"), result.FinalUri);
        Assert.Equal("<html>landed</html>", Encoding.UTF8.GetString(result.Content));
    }

    [Fact]
    public async Task Too_many_redirects_fail_clearly()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/loop/{n:int}", (int n) => Results.Redirect($"/loop/{n + 1}")));
        using var fetcher = Fetcher(Fast with { MaxRedirects = 3 });

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("loop/0"))));

        Assert.Contains("too many redirects", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirects_to_other_schemes_are_refused()
    {
        await using var server = await LoopbackServer.StartAsync(app =>
            app.MapGet("/sneaky", () => Results.Redirect("file:///etc/passwd")));
        using var fetcher = Fetcher();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("sneaky"))));

        Assert.Contains("non-http", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_errors_are_retried_until_success()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) <= 2 ? Results.StatusCode(500) : Results.Text("ok now", "text/plain")));
        using var fetcher = Fetcher();

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("flaky")));

        Assert.Equal("ok now", Encoding.UTF8.GetString(result.Content));
        Assert.Equal(3, calls);
    }

    [Fact]
    public async Task Persistent_server_errors_fail_after_the_configured_retries_naming_the_status()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/down", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.StatusCode(503);
        }));
        using var fetcher = Fetcher(Fast with { MaxRetries = 2 });

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("down"))));

        Assert.Equal(3, calls);
        Assert.Contains("HTTP 503", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_found_is_not_retried_and_names_the_status()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/gone", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.NotFound();
        }));
        using var fetcher = Fetcher();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("gone"))));

        Assert.Equal(1, calls);
        Assert.Contains("HTTP 404", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "7", 5)]
    [InlineData(503, "2", 2)]
    public async Task Retry_after_is_honoured_up_to_the_cap(int status, string retryAfter, int expectedWaitSeconds)
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/busy", (HttpContext context) =>
        {
            if (Interlocked.Increment(ref calls) == 1)
            {
                context.Response.Headers.RetryAfter = retryAfter;
                return Results.StatusCode(status);
            }

            return Results.Text("served", "text/plain");
        }));
        // Virtual time: retry delays pass at once and are measured; the 20 s attempt timeout is left alone.
        var clock = new ManualTimeProvider { AutoAdvance = true, AutoAdvanceUpTo = TimeSpan.FromSeconds(10) };
        using var fetcher = Fetcher(TestFetchOptions.Loopback with { MaxRetryAfter = TimeSpan.FromSeconds(5) }, clock);

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("busy")));

        Assert.Equal("served", Encoding.UTF8.GetString(result.Content));
        Assert.Equal(TimeSpan.FromSeconds(expectedWaitSeconds), clock.Elapsed);
    }

    [Fact]
    public async Task Without_retry_after_the_backoff_is_exponential()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/flaky", () =>
            Interlocked.Increment(ref calls) <= 3 ? Results.StatusCode(502) : Results.Text("ok", "text/plain")));
        var clock = new ManualTimeProvider { AutoAdvance = true, AutoAdvanceUpTo = TimeSpan.FromSeconds(10) };
        using var fetcher = Fetcher(TestFetchOptions.Loopback with { RetryBaseDelay = TimeSpan.FromMilliseconds(500) }, clock);

        await fetcher.FetchAsync(new FetchRequest(server.Url("flaky")));

        // Three delays of 0.5, 1 and 2 s, each jittered by ±20 %.
        Assert.Equal(4, calls);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(3.5 * 0.8), TimeSpan.FromSeconds(3.5 * 1.2));
    }

    [Theory]
    [InlineData(0, 0.0, 800)]
    [InlineData(0, 0.5, 1000)]
    [InlineData(1, 0.5, 2000)]
    [InlineData(2, 1.0, 4800)]
    public void Retry_delay_doubles_with_bounded_jitter(int retry, double random, int expectedMs)
    {
        var delay = HttpPageFetcher.RetryDelay(FetchOptions.Default, retry, retryAfter: null, random);

        Assert.Equal(expectedMs, delay.TotalMilliseconds, precision: 3);
    }

    [Fact]
    public async Task Declared_oversized_answer_is_refused_before_reading()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/big", () =>
            Results.Bytes(new byte[4096], "application/octet-stream")));
        using var fetcher = Fetcher(Fast with { MaxBytes = 1000 });

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("big"))));

        Assert.Contains("larger than 1000 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("Content-Length 4096", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Chunked_oversized_answer_is_cut_off_while_streaming()
    {
        var chunksWritten = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/endless", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/html";
            var chunk = Encoding.ASCII.GetBytes(new string('x', 1024));
            try
            {
                // No Content-Length: an answer that would never end if the reader let it.
                for (var i = 0; i < 100_000 && !context.RequestAborted.IsCancellationRequested; i++)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    chunksWritten++;
                }
            }
            catch (OperationCanceledException)
            {
                // The client hung up, as it should.
            }
        }));
        using var fetcher = Fetcher(Fast with { MaxBytes = 10_000 });

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("endless"))));

        Assert.Contains("larger than 10000 bytes", error.Message, StringComparison.Ordinal);
        Assert.True(chunksWritten < 100_000);
    }

    [Fact]
    public async Task Answer_of_exactly_the_cap_is_accepted_without_content_length()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/exact", async (HttpContext context) =>
        {
            await context.Response.Body.WriteAsync(new byte[600]);
            await context.Response.Body.FlushAsync();
            await context.Response.Body.WriteAsync(new byte[400]);
        }));
        using var fetcher = Fetcher(Fast with { MaxBytes = 1000 });

        var result = await fetcher.FetchAsync(new FetchRequest(server.Url("exact")));

        Assert.Equal(1000, result.Content.Length);
    }

    [Fact]
    public async Task Slow_server_times_out_with_a_clear_message()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/slow", async (HttpContext context) =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Text("too late", "text/plain");
        }));
        using var fetcher = Fetcher(Fast with { Timeout = TimeSpan.FromMilliseconds(300), MaxRetries = 1 });

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(server.Url("slow"))));

        Assert.Contains("timed out", error.Message, StringComparison.Ordinal);
        Assert.Contains("0.3 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("2 attempts", error.Message, StringComparison.Ordinal);
        Assert.True(calls >= 1);
    }

    [Fact]
    public async Task Caller_cancellation_is_not_reported_as_a_timeout()
    {
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/slow", async (HttpContext context) =>
        {
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
            return Results.Text("too late", "text/plain");
        }));
        using var fetcher = Fetcher();
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => fetcher.FetchAsync(new FetchRequest(server.Url("slow")), cancel.Token));
    }

    [Fact]
    public async Task Connection_refused_fails_after_retries_as_a_fetch_exception()
    {
        Uri deadUri;
        await using (var server = await LoopbackServer.StartAsync(_ => { }))
        {
            deadUri = server.Url("feed.xml");
        }

        using var fetcher = Fetcher(Fast with { MaxRetries = 1 });

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(deadUri)));

        Assert.Contains("2 attempts", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task File_uris_are_read_with_validators_and_content_type_from_the_extension()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("feed.xml");
        await File.WriteAllTextAsync(path, FeedXml);
        using var fetcher = Fetcher();

        var first = await fetcher.FetchAsync(new FetchRequest(new Uri(path), AllowFile: true));
        var again = await fetcher.FetchAsync(new FetchRequest(new Uri(path), first.ETag, AllowFile: true));
        var byDate = await fetcher.FetchAsync(new FetchRequest(new Uri(path), null, first.LastModified, AllowFile: true));

        Assert.False(first.NotModified);
        Assert.Equal(FeedXml, Encoding.UTF8.GetString(first.Content));
        Assert.Equal("application/xml", first.ContentType);
        Assert.NotNull(first.ETag);
        Assert.NotNull(first.LastModified);
        Assert.True(again.NotModified);
        Assert.Empty(again.Content);
        Assert.True(byDate.NotModified);

        await File.WriteAllTextAsync(path, FeedXml + "<!-- updated -->");
        File.SetLastWriteTimeUtc(path, DateTime.Parse(first.LastModified!, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal).AddMinutes(1));
        var changed = await fetcher.FetchAsync(new FetchRequest(new Uri(path), first.ETag, AllowFile: true));
        Assert.False(changed.NotModified);
        Assert.NotEqual(first.ETag, changed.ETag);
        Assert.EndsWith("<!-- updated -->", Encoding.UTF8.GetString(changed.Content), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("page.html", "text/html")]
    [InlineData("feed.json", "application/json")]
    [InlineData("notes.txt", null)]
    public async Task File_content_type_follows_the_extension(string name, string? expected)
    {
        using var folder = new TempFolder();
        var path = folder.Combine(name);
        await File.WriteAllTextAsync(path, "x");
        using var fetcher = Fetcher();

        Assert.Equal(expected, (await fetcher.FetchAsync(new FetchRequest(new Uri(path), AllowFile: true))).ContentType);
    }

    [Fact]
    public async Task File_errors_are_fetch_exceptions()
    {
        using var folder = new TempFolder();
        var big = folder.Combine("big.xml");
        await File.WriteAllBytesAsync(big, new byte[2048]);
        using var fetcher = Fetcher(Fast with { MaxBytes = 1024 });

        var missing = await Assert.ThrowsAsync<FetchException>(
            () => fetcher.FetchAsync(new FetchRequest(new Uri(folder.Combine("missing.xml")), AllowFile: true)));
        var tooBig = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(new Uri(big), AllowFile: true)));
        var isFolder = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(new Uri(folder.Path), AllowFile: true)));

        Assert.Contains("not found", missing.Message, StringComparison.Ordinal);
        Assert.Contains("larger than 1024 bytes", tooBig.Message, StringComparison.Ordinal);
        Assert.Contains("folder", isFolder.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://127.0.0.1/feed.xml")]
    [InlineData("gopher://127.0.0.1/feed")]
    [InlineData("mailto:editor@example.invalid")]
    public async Task Unsupported_schemes_fail_clearly(string uri)
    {
        using var fetcher = Fetcher();

        var error = await Assert.ThrowsAsync<FetchException>(() => fetcher.FetchAsync(new FetchRequest(new Uri(uri))));

        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redirect_from_https_to_http_is_refused()
    {
        // No TLS certificate for a loopback server here, so an in-process handler plays the https site.
        using var handler = new RedirectingHandler(new Uri("http://outlet.invalid/plain"));
        using var fetcher = new HttpPageFetcher(Fast, TimeProvider.System, handler);

        var error = await Assert.ThrowsAsync<FetchException>(
            () => fetcher.FetchAsync(new FetchRequest(new Uri("https://outlet.invalid/secure"))));

        Assert.Contains("https to http", error.Message, StringComparison.Ordinal);
        Assert.Equal(1, handler.Calls);
    }

    private sealed class RedirectingHandler(Uri location) : HttpMessageHandler
    {
        public int Calls { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Calls++;
            var response = new HttpResponseMessage(System.Net.HttpStatusCode.Found) { RequestMessage = request };
            response.Headers.Location = location;
            return Task.FromResult(response);
        }
    }

    private static IResult Redirect(HttpContext context, int status, string location)
    {
        context.Response.Headers.Location = location;
        return Results.StatusCode(status);
    }
}

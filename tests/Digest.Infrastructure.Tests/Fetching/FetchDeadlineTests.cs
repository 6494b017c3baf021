using System.Text;
using Digest.Core.Fetching;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Tests.Fetching;

/// <summary>Time limits: one whole fetch (attempts, retry delays, redirects) within TotalTimeout; one attempt within Timeout.</summary>
public sealed class FetchDeadlineTests
{
    [Fact]
    public async Task Server_that_never_answers_is_given_up_on_at_the_total_deadline_despite_retries_left()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/feed.xml", async (HttpContext context) =>
        {
            Interlocked.Increment(ref calls);
            await Task.Delay(Timeout.InfiniteTimeSpan, context.RequestAborted);
        }));
        // Virtual time, moved by the test: 10 s attempts and a thousand retries would take hours without the deadline.
        var clock = new ManualTimeProvider();
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Loopback with
        {
            Timeout = TimeSpan.FromSeconds(10),
            TotalTimeout = TimeSpan.FromSeconds(30),
            MaxRetries = 1000,
            RetryBaseDelay = TimeSpan.FromMilliseconds(1),
        }, clock);

        var fetch = fetcher.FetchAsync(new FetchRequest(server.Url("feed.xml")));
        for (var second = 0; second < 120 && !fetch.IsCompleted; second++)
        {
            // Real time for the request to reach the server before the clock moves on; the result does not depend on it.
            await Task.WhenAny(fetch, Task.Delay(TimeSpan.FromMilliseconds(50)));
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var error = await Assert.ThrowsAsync<FetchException>(() => fetch.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Contains("within the total limit of 30 s", error.Message, StringComparison.Ordinal);
        Assert.Contains("attempts", error.Message, StringComparison.Ordinal);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(32));
    }

    [Fact]
    public async Task Retry_after_delays_cannot_add_up_past_the_total_deadline()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/busy", (HttpContext context) =>
        {
            Interlocked.Increment(ref calls);
            context.Response.Headers.RetryAfter = "25";
            return Results.StatusCode(503);
        }));
        // Retry delays (25 s) pass at once in virtual time; the attempt timeout and the 60 s deadline wait for the clock.
        var clock = new ManualTimeProvider { AutoAdvance = true, AutoAdvanceUpTo = TimeSpan.FromSeconds(30) };
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Loopback with
        {
            Timeout = TimeSpan.FromMinutes(10),
            TotalTimeout = TimeSpan.FromSeconds(60),
            MaxRetries = 10,
            MaxRetryAfter = TimeSpan.FromSeconds(30),
        }, clock);

        var error = await Assert.ThrowsAsync<FetchException>(
            () => fetcher.FetchAsync(new FetchRequest(server.Url("busy"))).WaitAsync(TimeSpan.FromSeconds(60)));

        // Attempts at 0, 25 and 50 s; the wait for a fourth would end at 75 s, past the deadline.
        Assert.Equal(3, calls);
        Assert.Contains("within the total limit of 60 s (3 attempts)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Slow_drip_body_is_cut_off_by_the_attempt_timeout()
    {
        var bytesSent = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/drip", async (HttpContext context) =>
        {
            context.Response.ContentType = "text/html";
            try
            {
                // One byte every 100 ms, forever: each read succeeds, so only a deadline on the whole attempt stops it.
                while (!context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(Encoding.ASCII.GetBytes("x"), context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                    Interlocked.Increment(ref bytesSent);
                    await Task.Delay(TimeSpan.FromMilliseconds(100), context.RequestAborted);
                }
            }
            catch (OperationCanceledException)
            {
                // The client hung up, as it should.
            }
        }));
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast with { Timeout = TimeSpan.FromSeconds(1), MaxRetries = 0 },
            TimeProvider.System);

        var error = await Assert.ThrowsAsync<FetchException>(
            () => fetcher.FetchAsync(new FetchRequest(server.Url("drip"))).WaitAsync(TimeSpan.FromSeconds(60)));

        Assert.Contains("timed out: no complete answer within 1 s (1 attempt)", error.Message, StringComparison.Ordinal);
        Assert.True(bytesSent >= 1);
    }
}

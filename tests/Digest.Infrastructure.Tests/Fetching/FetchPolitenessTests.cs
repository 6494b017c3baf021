using Digest.Core.Fetching;
using Digest.Infrastructure.Fetching;
using Digest.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Tests.Fetching;

/// <summary>Concurrent fetches share <see cref="FetchOptions.MaxConcurrentPerHost"/> slots per host.</summary>
public sealed class FetchPolitenessTests
{
    [Fact]
    public async Task Ten_concurrent_fetches_to_one_host_have_at_most_two_requests_in_flight()
    {
        var inFlight = 0;
        var maxInFlight = 0;
        var calls = 0;
        var pairSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/page/{n:int}", async (int n) =>
        {
            var now = Interlocked.Increment(ref inFlight);
            Interlocked.Increment(ref calls);
            UpdateMax(ref maxInFlight, now);
            if (now >= 2)
            {
                pairSeen.TrySetResult();
            }

            // The first request waits for a second one, so the test shows two really do run at once; the limit
            // shows in no third one ever joining them.
            await pairSeen.Task.WaitAsync(TimeSpan.FromSeconds(30));
            await Task.Delay(TimeSpan.FromMilliseconds(20));
            Interlocked.Decrement(ref inFlight);
            return Results.Text($"page {n}", "text/html");
        }));
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast, TimeProvider.System);

        var results = await Task.WhenAll(Enumerable.Range(0, 10)
            .Select(n => Task.Run(() => fetcher.FetchAsync(new FetchRequest(server.Url($"page/{n}"))))))
            .WaitAsync(TimeSpan.FromSeconds(120));

        Assert.Equal(10, results.Length);
        Assert.Equal(10, calls);
        Assert.Equal(2, maxInFlight);
    }

    [Fact]
    public async Task Host_gate_limits_each_host_separately_and_forgets_idle_hosts()
    {
        var gate = new HostGate(perHost: 2);

        var a1 = await gate.EnterAsync("outlet-a.example", CancellationToken.None);
        var a2 = await gate.EnterAsync("OUTLET-A.example", CancellationToken.None);
        var a3 = gate.EnterAsync("outlet-a.example", CancellationToken.None);
        var b1 = await gate.EnterAsync("outlet-b.example", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.False(a3.IsCompleted);
        Assert.Equal(2, gate.TrackedHosts);
        a1.Dispose();
        var a3Slot = await a3.WaitAsync(TimeSpan.FromSeconds(30));

        a2.Dispose();
        a3Slot.Dispose();
        b1.Dispose();
        b1.Dispose(); // twice is harmless
        Assert.Equal(0, gate.TrackedHosts);
    }

    [Fact]
    public async Task Host_gate_waiter_that_gives_up_leaves_no_entry_behind()
    {
        var gate = new HostGate(perHost: 1);
        var held = await gate.EnterAsync("outlet.example", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = gate.EnterAsync("outlet.example", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        Assert.Equal(0, gate.TrackedHosts);
    }

    [Fact]
    public async Task Minimum_delay_spaces_the_starts_at_one_host_and_not_across_hosts()
    {
        var clock = new ManualTimeProvider();
        var gate = new HostGate(perHost: 2, TimeSpan.FromSeconds(10), clock);

        var first = await gate.EnterAsync("outlet-a.example", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        var second = gate.EnterAsync("outlet-a.example", CancellationToken.None);
        var other = await gate.EnterAsync("outlet-b.example", CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(30));
        await Task.Delay(TimeSpan.FromMilliseconds(50));
        Assert.False(second.IsCompleted);

        clock.Advance(TimeSpan.FromSeconds(10));
        var secondSlot = await second.WaitAsync(TimeSpan.FromSeconds(30));

        first.Dispose();
        secondSlot.Dispose();
        other.Dispose();
        // outlet-a's next turn is at 20 s: the entry stays until then, then goes.
        Assert.Equal(1, gate.TrackedHosts);
        clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(0, gate.TrackedHosts);
    }

    [Fact]
    public async Task Fetcher_applies_the_minimum_delay_between_requests_to_one_host()
    {
        var calls = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/page", () =>
        {
            Interlocked.Increment(ref calls);
            return Results.Text("page", "text/html");
        }));
        var clock = new ManualTimeProvider();
        using var fetcher = new HttpPageFetcher(TestFetchOptions.Fast with { MinDelayPerHost = TimeSpan.FromSeconds(5) }, clock);

        await fetcher.FetchAsync(new FetchRequest(server.Url("page"))).WaitAsync(TimeSpan.FromSeconds(30));
        var second = fetcher.FetchAsync(new FetchRequest(server.Url("page")));
        await Task.Delay(TimeSpan.FromMilliseconds(100));
        Assert.False(second.IsCompleted);
        Assert.Equal(1, calls);

        clock.Advance(TimeSpan.FromSeconds(5));
        await second.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(2, calls);
    }

    private static void UpdateMax(ref int max, int value)
    {
        int seen;
        while (value > (seen = Volatile.Read(ref max)) && Interlocked.CompareExchange(ref max, value, seen) != seen)
        {
        }
    }
}

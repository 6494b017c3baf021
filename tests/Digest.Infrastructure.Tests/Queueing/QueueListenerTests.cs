using Digest.Core.Queueing;
using Digest.Core.Tests.Support;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Queueing;

namespace Digest.Infrastructure.Tests.Queueing;

/// <summary>
/// <see cref="QueueProcessor.ListenAsync"/>, the long-running listener of <c>digest serve</c>, against host.json's
/// settings: how many messages run together, retries and poison, and what a stop hands back.
/// </summary>
public sealed class QueueListenerTests
{
    private static readonly QueueHostOptions Fast = HostSettings.Default with { MaxPollingInterval = TimeSpan.FromMilliseconds(100) };

    [Fact]
    public async Task ListenAsync_runs_at_most_batchSize_plus_newBatchThreshold_messages_at_once()
    {
        var queue = new InMemoryMessageQueue();
        for (var i = 0; i < 40; i++)
        {
            await queue.EnqueueAsync("articles", $"m{i}");
        }

        var options = Fast with { BatchSize = 4, NewBatchThreshold = 2 };
        var running = 0;
        var peak = 0;
        var handled = 0;
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var listening = new QueueProcessor(queue, options, TimeProvider.System).ListenAsync("articles", async (_, ct) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(20, ct);
            Interlocked.Decrement(ref running);
            if (Interlocked.Increment(ref handled) == 40)
            {
                done.SetResult();
            }
        }, stop.Token);

        await done.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await listening;

        Assert.InRange(peak, 2, 4 + 2);
        Assert.Equal(0, await queue.CountAsync("articles"));
    }

    [Fact]
    public async Task ListenAsync_poisons_a_message_on_its_last_allowed_attempt_with_its_text_unchanged()
    {
        var queue = new InMemoryMessageQueue();
        await queue.EnqueueAsync("pages", "bad");
        var attempts = 0;
        using var stop = new CancellationTokenSource();
        var listening = new QueueProcessor(queue, Fast with { MaxDequeueCount = 3 }, TimeProvider.System).ListenAsync("pages", (_, _) =>
        {
            Interlocked.Increment(ref attempts);
            throw new InvalidDataException("not a page message");
        }, stop.Token);

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (queue.Messages("pages-poison").Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await listening;

        Assert.Equal(3, attempts);
        Assert.Equal(["bad"], queue.Messages("pages-poison"));
        Assert.Empty(queue.Messages("pages"));
    }

    [Fact]
    public async Task ListenAsync_stopping_hands_back_at_once_what_its_handlers_did_not_finish()
    {
        var queue = new InMemoryMessageQueue();
        await queue.EnqueueAsync("feeds", "slow");
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var listening = new QueueProcessor(queue, Fast, TimeProvider.System).ListenAsync("feeds", async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.Infinite, ct);
        }, stop.Token);

        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await listening.WaitAsync(TimeSpan.FromSeconds(30));

        // Visible again now, not after its 10-minute lease; and not counted as a failed attempt.
        var back = await queue.ReceiveAsync("feeds", 1, TimeSpan.FromSeconds(1));
        Assert.Equal("slow", Assert.Single(back).Text);
        Assert.Empty(queue.Messages("feeds-poison"));
    }

    [Fact]
    public void The_default_newBatchThreshold_is_the_hosts_half_batch_per_processor()
        => Assert.Equal(16 / 2 * Environment.ProcessorCount, QueueProcessor.NewBatchThresholdOf(HostSettings.Default));

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}

using System.Collections.Concurrent;
using Digest.Core.Queueing;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Queueing;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Queueing;

public sealed class QueueProcessorTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    private readonly TempFolder folder = new();
    private readonly ManualTimeProvider clock = new() { AutoAdvance = true };
    private readonly FileSystemMessageQueue queue;
    private readonly ConcurrentQueue<string> log = new();

    public QueueProcessorTests() => queue = new FileSystemMessageQueue(folder.Path, clock);

    public void Dispose() => folder.Dispose();

    private QueueProcessor Processor(QueueHostOptions? options = null)
        => new(queue, options ?? HostSettings.Default, clock, log.Enqueue);

    private async Task<List<string>> TextsIn(string name)
    {
        var texts = new List<string>();
        clock.Advance(TimeSpan.FromHours(1));
        foreach (var message in await queue.ReceiveAsync(name, 32, Minute))
        {
            texts.Add(message.Text);
        }

        return texts;
    }

    [Fact]
    public async Task Successful_messages_are_handled_in_order_and_deleted()
    {
        foreach (var text in new[] { "a1", "a2", "a3" })
        {
            await queue.EnqueueAsync("articles", text);
        }

        var handled = new List<string>();
        var result = await Processor().DrainAsync("articles", (message, _) =>
        {
            handled.Add(message.Text);
            return Task.CompletedTask;
        });

        Assert.Equal(["a1", "a2", "a3"], handled);
        Assert.Equal(new DrainResult(3, 0, 0, 0), result);
        Assert.Equal(0, await queue.CountAsync("articles"));
        Assert.Equal(0, await queue.CountAsync("articles-poison"));
    }

    [Fact]
    public async Task A_failing_message_is_retried_until_max_dequeue_count_then_poisoned_with_unchanged_text()
    {
        const string text = "{\"articleId\":\"x1\",\"note\":\"ünïcode & <tags>\"}";
        await queue.EnqueueAsync("articles", text);
        await queue.EnqueueAsync("articles", "healthy");
        var attempts = new List<int>();

        var options = HostSettings.Default with { MaxDequeueCount = 3, VisibilityTimeout = TimeSpan.FromSeconds(30) };
        var result = await Processor(options).DrainAsync("articles", (message, _) =>
        {
            if (message.Text == "healthy")
            {
                return Task.CompletedTask;
            }

            attempts.Add(message.DequeueCount);
            throw new InvalidOperationException("the outlet's page could not be parsed");
        });

        Assert.Equal([1, 2, 3], attempts);
        Assert.Equal(new DrainResult(1, 2, 1, 0), result);
        Assert.Equal(0, await queue.CountAsync("articles"));
        Assert.Equal([text], await TextsIn("articles-poison"));
        // The drain waited (in virtual time) for each retry to come back after the configured visibility timeout.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(60));
        Assert.Contains(log, line => line.Contains("the outlet's page could not be parsed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_concurrent_drain_runs_messages_at_once_and_handles_each_exactly_once()
    {
        const int count = 40;
        for (var i = 0; i < count; i++)
        {
            await queue.EnqueueAsync("pages", "p" + i.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var handled = new ConcurrentBag<string>();
        var inFlight = 0;
        var allIn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var result = await Processor().DrainAsync("pages", async (message, ct) =>
        {
            // The first four wait for each other: only a drain that runs four at once gets past this.
            if (Interlocked.Increment(ref inFlight) == 4)
            {
                allIn.TrySetResult();
            }

            await allIn.Task.WaitAsync(TimeSpan.FromSeconds(30), ct);
            handled.Add(message.Text);
        }, concurrency: 4);

        Assert.Equal(new DrainResult(count, 0, 0, 0), result);
        Assert.Equal(count, handled.Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(count, handled.Count);
        Assert.Equal(0, await queue.CountAsync("pages"));
    }

    [Fact]
    public async Task A_drain_ends_when_nothing_is_visible_and_does_not_wait_for_messages_sent_with_a_delay()
    {
        await queue.EnqueueAsync("pages", "first try");
        var handled = new List<string>();

        var result = await Processor().DrainAsync("pages", async (message, ct) =>
        {
            handled.Add(message.Text);
            await queue.EnqueueAsync("pages", "retry in half an hour", TimeSpan.FromMinutes(30), ct);
        }, concurrency: 2);

        Assert.Equal(["first try"], handled);
        Assert.Equal(new DrainResult(1, 0, 0, 0), result);
        Assert.True(clock.Elapsed < TimeSpan.FromMinutes(30), "the drain must not wait for the delayed message");
        Assert.Equal(1, await queue.CountAsync("pages"));
    }

    [Fact]
    public async Task A_poisoned_message_leaves_a_record_of_its_last_error_beside_the_data()
    {
        await queue.EnqueueAsync("pages", "{\"articleId\":\"x1\"}");
        var blobs = new Digest.Infrastructure.Storage.FileSystemBlobStore(System.IO.Path.Combine(folder.Path, "blobs"));
        var processor = new QueueProcessor(queue, HostSettings.Default with { MaxDequeueCount = 2, VisibilityTimeout = TimeSpan.FromSeconds(5) },
            clock, log.Enqueue, poisonRecords: blobs);
        string? id = null;

        var result = await processor.DrainAsync("pages", (message, _) =>
        {
            id = message.Id;
            throw new InvalidOperationException("the page stage has a bug");
        });

        Assert.Equal(1, result.Poisoned);
        var record = await new Digest.Core.Storage.JsonDocumentStore(blobs).GetAsync<PoisonRecord>(
            Digest.Core.Storage.Containers.State, Digest.Core.Storage.BlobPaths.PoisonRecord("pages", id!));
        Assert.NotNull(record);
        Assert.Equal(("pages", id, 2, "{\"articleId\":\"x1\"}"), (record.Queue, record.MessageId, record.DequeueCount, record.Text));
        Assert.Equal("InvalidOperationException: the page stage has a bug", record.Error);
        // The poison queue keeps the text unchanged, as the host's does, so replay needs nothing from the record.
        Assert.Equal(["{\"articleId\":\"x1\"}"], await TextsIn("pages-poison"));
    }

    [Fact]
    public async Task A_message_over_max_dequeue_count_on_arrival_goes_to_poison_without_running()
    {
        await queue.EnqueueAsync("articles", "crashed the host twice");
        for (var i = 0; i < 2; i++)
        {
            // Received and never completed, as when the process dies mid-handler.
            Assert.Single(await queue.ReceiveAsync("articles", 1, Minute));
            clock.Advance(Minute);
        }

        var invoked = false;
        var result = await Processor(HostSettings.Default with { MaxDequeueCount = 2 }).DrainAsync("articles", (_, _) =>
        {
            invoked = true;
            return Task.CompletedTask;
        });

        Assert.False(invoked);
        Assert.Equal(new DrainResult(0, 0, 1, 0), result);
        Assert.Equal(["crashed the host twice"], await TextsIn("articles-poison"));
    }

    [Fact]
    public async Task Order_callback_sees_every_visible_message_and_decides_the_order()
    {
        var texts = Enumerable.Range(0, 40).Select(i => $"m{i:D2}").ToList();
        foreach (var text in texts)
        {
            await queue.EnqueueAsync("articles", text);
        }

        var batchSizes = new List<int>();
        var handled = new List<string>();
        var result = await Processor(HostSettings.Default with { BatchSize = 16 }).DrainAsync("articles",
            (message, _) =>
            {
                handled.Add(message.Text);
                return Task.CompletedTask;
            },
            batch =>
            {
                batchSizes.Add(batch.Count);
                // Newest first, and "forget" one message: it must still be handled, after the others.
                return batch.OrderByDescending(message => message.Text, StringComparer.Ordinal)
                    .Where(message => message.Text != "m07");
            });

        Assert.Equal([40], batchSizes);
        Assert.Equal(texts.Where(text => text != "m07").Reverse().Append("m07"), handled);
        Assert.Equal(new DrainResult(40, 0, 0, 0), result);
    }

    [Fact]
    public async Task Messages_enqueued_by_a_handler_are_drained_too()
    {
        await queue.EnqueueAsync("articles", "level-0");
        var handled = new List<string>();

        await Processor().DrainAsync("articles", async (message, ct) =>
        {
            handled.Add(message.Text);
            if (message.Text != "level-2")
            {
                await queue.EnqueueAsync("articles", "level-" + (handled.Count), ct);
            }
        });

        Assert.Equal(["level-0", "level-1", "level-2"], handled);
    }

    [Fact]
    public async Task A_poison_queue_has_no_poison_queue_so_failures_are_left_invisible()
    {
        await queue.EnqueueAsync("articles-poison", "hopeless");

        var result = await Processor().DrainAsync("articles-poison",
            (_, _) => throw new InvalidOperationException("still broken"));

        Assert.Equal(new DrainResult(0, 0, 0, 1), result);
        Assert.Null(QueueProcessor.PoisonQueueOf("articles-poison"));
        Assert.Equal(1, await queue.CountAsync("articles-poison"));
        Assert.Empty(await queue.ReceiveAsync("articles-poison", 1, Minute));
    }

    [Fact]
    public async Task A_handler_that_overruns_function_timeout_is_cancelled_and_counts_as_a_failure()
    {
        var manual = new ManualTimeProvider();
        var slowQueue = new FileSystemMessageQueue(folder.Path, manual);
        await slowQueue.EnqueueAsync("articles", "slow");
        var options = HostSettings.Default with { MaxDequeueCount = 1, FunctionTimeout = TimeSpan.FromMinutes(2) };
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var drain = new QueueProcessor(slowQueue, options, manual).DrainAsync("articles", async (_, ct) =>
        {
            started.SetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        });
        await started.Task;
        manual.Advance(TimeSpan.FromMinutes(2));
        var result = await drain;

        Assert.Equal(new DrainResult(0, 0, 1, 0), result);
        Assert.Equal(1, await slowQueue.CountAsync("articles-poison"));
    }

    [Fact]
    public async Task Run_handles_messages_as_they_arrive_and_stops_on_cancellation()
    {
        var realClockQueue = new FileSystemMessageQueue(folder.Path, TimeProvider.System);
        var handled = new ConcurrentQueue<string>();
        var gotAll = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var options = HostSettings.Default with { MaxPollingInterval = TimeSpan.FromMilliseconds(200) };
        await realClockQueue.EnqueueAsync("articles", "early");

        var run = new QueueProcessor(realClockQueue, options, TimeProvider.System).RunAsync("articles", (message, _) =>
        {
            handled.Enqueue(message.Text);
            if (handled.Count == 2)
            {
                gotAll.SetResult();
            }

            return Task.CompletedTask;
        }, stop.Token);

        await realClockQueue.EnqueueAsync("articles", "late");
        await gotAll.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await stop.CancelAsync();
        await run;

        Assert.Equal(["early", "late"], handled);
        Assert.Equal(0, await realClockQueue.CountAsync("articles"));
    }

    [Fact]
    public async Task Run_hands_back_the_message_in_hand_when_cancelled()
    {
        var realClockQueue = new FileSystemMessageQueue(folder.Path, TimeProvider.System);
        await realClockQueue.EnqueueAsync("articles", "interrupted");
        using var stop = new CancellationTokenSource();

        var run = new QueueProcessor(realClockQueue, HostSettings.Default, TimeProvider.System).RunAsync("articles",
            async (_, ct) =>
            {
                await stop.CancelAsync();
                await Task.Delay(Timeout.InfiniteTimeSpan, ct);
            }, stop.Token);
        await run;

        var back = Assert.Single(await realClockQueue.ReceiveAsync("articles", 1, Minute));
        Assert.Equal("interrupted", back.Text);
        Assert.Equal(2, back.DequeueCount);
    }

    [Fact]
    public async Task Run_survives_storage_errors_reports_them_and_still_stops_on_cancellation()
    {
        var reported = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var stop = new CancellationTokenSource();
        var options = HostSettings.Default with { MaxPollingInterval = TimeSpan.FromMilliseconds(200) };

        var run = new QueueProcessor(new UnreachableQueue(), options, TimeProvider.System, line =>
        {
            if (line.Contains("polling failed", StringComparison.Ordinal) && line.Contains("disk unreachable", StringComparison.Ordinal))
            {
                reported.TrySetResult();
            }
        }).RunAsync("articles", (_, _) => Task.CompletedTask, stop.Token);

        await reported.Task.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.False(run.IsCompleted);
        await stop.CancelAsync();
        await run;
    }

    /// <summary>Storage that fails every call, as a lost disk or network share would.</summary>
    private sealed class UnreachableQueue : IMessageQueue
    {
        public Task EnqueueAsync(string queue, string text, CancellationToken cancellationToken = default) => throw Failure();

        public Task EnqueueAsync(string queue, string text, TimeSpan initialVisibilityDelay, CancellationToken cancellationToken = default)
            => throw Failure();

        public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout,
            CancellationToken cancellationToken = default) => throw Failure();

        public Task DeleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default) => throw Failure();

        public Task ReleaseAsync(string queue, QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
            => throw Failure();

        public Task<int> CountAsync(string queue, CancellationToken cancellationToken = default) => throw Failure();

        private static IOException Failure() => new("disk unreachable");
    }

    [Theory]
    [InlineData(1, 0.0, 180)]
    [InlineData(1, 0.5, 200)]
    [InlineData(2, 0.5, 300)]
    [InlineData(3, 0.0, 420)]
    [InlineData(10, 0.5, 2000)]
    [InlineData(100, 0.99, 2000)]
    public void Polling_backoff_grows_exponentially_with_jitter_up_to_the_maximum(int emptyPolls, double random, int expectedMs)
    {
        var delay = QueueProcessor.NextPollingDelay(emptyPolls, random, TimeSpan.FromSeconds(2));

        Assert.Equal(expectedMs, delay.TotalMilliseconds, precision: 6);
    }
}

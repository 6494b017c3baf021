using System.Collections.Concurrent;
using System.Globalization;
using Digest.Core.Queueing;
using Digest.Core.Storage;
using Digest.Infrastructure.Hosting;

namespace Digest.Infrastructure.Queueing;

/// <summary>What one <see cref="QueueProcessor.DrainAsync"/> did.</summary>
/// <param name="Succeeded">Messages handled and deleted.</param>
/// <param name="Retried">Failed attempts put back on the queue for another try.</param>
/// <param name="Poisoned">Messages moved to <c>&lt;queue&gt;-poison</c> (failed <c>maxDequeueCount</c> times, or over it on arrival).</param>
/// <param name="Abandoned">Failed messages left invisible because the queue can have no poison queue (it is one itself).</param>
/// <param name="LeftForLater">Messages put back unprocessed because storage was failing (<see cref="DrainResult.PausedBy"/>).</param>
public sealed record DrainResult(int Succeeded, int Retried, int Poisoned, int Abandoned, int LeftForLater = 0)
{
    /// <summary>The storage failure that stopped the drain early, when one did.</summary>
    public string? PausedBy { get; init; }
}

/// <summary>
/// The queue trigger of the Azure Functions host, re-created for the local host so that a message meets the same fate
/// here as on Azure: it is received with a 10-minute lease; a message received more than <c>maxDequeueCount</c> times
/// goes to <c>&lt;queue&gt;-poison</c> without running; success deletes it; failure puts it back after host.json's
/// <c>visibilityTimeout</c>, or moves it to the poison queue (text unchanged) on the last allowed attempt.
/// </summary>
/// <remarks>
/// <para>Deliberate differences from the host, for a small deterministic local run: messages of a batch run one at a time
/// unless the drain is given a concurrency (the host runs up to batchSize + newBatchThreshold at once), and leases are
/// not renewed while a handler runs (the host renews every few minutes), so a handler should finish well within 10
/// minutes.</para>
/// <para>Poison records: the host moves a poison message's text unchanged and the error only reaches its logs. Here,
/// with a blob store, the error is also kept beside the data: <c>state/poison/&lt;queue&gt;/&lt;messageId&gt;.json</c>
/// (<see cref="PoisonRecord"/>), written before the message moves; the poison queue's text stays the original, so
/// <see cref="PoisonReplay"/> and the Functions host read it as before.</para>
/// <para>Text encoding: the host base64-decodes message text by default (<c>messageEncoding</c>). <see cref="IMessageQueue"/>
/// carries plain text; the Azure queue adapter does the base64 step so that handlers see the same text in both hosts.</para>
/// <para>Storage failures: when <c>isStorageFailure</c> says a handler failed because storage itself is failing (a full
/// disk, an outage), retrying the other messages at once would only spend all their attempts within one run and send
/// them all to the poison queue. The drain stops instead: that message and the rest of the batch are put back, and
/// the next run tries again, so the retries of a storage outage are spread across runs.</para>
/// </remarks>
public sealed class QueueProcessor(IMessageQueue queue, QueueHostOptions options, TimeProvider clock, Action<string>? log = null,
    Func<Exception, bool>? isStorageFailure = null, IBlobStore? poisonRecords = null)
{
    private readonly JsonDocumentStore? records = poisonRecords is null ? null : new JsonDocumentStore(poisonRecords);

    /// <summary>The host receives with this fixed lease, whatever host.json says (QueueListener).</summary>
    public static readonly TimeSpan ReceiveVisibilityTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The host's shortest polling delay (QueuePollingIntervals.Minimum).</summary>
    public static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>With an order callback, at most this many messages are gathered and ordered at once.</summary>
    public const int MaxOrderedBatch = 10_000;

    private const int MaxQueueNameLength = 63;

    /// <summary>
    /// Processes messages until the queue has none left to give this run: nothing visible, and no message this run put
    /// back still due to return. Waiting for a put-back message is bounded: each can fail at most maxDequeueCount times.
    /// With <paramref name="order"/>, every visible message is received first and handled in the order it returns
    /// (messages it leaves out are handled after the others, so none stays stuck behind a 10-minute lease).
    /// </summary>
    public Task<DrainResult> DrainAsync(string queueName, Func<QueueMessage, CancellationToken, Task> handler,
        Func<IReadOnlyList<QueueMessage>, IEnumerable<QueueMessage>>? order = null, CancellationToken ct = default)
        => DrainCoreAsync(queueName, handler, order, concurrency: 1, ct);

    /// <summary>
    /// As <see cref="DrainAsync(string, Func{QueueMessage, CancellationToken, Task}, Func{IReadOnlyList{QueueMessage}, IEnumerable{QueueMessage}}?, CancellationToken)"/>,
    /// running up to <paramref name="concurrency"/> messages of a batch at once, as the host does; in no particular order.
    /// Messages sent with an initial delay are new messages, not put-back ones: the drain does not wait for them.
    /// </summary>
    public Task<DrainResult> DrainAsync(string queueName, Func<QueueMessage, CancellationToken, Task> handler, int concurrency,
        CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        return DrainCoreAsync(queueName, handler, order: null, concurrency, ct);
    }

    private async Task<DrainResult> DrainCoreAsync(string queueName, Func<QueueMessage, CancellationToken, Task> handler,
        Func<IReadOnlyList<QueueMessage>, IEnumerable<QueueMessage>>? order, int concurrency, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        ArgumentNullException.ThrowIfNull(handler);
        var tally = new Tally();
        var comingBack = new ConcurrentDictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        while (true)
        {
            var batch = await ReceiveBatchAsync(queueName, receiveAll: order is not null, ct);
            if (batch.Count == 0)
            {
                var now = clock.GetUtcNow();
                // Due and still not received: another consumer took or deleted it. Nothing to wait for.
                foreach (var id in comingBack.Where(entry => entry.Value <= now).Select(entry => entry.Key).ToList())
                {
                    comingBack.TryRemove(id, out _);
                }

                if (comingBack.IsEmpty)
                {
                    return tally.ToResult();
                }

                var wait = comingBack.Values.Min() - now;
                log?.Invoke(Format($"{queueName}: waiting {wait.TotalSeconds:0.###} s for {comingBack.Count} message(s) to come back for a retry."));
                await Task.Delay(wait, clock, ct);
                continue;
            }

            foreach (var message in batch)
            {
                comingBack.TryRemove(message.Id, out _);
            }

            var ordered = order is null ? batch : ApplyOrder(batch, order);
            await ProcessBatchAsync(queueName, ordered, handler, tally, comingBack, concurrency, ct);
            if (tally.PausedBy is not null)
            {
                return tally.ToResult();
            }
        }
    }

    /// <summary>
    /// Polls like the host until <paramref name="ct"/> is cancelled: after an empty poll it waits with randomized
    /// exponential backoff from 100 ms up to maxPollingInterval; after a poll that found messages it polls again at once.
    /// Returns normally on cancellation; messages not yet handled are put back at once.
    /// </summary>
    public async Task RunAsync(string queueName, Func<QueueMessage, CancellationToken, Task> handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        ArgumentNullException.ThrowIfNull(handler);
        var emptyPolls = 0;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                bool found;
                try
                {
                    var batch = await ReceiveBatchAsync(queueName, receiveAll: false, ct);
                    found = batch.Count > 0;
                    if (found)
                    {
                        await ProcessBatchAsync(queueName, batch, handler, new Tally(), comingBack: null, concurrency: 1, ct);
                    }
                }
                catch (Exception exception) when (exception is not OperationCanceledException)
                {
                    // A storage hiccup must not end a long-running host: report it and poll again later. Messages it
                    // left leased come back when their lease ends, as on Azure.
                    log?.Invoke($"{queueName}: polling failed: {exception.GetType().Name}: {exception.Message}");
                    found = false;
                }

                if (found)
                {
                    emptyPolls = 0;
                    continue;
                }

                emptyPolls++;
                await Task.Delay(NextPollingDelay(emptyPolls, Random.Shared.NextDouble(), options.MaxPollingInterval), clock, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>
    /// The host's queue listener, for a long-running local host: up to <c>batchSize</c> messages are received at a time
    /// and handled at once, and the next batch is fetched as soon as no more than <c>newBatchThreshold</c> are still in
    /// flight (so at most batchSize + newBatchThreshold run together), with the host's polling backoff when the queue is
    /// empty and its retry and poison rules per message. On cancellation it stops receiving, lets handlers observe the
    /// token, hands back at once every message whose handler did not finish, and returns when all have settled.
    /// </summary>
    public async Task ListenAsync(string queueName, Func<QueueMessage, CancellationToken, Task> handler, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        ArgumentNullException.ThrowIfNull(handler);
        var threshold = NewBatchThresholdOf(options);
        var poisonQueue = PoisonQueueOf(queueName);
        var inFlight = new List<Task>();
        var emptyPolls = 0;
        while (!ct.IsCancellationRequested)
        {
            inFlight.RemoveAll(task => task.IsCompleted);
            if (inFlight.Count > threshold)
            {
                await Task.WhenAny(inFlight);
                continue;
            }

            IReadOnlyList<QueueMessage> batch;
            try
            {
                batch = await queue.ReceiveAsync(queueName, options.BatchSize, ReceiveVisibilityTimeout, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // A storage hiccup must not end a long-running host: report it and poll again after the backoff.
                log?.Invoke(Format($"{queueName}: polling failed: {exception.GetType().Name}: {exception.Message}"));
                batch = [];
            }

            if (batch.Count > 0)
            {
                emptyPolls = 0;
                inFlight.AddRange(batch.Select(message => ListenOneAsync(queueName, poisonQueue, message, handler, ct)));
                continue;
            }

            emptyPolls++;
            try
            {
                await Task.Delay(NextPollingDelay(emptyPolls, Random.Shared.NextDouble(), options.MaxPollingInterval), clock, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
        }

        await Task.WhenAll(inFlight);
    }

    /// <summary>host.json's newBatchThreshold, or the host's default: half the batch size times the processor count.</summary>
    public static int NewBatchThresholdOf(QueueHostOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.NewBatchThreshold ?? options.BatchSize / 2 * Environment.ProcessorCount;
    }

    /// <summary>One message of <see cref="ListenAsync"/>; never throws, so one message cannot stop the listener.</summary>
    private async Task ListenOneAsync(string queueName, string? poisonQueue, QueueMessage message,
        Func<QueueMessage, CancellationToken, Task> handler, CancellationToken ct)
    {
        try
        {
            await Task.Yield();
            await ProcessMessageAsync(queueName, poisonQueue, message, handler, new Tally(), comingBack: null, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down before the handler finished: its writes are atomic and idempotent, so the message simply
            // goes back for the next start instead of waiting out its 10-minute lease.
            await TryAsync(() => queue.ReleaseAsync(queueName, message, TimeSpan.Zero, CancellationToken.None), queueName);
        }
        catch (Exception exception)
        {
            // Deleting or poisoning failed (storage): the lease runs out and the message comes back, as on the host.
            log?.Invoke(Format($"{queueName}: message {message.Id} could not be settled: {exception.GetType().Name}: {exception.Message}"));
        }
    }

    private async Task TryAsync(Func<Task> action, string queueName)
    {
        try
        {
            await action();
        }
        catch (Exception exception)
        {
            log?.Invoke(Format($"{queueName}: could not hand a message back: {exception.GetType().Name}: {exception.Message}"));
        }
    }

    /// <summary>
    /// The host's RandomizedExponentialBackoffStrategy: after the n-th empty poll in a row wait
    /// 100 ms + (0.8..1.2) × 2^(n−1) × 100 ms, capped at <paramref name="max"/>. <paramref name="random01"/> is in [0, 1).
    /// </summary>
    public static TimeSpan NextPollingDelay(int emptyPolls, double random01, TimeSpan max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(emptyPolls, 1);
        var factor = 0.8 + (0.4 * random01);
        var exponent = Math.Min(emptyPolls - 1, 30);
        var milliseconds = MinPollingInterval.TotalMilliseconds
                           + (factor * Math.Pow(2, exponent) * MinPollingInterval.TotalMilliseconds);
        return milliseconds >= max.TotalMilliseconds ? max : TimeSpan.FromMilliseconds(milliseconds);
    }

    /// <summary>The poison queue of <paramref name="queueName"/>, or null when the host would have none.</summary>
    public static string? PoisonQueueOf(string queueName)
    {
        ArgumentNullException.ThrowIfNull(queueName);
        var poison = QueueNames.PoisonOf(queueName);
        return queueName.EndsWith(QueueNames.PoisonSuffix, StringComparison.Ordinal) || poison.Length > MaxQueueNameLength
            ? null
            : poison;
    }

    private async Task<IReadOnlyList<QueueMessage>> ReceiveBatchAsync(string queueName, bool receiveAll, CancellationToken ct)
    {
        var first = await queue.ReceiveAsync(queueName, options.BatchSize, ReceiveVisibilityTimeout, ct);
        if (!receiveAll || first.Count < options.BatchSize)
        {
            return first;
        }

        var all = new List<QueueMessage>(first);
        while (all.Count < MaxOrderedBatch)
        {
            var next = await queue.ReceiveAsync(queueName, Math.Min(options.BatchSize, MaxOrderedBatch - all.Count),
                ReceiveVisibilityTimeout, ct);
            all.AddRange(next);
            if (next.Count < options.BatchSize)
            {
                break;
            }
        }

        return all;
    }

    private static List<QueueMessage> ApplyOrder(IReadOnlyList<QueueMessage> batch,
        Func<IReadOnlyList<QueueMessage>, IEnumerable<QueueMessage>> order)
    {
        var byId = batch.ToDictionary(message => message.Id, StringComparer.Ordinal);
        var ordered = new List<QueueMessage>(batch.Count);
        foreach (var message in order(batch))
        {
            // Only messages of this batch, each once: the callback cannot inject or duplicate work.
            if (message is not null && byId.Remove(message.Id, out var received))
            {
                ordered.Add(received);
            }
        }

        ordered.AddRange(batch.Where(message => byId.ContainsKey(message.Id)));
        return ordered;
    }

    private async Task ProcessBatchAsync(string queueName, IReadOnlyList<QueueMessage> batch,
        Func<QueueMessage, CancellationToken, Task> handler, Tally tally, ConcurrentDictionary<string, DateTimeOffset>? comingBack,
        int concurrency, CancellationToken ct)
    {
        var poisonQueue = PoisonQueueOf(queueName);
        // Which messages have met their fate (handled, poisoned, put back), so that shutdown hands back exactly the rest.
        var settled = new bool[batch.Count];
        try
        {
            // With a concurrency of one this takes the messages strictly in the batch's order (an ordered drain relies on it).
            await Parallel.ForEachAsync(
                Enumerable.Range(0, batch.Count),
                new ParallelOptions { MaxDegreeOfParallelism = concurrency, CancellationToken = ct },
                async (index, _) =>
                {
                    if (tally.PausedBy is not null)
                    {
                        // Storage is failing: what has not started yet goes back for the next run.
                        await queue.ReleaseAsync(queueName, batch[index], TimeSpan.Zero, CancellationToken.None);
                        tally.LeaveForLater();
                    }
                    else
                    {
                        await ProcessMessageAsync(queueName, poisonQueue, batch[index], handler, tally, comingBack, ct);
                    }

                    settled[index] = true;
                });
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Shutting down: hand back what this run still holds instead of leaving it leased for 10 minutes.
            for (var index = 0; index < batch.Count; index++)
            {
                if (!settled[index])
                {
                    await queue.ReleaseAsync(queueName, batch[index], TimeSpan.Zero, CancellationToken.None);
                }
            }

            throw;
        }
    }

    private async Task ProcessMessageAsync(string queueName, string? poisonQueue, QueueMessage message,
        Func<QueueMessage, CancellationToken, Task> handler, Tally tally, ConcurrentDictionary<string, DateTimeOffset>? comingBack,
        CancellationToken ct)
    {
        if (message.DequeueCount > options.MaxDequeueCount)
        {
            // Received too often without an outcome (crashes): the host poisons it without running it.
            var reason = Format($"received {message.DequeueCount} times, more than {options.MaxDequeueCount}, without an outcome (the process died while handling it?)");
            log?.Invoke($"{queueName}: message {message.Id} was {reason}; not running it.");
            await PoisonAsync(queueName, poisonQueue, message, reason, tally, ct);
            return;
        }

        Exception? failure;
        try
        {
            await InvokeAsync(message, handler, ct);
            failure = null;
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception exception)
        {
            failure = exception;
        }

        // Once the handler has finished, record its outcome even if shutdown has begun: the work is done, and a message
        // left behind would run again for nothing.
        if (failure is null)
        {
            await queue.DeleteAsync(queueName, message, CancellationToken.None);
            tally.Succeed();
            return;
        }

        log?.Invoke(Format($"{queueName}: message {message.Id} failed on attempt {message.DequeueCount} of {options.MaxDequeueCount}: {failure.GetType().Name}: {failure.Message}"));
        if (isStorageFailure?.Invoke(failure) == true && message.DequeueCount < options.MaxDequeueCount)
        {
            await queue.ReleaseAsync(queueName, message, options.VisibilityTimeout, CancellationToken.None);
            tally.LeaveForLater();
            tally.Pause($"{failure.GetType().Name}: {failure.Message}");
            log?.Invoke($"{queueName}: storage is failing; stopping here and leaving the remaining messages for the next run.");
            return;
        }

        if (message.DequeueCount >= options.MaxDequeueCount || poisonQueue is null)
        {
            await PoisonAsync(queueName, poisonQueue, message, $"{failure.GetType().Name}: {failure.Message}", tally, CancellationToken.None);
            return;
        }

        await queue.ReleaseAsync(queueName, message, options.VisibilityTimeout, CancellationToken.None);
        comingBack?.TryAdd(message.Id, clock.GetUtcNow() + options.VisibilityTimeout);
        tally.Retry();
    }

    private async Task InvokeAsync(QueueMessage message, Func<QueueMessage, CancellationToken, Task> handler, CancellationToken ct)
    {
        if (options.FunctionTimeout is not { } timeout)
        {
            await handler(message, ct);
            return;
        }

        using var timeoutSource = new CancellationTokenSource(timeout, clock);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeoutSource.Token);
        try
        {
            await handler(message, linked.Token);
        }
        catch (OperationCanceledException exception) when (timeoutSource.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new TimeoutException(Format($"The handler ran longer than functionTimeout {timeout}."), exception);
        }
    }

    private async Task PoisonAsync(string queueName, string? poisonQueue, QueueMessage message, string error, Tally tally,
        CancellationToken ct)
    {
        if (poisonQueue is null)
        {
            // No poison queue: the host leaves the message invisible rather than retry it in a fast endless loop.
            log?.Invoke($"{queueName}: message {message.Id} left invisible; '{queueName}' can have no poison queue.");
            tally.Abandon();
            return;
        }

        await RecordPoisonAsync(queueName, message, error, ct);
        await queue.EnqueueAsync(poisonQueue, message.Text, ct);
        await queue.DeleteAsync(queueName, message, ct);
        log?.Invoke($"{queueName}: message {message.Id} moved to {poisonQueue}.");
        tally.Poison();
    }

    /// <summary>
    /// Keeps why the message failed, before it moves. Best effort: the failure may be storage itself, and a message
    /// must still leave a queue it cannot be handled from.
    /// </summary>
    private async Task RecordPoisonAsync(string queueName, QueueMessage message, string error, CancellationToken ct)
    {
        if (records is null)
        {
            return;
        }

        try
        {
            var record = new PoisonRecord(queueName, message.Id, error, message.DequeueCount, message.InsertedOn, clock.GetUtcNow(), message.Text);
            await records.WriteAsync(Containers.State, BlobPaths.PoisonRecord(queueName, message.Id), record, cancellationToken: ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            log?.Invoke($"{queueName}: could not record why message {message.Id} failed: {exception.GetType().Name}: {exception.Message}");
        }
    }

    private static string Format(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    /// <summary>Counts of one drain; messages of a batch may finish at the same time.</summary>
    private sealed class Tally
    {
        private readonly Lock gate = new();
        private int succeeded, retried, poisoned, abandoned, leftForLater;
        private volatile string? pausedBy;

        public string? PausedBy => pausedBy;

        public void Succeed() => Interlocked.Increment(ref succeeded);

        public void Retry() => Interlocked.Increment(ref retried);

        public void Poison() => Interlocked.Increment(ref poisoned);

        public void Abandon() => Interlocked.Increment(ref abandoned);

        public void LeaveForLater() => Interlocked.Increment(ref leftForLater);

        /// <summary>The first storage failure is the one reported.</summary>
        public void Pause(string reason)
        {
            lock (gate)
            {
                pausedBy ??= reason;
            }
        }

        public DrainResult ToResult() => new(succeeded, retried, poisoned, abandoned, leftForLater) { PausedBy = pausedBy };
    }
}

/// <summary>
/// Why a message went to its poison queue, <c>state/poison/&lt;queue&gt;/&lt;messageId&gt;.json</c> (README, "Blob
/// layout"): the queue and id it had there, the last error, how often it was received, and its text.
/// </summary>
public sealed record PoisonRecord(string Queue, string MessageId, string Error, int DequeueCount, DateTimeOffset InsertedOn,
    DateTimeOffset PoisonedOn, string Text);

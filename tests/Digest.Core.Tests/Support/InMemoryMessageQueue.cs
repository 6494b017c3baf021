using System.Text;
using Digest.Core.Queueing;

namespace Digest.Core.Tests.Support;

/// <summary>
/// An in-memory queue with the semantics of Azure Storage Queues, for unit tests of the stages: received messages hide
/// for their visibility timeout and come back unless deleted, each receive counts and gets a new pop receipt, and a
/// stale receipt deletes or releases nothing. Digest.Infrastructure.Tests runs the shared queue contract against it
/// (the file is linked there), so it cannot drift from the real queues.
/// </summary>
internal sealed class InMemoryMessageQueue(TimeProvider? clock = null) : IMessageQueue
{
    /// <summary>As the real queues: 48 KiB of UTF-8 is 64 KiB once base64-encoded, Azure's limit.</summary>
    public const int MaxTextBytes = 48 * 1024;

    private readonly TimeProvider clock = clock ?? TimeProvider.System;
    private readonly Lock gate = new();
    private readonly Dictionary<string, List<Entry>> queues = new(StringComparer.Ordinal);

    /// <summary>The texts in the queue, visible or not, in the order they were sent.</summary>
    public IReadOnlyList<string> Messages(string queue)
    {
        lock (gate)
        {
            return queues.TryGetValue(queue, out var list) ? list.Select(entry => entry.Text).ToList() : [];
        }
    }

    public Task EnqueueAsync(string queue, string text, CancellationToken cancellationToken = default)
        => EnqueueAsync(queue, text, TimeSpan.Zero, cancellationToken);

    public Task EnqueueAsync(string queue, string text, TimeSpan initialVisibilityDelay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialVisibilityDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialVisibilityDelay, TimeSpan.FromDays(7));
        if (Encoding.UTF8.GetByteCount(text) > MaxTextBytes)
        {
            throw new ArgumentException($"Message larger than {MaxTextBytes} bytes.", nameof(text));
        }

        lock (gate)
        {
            if (!queues.TryGetValue(queue, out var list))
            {
                queues[queue] = list = [];
            }

            var now = clock.GetUtcNow();
            list.Add(new Entry(Guid.NewGuid().ToString("D"), text, now) { NextVisibleOn = now + initialVisibilityDelay });
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, 32);
        lock (gate)
        {
            if (!queues.TryGetValue(queue, out var list))
            {
                return Task.FromResult<IReadOnlyList<QueueMessage>>([]);
            }

            var now = clock.GetUtcNow();
            var taken = new List<QueueMessage>();
            foreach (var entry in list.Where(entry => entry.NextVisibleOn <= now).Take(maxMessages))
            {
                entry.DequeueCount++;
                entry.NextVisibleOn = now + visibilityTimeout;
                entry.PopReceipt = Guid.NewGuid().ToString("N");
                taken.Add(new QueueMessage(entry.Id, entry.PopReceipt, entry.Text, entry.DequeueCount, entry.InsertedOn));
            }

            return Task.FromResult<IReadOnlyList<QueueMessage>>(taken);
        }
    }

    public Task DeleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (Current(queue, message) is { } entry)
            {
                queues[queue].Remove(entry);
            }
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string queue, QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (Current(queue, message) is { } entry)
            {
                // Like Update Message: a new receipt, so the old one cannot delete the message once it is back.
                entry.NextVisibleOn = clock.GetUtcNow() + visibilityTimeout;
                entry.PopReceipt = Guid.NewGuid().ToString("N");
            }
        }

        return Task.CompletedTask;
    }

    public Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            return Task.FromResult(queues.TryGetValue(queue, out var list) ? list.Count : 0);
        }
    }

    /// <summary>The message's entry when <paramref name="message"/> holds its current pop receipt; otherwise null (ignored).</summary>
    private Entry? Current(string queue, QueueMessage message)
        => queues.TryGetValue(queue, out var list)
            ? list.FirstOrDefault(entry => string.Equals(entry.Id, message.Id, StringComparison.Ordinal)
                                           && string.Equals(entry.PopReceipt, message.PopReceipt, StringComparison.Ordinal))
            : null;

    private sealed class Entry(string id, string text, DateTimeOffset insertedOn)
    {
        public string Id { get; } = id;

        public string Text { get; } = text;

        public DateTimeOffset InsertedOn { get; } = insertedOn;

        public DateTimeOffset NextVisibleOn { get; set; }

        public int DequeueCount { get; set; }

        public string? PopReceipt { get; set; }
    }
}

using Digest.Core.Queueing;

namespace Digest.Core.Tests.Support;

/// <summary>
/// A FIFO queue in memory for unit tests of the stages; the durable queue's own semantics are tested against the real
/// file-system adapter in Digest.Infrastructure.Tests.
/// </summary>
internal sealed class InMemoryMessageQueue : IMessageQueue
{
    private readonly Dictionary<string, List<string>> queues = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Messages(string queue) => queues.TryGetValue(queue, out var list) ? list : [];

    public Task EnqueueAsync(string queue, string text, CancellationToken cancellationToken = default)
    {
        if (!queues.TryGetValue(queue, out var list))
        {
            queues[queue] = list = [];
        }

        list.Add(text);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
    {
        var taken = Messages(queue).Take(maxMessages)
            .Select((text, i) => new QueueMessage(i.ToString(System.Globalization.CultureInfo.InvariantCulture), "receipt", text, 1, DateTimeOffset.UnixEpoch))
            .ToList();
        return Task.FromResult<IReadOnlyList<QueueMessage>>(taken);
    }

    public Task DeleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        queues[queue].Remove(message.Text);
        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string queue, QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default)
        => Task.CompletedTask;

    public Task<int> CountAsync(string queue, CancellationToken cancellationToken = default) => Task.FromResult(Messages(queue).Count);
}

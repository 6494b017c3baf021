namespace Digest.Core.Queueing;

/// <summary>
/// A queue with Azure Storage Queue semantics: received messages become invisible for a while and come back unless
/// deleted; each receive increments the dequeue count. Delivery is at least once, so consumers must be idempotent.
/// </summary>
public interface IMessageQueue
{
    Task EnqueueAsync(string queue, string text, CancellationToken cancellationToken = default);

    /// <summary>Receives up to <paramref name="maxMessages"/> visible messages and hides them for <paramref name="visibilityTimeout"/>.</summary>
    Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default);

    /// <summary>Deletes a received message. A stale pop receipt (someone else received it since) is ignored, as the Functions host does.</summary>
    Task DeleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default);

    /// <summary>Makes a received message visible again after <paramref name="visibilityTimeout"/> (a failed attempt).</summary>
    Task ReleaseAsync(string queue, QueueMessage message, TimeSpan visibilityTimeout, CancellationToken cancellationToken = default);

    /// <summary>Number of messages in the queue, visible or not (approximate on Azure).</summary>
    Task<int> CountAsync(string queue, CancellationToken cancellationToken = default);
}

/// <summary>A received message. <see cref="PopReceipt"/> proves this receive and is needed to delete or release it.</summary>
public sealed record QueueMessage(string Id, string PopReceipt, string Text, int DequeueCount, DateTimeOffset InsertedOn);

/// <summary>Queue names; <c>-poison</c> is appended for messages that failed <c>maxDequeueCount</c> times.</summary>
public static class QueueNames
{
    public const string Articles = "articles";
    public const string PoisonSuffix = "-poison";

    public static string PoisonOf(string queue) => queue + PoisonSuffix;
}

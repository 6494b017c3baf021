namespace Digest.Core.Queueing;

/// <summary>
/// A queue with Azure Storage Queue semantics: received messages become invisible for a while and come back unless
/// deleted; each receive increments the dequeue count. Delivery is at least once, so consumers must be idempotent.
/// </summary>
public interface IMessageQueue
{
    Task EnqueueAsync(string queue, string text, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a message that stays invisible for <paramref name="initialVisibilityDelay"/> (at most 7 days) before it
    /// can be received, as Azure's Put Message with <c>visibilitytimeout</c>: how a stage schedules a retry for later
    /// without holding an invocation open. <see cref="TimeSpan.Zero"/> makes it visible at once.
    /// </summary>
    Task EnqueueAsync(string queue, string text, TimeSpan initialVisibilityDelay, CancellationToken cancellationToken = default);

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
    /// <summary>One message per source to read: <c>{"sourceId"}</c> (the feed stage).</summary>
    public const string Feeds = "feeds";

    /// <summary>One message per new feed item to download and extract (the page stage).</summary>
    public const string Pages = "pages";

    /// <summary>One message per archived article to process: <c>{"articleId", "published"}</c>.</summary>
    public const string Articles = "articles";
    public const string PoisonSuffix = "-poison";

    public static string PoisonOf(string queue) => queue + PoisonSuffix;
}

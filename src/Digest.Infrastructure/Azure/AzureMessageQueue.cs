using System.Text;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Digest.Core.Queueing;
using Digest.Infrastructure.Queueing;
using QueueMessage = Digest.Core.Queueing.QueueMessage;

namespace Digest.Infrastructure.Azure;

/// <summary>
/// <see cref="IMessageQueue"/> on Azure Storage Queues (or Azurite). The client's message encoding (base64 from
/// <see cref="StorageConnection.CreateQueueServiceClient"/>) matches the Functions queue trigger, so messages written
/// here are the ones the Functions app reads. Queues are created on first send. Poison handling is not here: it is
/// <see cref="QueueProcessor"/>'s, on any queue.
/// </summary>
public sealed class AzureMessageQueue(QueueServiceClient service, TimeProvider? clock = null) : IMessageQueue
{
    /// <summary>
    /// Messages never expire, as in the file-system queue: an article waiting out a long outage, or a poison message
    /// waiting for someone to look at it, must not vanish after the service's default seven days.
    /// </summary>
    private static readonly TimeSpan NeverExpires = TimeSpan.FromSeconds(-1);

    private readonly QueueServiceClient service = service ?? throw new ArgumentNullException(nameof(service));
    private readonly TimeProvider clock = clock ?? TimeProvider.System;

    public Task EnqueueAsync(string queue, string text, CancellationToken cancellationToken = default)
        => EnqueueAsync(queue, text, TimeSpan.Zero, cancellationToken);

    public async Task EnqueueAsync(string queue, string text, TimeSpan initialVisibilityDelay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(initialVisibilityDelay, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(initialVisibilityDelay, FileSystemMessageQueue.MaxVisibilityTimeout);
        // The same limit as the file-system queue, so that a message accepted locally is accepted on Azure (64 KiB
        // once base64-encoded) and the other way round.
        var size = Encoding.UTF8.GetByteCount(text);
        if (size > FileSystemMessageQueue.MaxTextBytes)
        {
            throw new ArgumentException(
                $"Message of {size} bytes is larger than {FileSystemMessageQueue.MaxTextBytes} bytes, the most Azure queues accept once base64-encoded.",
                nameof(text));
        }

        // Put Message takes whole seconds; round up so a message never shows before it was asked to.
        TimeSpan? delay = initialVisibilityDelay > TimeSpan.Zero
            ? TimeSpan.FromSeconds(Math.Ceiling(initialVisibilityDelay.TotalSeconds))
            : null;
        var client = Queue(queue);
        try
        {
            await client.SendMessageAsync(text, visibilityTimeout: delay, timeToLive: NeverExpires, cancellationToken);
        }
        catch (RequestFailedException exception) when (IsQueueNotFound(exception))
        {
            await client.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            await client.SendMessageAsync(text, visibilityTimeout: delay, timeToLive: NeverExpires, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, FileSystemMessageQueue.MaxMessagesPerReceive);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, FileSystemMessageQueue.MaxVisibilityTimeout);
        global::Azure.Storage.Queues.Models.QueueMessage[] received;
        try
        {
            // Get Messages takes whole seconds, at least one; round up so a message is never hidden for less than asked.
            var seconds = Math.Max(1, (int)Math.Ceiling(visibilityTimeout.TotalSeconds));
            received = (await Queue(queue).ReceiveMessagesAsync(maxMessages, TimeSpan.FromSeconds(seconds), cancellationToken)).Value;
        }
        catch (RequestFailedException exception) when (IsQueueNotFound(exception))
        {
            return [];
        }

        var now = clock.GetUtcNow();
        return received
            .Select(message => new QueueMessage(message.MessageId, message.PopReceipt, message.Body.ToString(),
                checked((int)message.DequeueCount), message.InsertedOn ?? now))
            .ToList();
    }

    public async Task DeleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            await Queue(queue).DeleteMessageAsync(message.Id, message.PopReceipt, cancellationToken);
        }
        catch (RequestFailedException exception) when (IsStaleReceipt(exception))
        {
            // Someone received it since (or it is gone): theirs to finish, as the Functions host does.
        }
    }

    public async Task ReleaseAsync(string queue, QueueMessage message, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, FileSystemMessageQueue.MaxVisibilityTimeout);
        try
        {
            // Update Message without a body keeps the text and only moves its visibility (and its pop receipt).
            await Queue(queue).UpdateMessageAsync(message.Id, message.PopReceipt, message: (BinaryData?)null,
                visibilityTimeout, cancellationToken);
        }
        catch (RequestFailedException exception) when (IsStaleReceipt(exception))
        {
            // As for delete: a stale receipt means the message is no longer ours to release.
        }
    }

    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        try
        {
            return (await Queue(queue).GetPropertiesAsync(cancellationToken)).Value.ApproximateMessagesCount;
        }
        catch (RequestFailedException exception) when (IsQueueNotFound(exception))
        {
            return 0;
        }
    }

    private QueueClient Queue(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (!FileSystemMessageQueue.IsValidQueueName(queue))
        {
            // Checked here so a bad name fails the same way on both queues, not as a service 400.
            throw new ArgumentException(
                $"Invalid queue name '{queue}': use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(queue));
        }

        return service.GetQueueClient(queue);
    }

    private static bool IsQueueNotFound(RequestFailedException exception)
        => exception.Status == 404
           && string.Equals(exception.ErrorCode, QueueErrorCode.QueueNotFound.ToString(), StringComparison.Ordinal);

    /// <summary>404 MessageNotFound / QueueNotFound, or 400 PopReceiptMismatch: what the Functions host swallows.</summary>
    private static bool IsStaleReceipt(RequestFailedException exception)
        => exception.Status == 404
           || (exception.Status == 400
               && string.Equals(exception.ErrorCode, QueueErrorCode.PopReceiptMismatch.ToString(), StringComparison.Ordinal));
}

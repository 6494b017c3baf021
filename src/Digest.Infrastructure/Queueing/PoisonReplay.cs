using Digest.Core.Queueing;

namespace Digest.Infrastructure.Queueing;

/// <summary>
/// Puts the messages of a poison queue back on the queue they came from, for another try once their cause (a full
/// disk, a storage outage, a bug since fixed) is gone. Each message is enqueued again before it is deleted from the
/// poison queue, so a crash in between leaves a duplicate, never a loss; the stages are idempotent.
/// </summary>
public static class PoisonReplay
{
    /// <summary>How long a replayed message is hidden in the poison queue while it is being moved.</summary>
    private static readonly TimeSpan MoveLease = TimeSpan.FromMinutes(5);

    /// <summary>The queue a poison queue's messages belong to, or null when <paramref name="poisonQueue"/> is not one.</summary>
    public static string? TargetOf(string poisonQueue)
    {
        ArgumentNullException.ThrowIfNull(poisonQueue);
        return poisonQueue.EndsWith(QueueNames.PoisonSuffix, StringComparison.Ordinal) && poisonQueue.Length > QueueNames.PoisonSuffix.Length
            ? poisonQueue[..^QueueNames.PoisonSuffix.Length]
            : null;
    }

    /// <summary>Moves every message of <paramref name="poisonQueue"/> back; returns how many were moved.</summary>
    public static async Task<int> ReplayAsync(IMessageQueue queue, string poisonQueue, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        var target = TargetOf(poisonQueue)
            ?? throw new ArgumentException($"'{poisonQueue}' is not a poison queue (its name must end in {QueueNames.PoisonSuffix}).", nameof(poisonQueue));
        // At most what was there when the replay began: a consumer poisoning messages again meanwhile must not make the
        // replay run for ever.
        var waiting = await queue.CountAsync(poisonQueue, cancellationToken);
        var moved = 0;
        while (moved < waiting)
        {
            var batch = await queue.ReceiveAsync(poisonQueue, Math.Min(32, waiting - moved), MoveLease, cancellationToken);
            if (batch.Count == 0)
            {
                return moved;
            }

            foreach (var message in batch)
            {
                await queue.EnqueueAsync(target, message.Text, cancellationToken);
                await queue.DeleteAsync(poisonQueue, message, cancellationToken);
                moved++;
            }
        }

        return moved;
    }
}

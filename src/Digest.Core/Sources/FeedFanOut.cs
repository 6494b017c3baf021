using Digest.Core.Feeds;
using Digest.Core.Json;
using Digest.Core.Queueing;

namespace Digest.Core.Sources;

/// <summary>
/// The fetch timer: one tiny <c>feeds</c> message per source, and nothing else, so the timer's invocation stays short
/// however many sources there are; each feed is read by its own queue-triggered invocation (<see cref="FeedHandler"/>).
/// </summary>
public static class FeedFanOut
{
    /// <summary>Queues one feed message per configured source; returns how many.</summary>
    public static async Task<int> EnqueueAsync(IMessageQueue queue, SourcesConfig config, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(config);
        foreach (var source in config.Sources)
        {
            var message = new FeedMessage(ItemIdentity.SourceId(source.Name, source.Url));
            await queue.EnqueueAsync(QueueNames.Feeds, DigestJson.SerializeLine(message), cancellationToken);
        }

        return config.Sources.Count;
    }
}

using Digest.Core.Queueing;
using Digest.Infrastructure.Hosting;
using Microsoft.Azure.Functions.Worker;

namespace Digest.Functions.Triggers;

/// <summary>One <c>feeds</c> message: read that source's feed and queue its new items on <c>pages</c>.</summary>
public sealed class ReadFeed(DigestStages stages)
{
    [Function(nameof(ReadFeed))]
    public Task RunAsync([QueueTrigger(QueueNames.Feeds)] string message, CancellationToken cancellationToken)
        => stages.ReadFeedAsync(message, cancellationToken);
}

using Digest.Core.Queueing;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Queueing;
using Microsoft.Extensions.Hosting;

namespace Digest.Cli.Serve;

/// <summary>
/// A queue trigger as the Functions host runs one (<see cref="QueueProcessor.ListenAsync"/>: host.json's batchSize,
/// newBatchThreshold, visibilityTimeout, maxDequeueCount and poison queue), calling the same stage as the Functions app.
/// </summary>
internal sealed class QueueWorker(string queueName, Func<QueueMessage, CancellationToken, Task> handler, IMessageQueue queue,
    QueueHostOptions options, DigestStorage storage, Action<string> log) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Poison records go beside the data, as digest run keeps them (state/poison/<queue>/).
        var processor = new QueueProcessor(queue, options, TimeProvider.System, log, DigestStages.IsStorageFailure, storage.Blobs);
        return processor.ListenAsync(queueName, handler, stoppingToken);
    }
}

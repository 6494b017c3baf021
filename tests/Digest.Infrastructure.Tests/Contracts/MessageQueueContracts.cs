using Digest.Core.Queueing;
using Digest.Core.Tests.Support;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Queueing;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Contracts;

public sealed class FileSystemMessageQueueContract : MessageQueueContract, IDisposable
{
    private readonly TempFolder folder = new();
    private readonly ManualTimeProvider clock = new();

    public FileSystemMessageQueueContract() => Queue = new FileSystemMessageQueue(folder.Path, clock);

    protected override IMessageQueue Queue { get; }

    protected override Task PassAsync(TimeSpan duration)
    {
        clock.Advance(duration);
        return Task.CompletedTask;
    }

    public void Dispose() => folder.Dispose();
}

public sealed class InMemoryMessageQueueContract : MessageQueueContract
{
    private readonly ManualTimeProvider clock = new();

    public InMemoryMessageQueueContract() => Queue = new InMemoryMessageQueue(clock);

    protected override IMessageQueue Queue { get; }

    protected override Task PassAsync(TimeSpan duration)
    {
        clock.Advance(duration);
        return Task.CompletedTask;
    }
}

/// <summary>Azurite keeps real time: waits are real, with a margin for its one-second granularity.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureMessageQueueContract(AzuriteFixture azurite) : MessageQueueContract
{
    protected override IMessageQueue Queue { get; } =
        new AzureMessageQueue(StorageConnection.FromConnectionString(azurite.ConnectionString).CreateQueueServiceClient());

    protected override Task PassAsync(TimeSpan duration) => Task.Delay(duration);
}

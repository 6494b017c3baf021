using System.Text;
using Azure.Storage.Queues;
using Digest.Core.Queueing;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Queueing;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Azure;

/// <summary>What only the Azure adapters do, on Azurite: the wire encoding the Functions host expects, and the host's
/// poison handling working unchanged on an Azure queue.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AzureAdapterTests(AzuriteFixture azurite)
{
    private readonly StorageConnection connection = StorageConnection.FromConnectionString(azurite.ConnectionString);

    private static string NewQueue() => "q" + Guid.NewGuid().ToString("N")[..20];

    [Fact]
    public async Task Messages_travel_base64_encoded_as_the_functions_queue_trigger_expects()
    {
        var queue = NewQueue();
        await new AzureMessageQueue(connection.CreateQueueServiceClient()).EnqueueAsync(queue, "{\"articleId\":\"a1\"}");

        var raw = connection.CreateQueueServiceClient(QueueMessageEncoding.None).GetQueueClient(queue);
        var peeked = Assert.Single((await raw.PeekMessagesAsync(1)).Value);

        Assert.Equal(Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"articleId\":\"a1\"}")), peeked.Body.ToString());
    }

    [Fact]
    public async Task A_message_sent_base64_by_another_client_is_read_as_text()
    {
        var queue = NewQueue();
        var other = connection.CreateQueueServiceClient(QueueMessageEncoding.None).GetQueueClient(queue);
        await other.CreateIfNotExistsAsync();
        await other.SendMessageAsync(Convert.ToBase64String(Encoding.UTF8.GetBytes("héllo")));

        var message = Assert.Single(await new AzureMessageQueue(connection.CreateQueueServiceClient())
            .ReceiveAsync(queue, 1, TimeSpan.FromMinutes(1)));

        Assert.Equal("héllo", message.Text);
    }

    [Fact]
    public async Task The_queue_processor_poisons_a_failing_message_on_an_azure_queue()
    {
        var queue = NewQueue();
        var messages = new AzureMessageQueue(connection.CreateQueueServiceClient());
        await messages.EnqueueAsync(queue, "bad");
        await messages.EnqueueAsync(queue, "good");
        var processor = new QueueProcessor(messages, new QueueHostOptions { MaxDequeueCount = 2 }, TimeProvider.System);

        var result = await processor.DrainAsync(queue, (message, _) =>
            message.Text == "bad" ? throw new InvalidDataException("cannot parse") : Task.CompletedTask);

        Assert.Equal(1, result.Succeeded);
        Assert.Equal(1, result.Poisoned);
        Assert.Equal(0, await messages.CountAsync(queue));
        var poisoned = Assert.Single(await messages.ReceiveAsync(QueueNames.PoisonOf(queue), 32, TimeSpan.FromMinutes(1)));
        Assert.Equal("bad", poisoned.Text);
    }
}

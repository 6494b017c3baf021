using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Hosting;

namespace Digest.Cli.Hosting;

/// <summary>
/// Blobs and queues on Azure Storage (or Azurite) for the local host, in place of the data folder's; the data folder
/// still holds the run lock and the outbox. Kept beside <see cref="EmbeddedHost"/> so the host itself only chooses.
/// </summary>
internal sealed class AzureStorage(StorageConnection connection)
{
    public AzureBlobStore Blobs { get; } = new(connection.CreateBlobServiceClient());

    /// <summary>Encoded as host.json says (base64 by default), so the Functions app and this host read each other's messages.</summary>
    public AzureMessageQueue CreateQueue(QueueHostOptions options)
        => new(connection.CreateQueueServiceClient(StorageConnection.EncodingOf(options.MessageEncoding)));
}

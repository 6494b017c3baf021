using Digest.Core.Queueing;
using Digest.Core.Storage;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.FileSystem;
using Digest.Infrastructure.Queueing;
using Digest.Infrastructure.Storage;

namespace Digest.Infrastructure.Hosting;

/// <summary>
/// Where blobs and queues live: an Azure Storage account (or Azurite), or the embedded data folder, which this process
/// then locks for as long as it runs (one process at a time works on a data folder).
/// </summary>
public sealed class DigestStorage : IDisposable
{
    private readonly DataFolderLock? folderLock;

    private DigestStorage(IBlobStore blobs, IMessageQueue queue, FileSystemMessageQueue? fileQueue, DataFolderLock? folderLock,
        string description)
    {
        Blobs = blobs;
        Queue = queue;
        FileQueue = fileQueue;
        this.folderLock = folderLock;
        Description = description;
    }

    public IBlobStore Blobs { get; }

    public IMessageQueue Queue { get; }

    /// <summary>The data folder's queue when storage is embedded: its in-flight messages were left by a process that died.</summary>
    public FileSystemMessageQueue? FileQueue { get; }

    /// <summary>True when this process owns the storage (the locked data folder): a fold lease there was left by a dead run.</summary>
    public bool OwnsStorage => folderLock is not null;

    /// <summary>Where the data is, for the log: a folder or the service endpoints; never a key.</summary>
    public string Description { get; }

    public static DigestStorage Open(DigestSettings settings, Action<string> warning)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Storage is { } connection)
        {
            return new DigestStorage(new AzureBlobStore(connection.CreateBlobServiceClient()),
                new AzureMessageQueue(connection.CreateQueueServiceClient(StorageConnection.EncodingOf(settings.Queues.MessageEncoding))),
                fileQueue: null, folderLock: null, $"{connection.BlobServiceUri} and {connection.QueueServiceUri}");
        }

        Directory.CreateDirectory(settings.DataDirectory);
        var folderLock = DataFolderLock.Acquire(settings.DataDirectory);
        var queue = new FileSystemMessageQueue(Path.Combine(settings.DataDirectory, "queues"), TimeProvider.System, warning);
        return new DigestStorage(new FileSystemBlobStore(settings.DataDirectory), queue, queue, folderLock, settings.DataDirectory);
    }

    public void Dispose() => folderLock?.Dispose();
}

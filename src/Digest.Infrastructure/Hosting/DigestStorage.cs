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

    private readonly Func<string, string, string> locate;

    private DigestStorage(IBlobStore blobs, IMessageQueue queue, FileSystemMessageQueue? fileQueue, DataFolderLock? folderLock,
        string description, Func<string, string, string> locate)
    {
        Blobs = blobs;
        Queue = queue;
        FileQueue = fileQueue;
        this.folderLock = folderLock;
        Description = description;
        this.locate = locate;
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
        return Open(settings.Storage, settings.DataDirectory, settings.Queues.MessageEncoding, warning);
    }

    /// <summary>
    /// The storage account of <paramref name="connection"/>, queue messages encoded as host.json says (so the Functions
    /// app and the CLI read each other's), or, without one, the data folder, locked (<see cref="DataFolderBusyException"/>
    /// when another process has it).
    /// </summary>
    public static DigestStorage Open(StorageConnection? connection, string dataDirectory, string messageEncoding, Action<string> warning)
    {
        ArgumentNullException.ThrowIfNull(dataDirectory);
        if (connection is not null)
        {
            var blobs = new AzureBlobStore(connection.CreateBlobServiceClient());
            return new DigestStorage(blobs,
                new AzureMessageQueue(connection.CreateQueueServiceClient(StorageConnection.EncodingOf(messageEncoding))),
                fileQueue: null, folderLock: null, $"{connection.BlobServiceUri} and {connection.QueueServiceUri}",
                (container, path) => blobs.UriOf(container, path).AbsoluteUri);
        }

        Directory.CreateDirectory(dataDirectory);
        var folderLock = DataFolderLock.Acquire(dataDirectory);
        var queue = new FileSystemMessageQueue(Path.Combine(dataDirectory, "queues"), TimeProvider.System, warning);
        var files = new FileSystemBlobStore(dataDirectory);
        return new DigestStorage(files, queue, queue, folderLock, dataDirectory, files.FilePathOf);
    }

    /// <summary>Where a blob is, for telling the user where to look: its file in the data folder, or its URI.</summary>
    public string PathOf(string container, string blobPath) => locate(container, blobPath);

    public void Dispose() => folderLock?.Dispose();
}

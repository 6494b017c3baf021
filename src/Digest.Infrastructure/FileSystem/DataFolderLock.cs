namespace Digest.Infrastructure.FileSystem;

/// <summary>
/// One process at a time works on a data folder: <c>&lt;data&gt;/.lock</c>, held open with <see cref="FileShare.None"/>
/// (an OS lock, released by the OS when the process dies). Holding it is what lets a host treat messages left in flight
/// as orphans of a dead run.
/// </summary>
public sealed class DataFolderLock : IDisposable
{
    private readonly FileStream stream;

    private DataFolderLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock, or fails at once with a message that says what to do.</summary>
    public static DataFolderLock Acquire(string dataDirectory)
    {
        var path = Path.Combine(Path.GetFullPath(dataDirectory), ".lock");
        try
        {
            return new DataFolderLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1));
        }
        catch (IOException ex)
        {
            throw new DataFolderBusyException(
                $"Another digest process is using the data folder {Path.GetDirectoryName(path)}; wait for it to finish or use another --data.", ex);
        }
    }

    public void Dispose() => stream.Dispose();
}

public sealed class DataFolderBusyException : Exception
{
    public DataFolderBusyException() { }
    public DataFolderBusyException(string message) : base(message) { }
    public DataFolderBusyException(string message, Exception innerException) : base(message, innerException) { }
}

using System.Collections.Concurrent;
using System.Diagnostics;

namespace Digest.Infrastructure.FileSystem;

/// <summary>
/// An exclusive lock that holds across threads and processes: a lock file opened with <see cref="FileShare.None"/>
/// (an OS-level lock on every platform .NET runs on). Threads of one process first queue on an in-process semaphore,
/// so they wait without spinning; only processes compete by retrying the open.
/// The lock file is never deleted: deleting it would let a waiter lock the old inode while a newcomer locks a new one.
/// </summary>
internal sealed class FileLock : IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new(StringComparer.Ordinal);
    private static readonly TimeSpan AcquireTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMilliseconds(50);

    private readonly FileStream stream;
    private readonly SemaphoreSlim gate;
    private bool disposed;

    private FileLock(FileStream stream, SemaphoreSlim gate)
    {
        this.stream = stream;
        this.gate = gate;
    }

    /// <summary>Takes the lock at <paramref name="lockPath"/>; its folder must exist.</summary>
    public static async Task<FileLock> AcquireAsync(string lockPath, CancellationToken cancellationToken)
    {
        var fullPath = Path.GetFullPath(lockPath);
        var gate = Gates.GetOrAdd(fullPath, _ => new SemaphoreSlim(1, 1));
        if (!await gate.WaitAsync(AcquireTimeout, cancellationToken))
        {
            throw new IOException($"Timed out after {AcquireTimeout.TotalSeconds:0} s waiting for the lock '{fullPath}'.");
        }

        try
        {
            var stream = await OpenExclusiveAsync(fullPath, cancellationToken);
            return new FileLock(stream, gate);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    private static async Task<FileStream> OpenExclusiveAsync(string fullPath, CancellationToken cancellationToken)
    {
        var stopwatch = Stopwatch.StartNew();
        var delay = TimeSpan.FromMilliseconds(1);
        while (true)
        {
            try
            {
                return new FileStream(fullPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None, bufferSize: 1);
            }
            catch (IOException exception) when (File.Exists(fullPath) || Directory.Exists(Path.GetDirectoryName(fullPath)))
            {
                // Another process holds the lock. Wait a little (with jitter so that waiters do not march in step).
                if (stopwatch.Elapsed > AcquireTimeout)
                {
                    throw new IOException(
                        $"Timed out after {AcquireTimeout.TotalSeconds:0} s waiting for the lock '{fullPath}', held by another process.",
                        exception);
                }

                var jittered = delay * (0.5 + Random.Shared.NextDouble());
                await Task.Delay(jittered, cancellationToken);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
            }
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        stream.Dispose();
        gate.Release();
    }
}

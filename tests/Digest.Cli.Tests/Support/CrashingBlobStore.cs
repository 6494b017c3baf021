using Digest.Core.Storage;

namespace Digest.Cli.Tests.Support;

/// <summary>
/// A blob store that "kills the process" after a given number of writes: the write that crosses the limit and
/// everything after it fail, as if the machine had stopped. Counting mode (no limit) tells how many writes a run makes.
/// </summary>
internal sealed class CrashingBlobStore(IBlobStore inner, int? crashAtWrite, CancellationTokenSource process) : IBlobStore
{
    private int writes;

    public int Writes => writes;

    public Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default)
    {
        ThrowIfDead();
        return inner.GetAsync(container, path, cancellationToken);
    }

    public async Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType,
        BlobCondition condition = default, CancellationToken cancellationToken = default)
    {
        Count();
        return await inner.PutAsync(container, path, content, contentType, condition, cancellationToken);
    }

    public IAsyncEnumerable<string> ListAsync(string container, string prefix = "", CancellationToken cancellationToken = default)
    {
        ThrowIfDead();
        return inner.ListAsync(container, prefix, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default, CancellationToken cancellationToken = default)
    {
        Count();
        return await inner.DeleteAsync(container, path, condition, cancellationToken);
    }

    private void Count()
    {
        ThrowIfDead();
        if (Interlocked.Increment(ref writes) == crashAtWrite)
        {
            process.Cancel();
            ThrowIfDead();
        }
    }

    private void ThrowIfDead()
    {
        if (process.IsCancellationRequested)
        {
            throw new OperationCanceledException("Simulated crash.", process.Token);
        }
    }
}

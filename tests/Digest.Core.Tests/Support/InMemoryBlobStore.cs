using System.Runtime.CompilerServices;
using Digest.Core.Storage;

namespace Digest.Core.Tests.Support;

/// <summary>
/// A faithful in-memory <see cref="IBlobStore"/>: every write gets a fresh ETag, If-Match and If-None-Match: * are checked
/// atomically with the write, and all operations are thread-safe, so optimistic-concurrency code can be tested for real.
/// </summary>
public sealed class InMemoryBlobStore : IBlobStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<(string Container, string Path), StoredBlob> blobs = [];
    private readonly Dictionary<string, int> reads = new(StringComparer.Ordinal);
    private long version;

    /// <summary>Number of conditional writes that failed their precondition (shows that contention really happened).</summary>
    public int PreconditionFailures { get; private set; }

    /// <summary>Number of reads of blobs in <paramref name="container"/> so far: how much I/O a step costs, untimed.</summary>
    public int ReadsOf(string container)
    {
        lock (gate)
        {
            return reads.GetValueOrDefault(container);
        }
    }

    public Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            reads[container] = reads.GetValueOrDefault(container) + 1;
            return Task.FromResult(blobs.TryGetValue((container, path), out var blob) ? blob with { Content = blob.Content.ToArray() } : null);
        }
    }

    public async Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType,
        BlobCondition condition = default, CancellationToken cancellationToken = default)
    {
        // Yield so parallel callers genuinely interleave between their read and their write.
        await Task.Yield();
        lock (gate)
        {
            blobs.TryGetValue((container, path), out var existing);
            Check(condition, existing);
            var etag = "\"" + (++version).ToString(System.Globalization.CultureInfo.InvariantCulture) + "\"";
            blobs[(container, path)] = new StoredBlob(content.ToArray(), etag, contentType);
            return etag;
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix = "",
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        List<string> paths;
        lock (gate)
        {
            paths = blobs.Keys.Where(k => k.Container == container && k.Path.StartsWith(prefix, StringComparison.Ordinal))
                .Select(k => k.Path).Order(StringComparer.Ordinal).ToList();
        }

        foreach (var path in paths)
        {
            await Task.Yield();
            yield return path;
        }
    }

    public Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            if (!blobs.TryGetValue((container, path), out var existing))
            {
                if (condition.IfMatch is not null)
                {
                    PreconditionFailures++;
                    throw new BlobPreconditionFailedException($"{container}/{path} does not exist.");
                }

                return Task.FromResult(false);
            }

            Check(condition, existing);
            blobs.Remove((container, path));
            return Task.FromResult(true);
        }
    }

    private void Check(BlobCondition condition, StoredBlob? existing)
    {
        if (condition.IfNoneMatchAny && existing is not null)
        {
            PreconditionFailures++;
            throw new BlobPreconditionFailedException("The blob already exists.");
        }

        // If-Match: * matches any existing version, as in HTTP and Azure.
        if (condition.IfMatch is not null
            && (existing is null || (condition.IfMatch != "*" && !string.Equals(existing.ETag, condition.IfMatch, StringComparison.Ordinal))))
        {
            PreconditionFailures++;
            throw new BlobPreconditionFailedException("The blob's ETag does not match.");
        }
    }
}

namespace Digest.Core.Storage;

/// <summary>
/// Blob storage as the product sees it: containers of named blobs with ETags, the same model as Azure Blob Storage,
/// so that the embedded file-system store and the Azure adapter are interchangeable.
/// </summary>
public interface IBlobStore
{
    /// <summary>Reads a blob, or returns null when it does not exist.</summary>
    Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a blob atomically: readers see the old content or the new one, never a mix.
    /// Returns the new ETag. Throws <see cref="BlobPreconditionFailedException"/> when <paramref name="condition"/> does not hold.
    /// </summary>
    Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType,
        BlobCondition condition = default, CancellationToken cancellationToken = default);

    /// <summary>Lists blob paths under a prefix in ordinal order.</summary>
    IAsyncEnumerable<string> ListAsync(string container, string prefix = "", CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes a blob; returns false when it did not exist. With If-Match, a missing blob fails the condition
    /// (<see cref="BlobPreconditionFailedException"/>), as Azure answers 412.
    /// </summary>
    Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default, CancellationToken cancellationToken = default);
}

/// <summary>A blob's content and the ETag that identifies this version of it.</summary>
public sealed record StoredBlob(ReadOnlyMemory<byte> Content, string ETag, string ContentType);

/// <summary>Conditional-write semantics of HTTP / Azure Storage: If-Match and If-None-Match: *.</summary>
public readonly record struct BlobCondition(string? IfMatch, bool IfNoneMatchAny)
{
    public static BlobCondition None => default;

    /// <summary>Succeeds only if the blob does not exist yet (If-None-Match: *).</summary>
    public static BlobCondition IfNotExists => new(null, true);

    /// <summary>Succeeds only if the blob still has this ETag (If-Match).</summary>
    public static BlobCondition IfMatches(string etag) => new(etag, false);
}

/// <summary>The condition of a conditional write or delete did not hold (HTTP 412 / 409 BlobAlreadyExists).</summary>
public sealed class BlobPreconditionFailedException : Exception
{
    public BlobPreconditionFailedException() { }
    public BlobPreconditionFailedException(string message) : base(message) { }
    public BlobPreconditionFailedException(string message, Exception innerException) : base(message, innerException) { }
}

using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Digest.Core.Storage;

namespace Digest.Infrastructure.Azure;

/// <summary>
/// <see cref="IBlobStore"/> on Azure Blob Storage (or Azurite): one block blob per blob, its content type in the
/// blob's Content-Type, the service's ETag as ours. Containers are created on first write, so a fresh account needs
/// no set-up.
/// </summary>
public sealed class AzureBlobStore : IBlobStore
{
    /// <summary>The most names List Blobs returns per page.</summary>
    public const int MaxListPageSize = 5000;

    private readonly BlobServiceClient service;
    private readonly int listPageSize;

    /// <param name="service">From <see cref="StorageConnection.CreateBlobServiceClient"/>.</param>
    /// <param name="listPageSize">Names per List Blobs request; smaller only so that tests can cross pages cheaply.</param>
    public AzureBlobStore(BlobServiceClient service, int listPageSize = MaxListPageSize)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentOutOfRangeException.ThrowIfLessThan(listPageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(listPageSize, MaxListPageSize);
        this.service = service;
        this.listPageSize = listPageSize;
    }

    /// <summary>The blob's URI (no credentials), for telling people where to look.</summary>
    public Uri UriOf(string container, string path) => Blob(container, path).Uri;

    public async Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default)
    {
        try
        {
            var downloaded = (await Blob(container, path).DownloadContentAsync(cancellationToken)).Value;
            return new StoredBlob(downloaded.Content.ToMemory(), ETagText(downloaded.Details.ETag),
                downloaded.Details.ContentType ?? "application/octet-stream");
        }
        catch (RequestFailedException exception) when (exception.Status == 404)
        {
            // BlobNotFound or ContainerNotFound: either way there is no such blob.
            return null;
        }
    }

    public async Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType,
        BlobCondition condition = default, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(contentType);
        var blob = Blob(container, path);
        var options = new BlobUploadOptions
        {
            HttpHeaders = new BlobHttpHeaders { ContentType = contentType },
            Conditions = ToRequestConditions(condition),
        };
        var data = BinaryData.FromBytes(content);
        try
        {
            try
            {
                return ETagText((await blob.UploadAsync(data, options, cancellationToken)).Value.ETag);
            }
            catch (RequestFailedException exception) when (IsContainerNotFound(exception))
            {
                // First write to this container: create it and write again (with the same condition, so If-Match on
                // the now existing but empty container still fails as it must).
                await Container(container).CreateIfNotExistsAsync(cancellationToken: cancellationToken);
                return ETagText((await blob.UploadAsync(data, options, cancellationToken)).Value.ETag);
            }
        }
        catch (RequestFailedException exception) when (IsPreconditionFailure(exception))
        {
            throw new BlobPreconditionFailedException(
                $"Blob '{container}/{path}': condition {Describe(condition)} does not hold ({exception.ErrorCode}).", exception);
        }
    }

    public async IAsyncEnumerable<string> ListAsync(string container, string prefix = "",
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        var pages = Container(container)
            .GetBlobsAsync(new GetBlobsOptions { Prefix = prefix.Length == 0 ? null : prefix }, cancellationToken)
            .AsPages(pageSizeHint: listPageSize);
        await using var enumerator = pages.GetAsyncEnumerator(cancellationToken);
        while (true)
        {
            Page<BlobItem> page;
            try
            {
                if (!await enumerator.MoveNextAsync())
                {
                    yield break;
                }

                page = enumerator.Current;
            }
            catch (RequestFailedException exception) when (IsContainerNotFound(exception))
            {
                // Nothing was ever written to this container.
                yield break;
            }

            // The service lists in ordinal order of names (UTF-8 bytes, which for names without surrogate pairs is the
            // ordinal order of UTF-16 that IBlobStore promises), page after page.
            foreach (var item in page.Values)
            {
                yield return item.Name;
            }
        }
    }

    public async Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default,
        CancellationToken cancellationToken = default)
    {
        try
        {
            var deleted = (await Blob(container, path).DeleteIfExistsAsync(DeleteSnapshotsOption.IncludeSnapshots,
                ToRequestConditions(condition), cancellationToken)).Value;
            if (!deleted && condition.IfMatch is not null)
            {
                // Only a missing container gets here (a missing blob in an existing one is a 412): to IBlobStore a
                // container that was never written is an empty one, so If-Match fails the same way.
                throw new BlobPreconditionFailedException(
                    $"Blob '{container}/{path}' does not exist ({Describe(condition)}).");
            }

            return deleted;
        }
        catch (RequestFailedException exception) when (IsPreconditionFailure(exception))
        {
            throw new BlobPreconditionFailedException(
                $"Blob '{container}/{path}': condition {Describe(condition)} does not hold ({exception.ErrorCode}).", exception);
        }
    }

    private BlobContainerClient Container(string container) => service.GetBlobContainerClient(container);

    private BlobClient Blob(string container, string path)
    {
        ArgumentNullException.ThrowIfNull(container);
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Container(container).GetBlobClient(path);
    }

    private static BlobRequestConditions? ToRequestConditions(BlobCondition condition)
    {
        if (condition.IfMatch is null && !condition.IfNoneMatchAny)
        {
            return null;
        }

        return new BlobRequestConditions
        {
            IfMatch = condition.IfMatch switch
            {
                null => null,
                "*" => ETag.All,
                var etag => new ETag(etag),
            },
            IfNoneMatch = condition.IfNoneMatchAny ? ETag.All : null,
        };
    }

    /// <summary>
    /// 412 ConditionNotMet for If-Match, 409 BlobAlreadyExists for If-None-Match: * on a plain write (the service
    /// reports a lost create race as a conflict, not a precondition).
    /// </summary>
    private static bool IsPreconditionFailure(RequestFailedException exception)
        => exception.Status == 412
           || (exception.Status == 409 && string.Equals(exception.ErrorCode, BlobErrorCode.BlobAlreadyExists.ToString(),
               StringComparison.Ordinal));

    private static bool IsContainerNotFound(RequestFailedException exception)
        => exception.Status == 404
           && string.Equals(exception.ErrorCode, BlobErrorCode.ContainerNotFound.ToString(), StringComparison.Ordinal);

    /// <summary>The quoted header form, as HTTP and the file-system store write ETags.</summary>
    private static string ETagText(ETag etag) => etag.ToString("H");

    private static string Describe(BlobCondition condition)
        => condition.IfNoneMatchAny ? "If-None-Match: *" : "If-Match: " + condition.IfMatch;
}

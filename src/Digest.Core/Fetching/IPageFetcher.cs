namespace Digest.Core.Fetching;

/// <summary>
/// Downloads one document (feed or page) over http(s) or file:, with a timeout, a size cap and a redirect limit,
/// and conditional GET when validators are given.
/// </summary>
public interface IPageFetcher
{
    Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default);
}

/// <summary>One document to fetch, with validators for a conditional GET.</summary>
/// <param name="AllowFile">
/// True only for what the operator named: a file: feed of the sources file, and pages in that feed's folder. A file:
/// link from a feed, a page or a redirect is hostile input (it could point at /etc/passwd or a device) and is refused
/// when this is false.
/// </param>
public sealed record FetchRequest(Uri Uri, string? ETag = null, string? LastModified = null, bool AllowFile = false);

/// <summary>
/// The outcome of a successful request. <see cref="NotModified"/> is true for a 304 answer to a conditional GET,
/// in which case <see cref="Content"/> is empty.
/// </summary>
public sealed record FetchResult(
    Uri FinalUri,
    bool NotModified,
    byte[] Content,
    string? ContentType,
    string? ETag,
    string? LastModified);

/// <summary>A fetch failed for a reason worth reporting to the user (status code, timeout, too large, too many redirects, a refused destination).</summary>
public sealed class FetchException : Exception
{
    public FetchException() { }
    public FetchException(string message) : base(message) { }
    public FetchException(string message, Exception innerException) : base(message, innerException) { }
}

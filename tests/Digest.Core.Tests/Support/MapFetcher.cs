using System.Text;
using Digest.Core.Fetching;

namespace Digest.Core.Tests.Support;

/// <summary>
/// Serves documents from a dictionary, with ETags and 304s, and records every request. The HTTP adapter itself is
/// tested against Kestrel in Digest.Infrastructure.Tests.
/// </summary>
internal sealed class MapFetcher : IPageFetcher
{
    private readonly Dictionary<Uri, (byte[] Content, string ContentType)> documents = [];
    private readonly HashSet<Uri> failing = [];

    public List<FetchRequest> Requests { get; } = [];

    public void Serve(string uri, string content, string contentType = "text/html")
    {
        lock (documents)
        {
            documents[new Uri(uri)] = (Encoding.UTF8.GetBytes(content), contentType);
        }
    }

    public void Fail(string uri) => failing.Add(new Uri(uri));

    public void Heal(string uri) => failing.Remove(new Uri(uri));

    /// <summary>Runs instead of serving <see cref="Throwing"/>'s URI: a fetcher bug or an unexpected exception.</summary>
    public Dictionary<Uri, Exception> Throwing { get; } = [];

    public Task<FetchResult> FetchAsync(FetchRequest request, CancellationToken cancellationToken = default)
    {
        // The fetch stage fetches sources and pages concurrently.
        lock (documents)
        {
            return Fetch(request);
        }
    }

    private Task<FetchResult> Fetch(FetchRequest request)
    {
        Requests.Add(request);
        if (Throwing.TryGetValue(request.Uri, out var exception))
        {
            throw exception;
        }

        if (failing.Contains(request.Uri))
        {
            throw new FetchException($"{request.Uri}: HTTP 503 Service Unavailable");
        }

        if (!documents.TryGetValue(request.Uri, out var document))
        {
            throw new FetchException($"{request.Uri}: HTTP 404 Not Found");
        }

        var etag = "\"" + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(document.Content))[..12] + "\"";
        return Task.FromResult(request.ETag == etag
            ? new FetchResult(request.Uri, NotModified: true, [], document.ContentType, etag, null)
            : new FetchResult(request.Uri, NotModified: false, document.Content, document.ContentType, etag, null));
    }
}

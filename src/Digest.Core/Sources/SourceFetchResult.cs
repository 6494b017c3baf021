namespace Digest.Core.Sources;

/// <summary>What one source gave in one fetch: new articles queued, pages that were not articles, failures.</summary>
public sealed record SourceFetchResult(
    string SourceId,
    string Name,
    int NewArticles,
    int NotArticles,
    int PageFailures,
    bool NotModified,
    string? Error)
{
    public bool Failed => Error is not null;
}

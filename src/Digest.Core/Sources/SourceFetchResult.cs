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

    /// <summary>New items left for a later run: over this run's budget, or waiting for a retry.</summary>
    public int Deferred { get; init; }
}

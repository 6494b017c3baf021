namespace Digest.Core.Sources;

/// <summary>
/// What one source gave in one run: new articles queued, pages that were not articles, failures. The feed stage fills
/// in the feed's part (<see cref="PagesQueued"/>, items without a link, <see cref="Deferred"/>); the host adds what the
/// page stage made of the queued pages.
/// </summary>
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

    /// <summary>Page messages the feed stage queued for the page stage.</summary>
    public int PagesQueued { get; init; }

    /// <summary>
    /// This feed read's result with what the page stage made of the source's pages: archived pages are its new
    /// articles; a failed page waiting for its retry is a page failure and an item left for later.
    /// </summary>
    public SourceFetchResult WithPages(IEnumerable<PageResult> pages)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var outcomes = pages.ToList();
        int Count(params PageResult[] kinds) => outcomes.Count(kinds.Contains);
        return this with
        {
            NewArticles = NewArticles + Count(PageResult.Archived),
            NotArticles = NotArticles + Count(PageResult.NotArticle),
            PageFailures = PageFailures + Count(PageResult.RetryLater, PageResult.GaveUp),
            Deferred = Deferred + Count(PageResult.RetryLater, PageResult.NotDue),
        };
    }
}

namespace Digest.Core.Sources;

/// <summary>What the page stage did with one page message, for the run's summary per source.</summary>
public sealed record PageOutcome(string SourceId, PageResult Result);

public enum PageResult
{
    /// <summary>Archived and queued on <c>articles</c> (or found archived already and queued again unless processed).</summary>
    Archived,

    /// <summary>Downloaded, but not an article (index, tag, search, login page): reported, not archived.</summary>
    NotArticle,

    /// <summary>Failed; sent again to be retried after its backoff.</summary>
    RetryLater,

    /// <summary>Failed for the last allowed time; given up.</summary>
    GaveUp,

    /// <summary>A retry that came early (the queue's clock ran ahead of the stage's); sent again for the rest of its wait.</summary>
    NotDue,

    /// <summary>The source is no longer in the sources file.</summary>
    Dropped,
}

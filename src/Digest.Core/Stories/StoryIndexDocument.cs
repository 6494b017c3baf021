namespace Digest.Core.Stories;

/// <summary>
/// The clustering state shared by all workers, stored as one JSON document at <c>state/story-index.json</c> and replaced
/// with If-Match on every attach (public contract; camelCase JSON). It holds only ACTIVE stories — ones updated within
/// <see cref="StoryOptions.QuietPeriod"/> of <see cref="StreamTime"/> — plus a bounded document-frequency table, so its
/// size does not grow with the archive. Dormant stories live on in <c>stories/&lt;storyId&gt;.json</c> only.
/// </summary>
public sealed record StoryIndexDocument
{
    public int Version { get; init; } = 1;

    /// <summary>Latest article time seen; dormancy is judged against it, never against the wall clock.</summary>
    public DateTimeOffset? StreamTime { get; init; }

    /// <summary>Articles counted into <see cref="DocumentFrequencies"/>.</summary>
    public long Documents { get; init; }

    /// <summary>Term → number of articles containing it (stemmed words, and "e:" + entity).</summary>
    public IReadOnlyDictionary<string, int> DocumentFrequencies { get; init; } = new Dictionary<string, int>();

    /// <summary>Active stories, in the order they started.</summary>
    public IReadOnlyList<StoryIndexEntry> Stories { get; init; } = [];

    /// <summary>
    /// Key of the last article folded into this state (<c>Processing.PendingArticle.Key</c>), and its publication day:
    /// kept in the same document as the state so that the two can never disagree after a crash.
    /// </summary>
    public string? FoldedThrough { get; init; }

    public DateOnly? FoldedDay { get; init; }
}

/// <summary>One active story in <see cref="StoryIndexDocument"/>.</summary>
public sealed record StoryIndexEntry
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastUpdated { get; init; }

    /// <summary>Articles in the order they joined.</summary>
    public required IReadOnlyList<string> ArticleIds { get; init; }

    /// <summary>Sum of the members' weighted term counts, heaviest <see cref="StoryOptions.CentroidTerms"/> terms only.</summary>
    public required IReadOnlyDictionary<string, double> Centroid { get; init; }

    /// <summary>
    /// Members that joined as copies of an earlier member (wire copy). Kept here so that an attach retried after a crash
    /// between the index write and the story write records the copy as such, exactly as the first attempt would have.
    /// </summary>
    public IReadOnlyList<string> NearDuplicateArticleIds { get; init; } = [];

    /// <summary>
    /// How alike the members are: the estimated sum of their pairwise similarities, each member with itself included
    /// (so 1 for a single article, the member count squared for identical ones). The story's cohesion is its root over
    /// the member count. Null in states written before it was kept: read as fully cohesive.
    /// </summary>
    public double? SimilaritySum { get; init; }

    /// <summary>Base64 MinHash signatures (64 × uint32, little-endian) of the most recent members.</summary>
    public required IReadOnlyList<string> Signatures { get; init; }
}

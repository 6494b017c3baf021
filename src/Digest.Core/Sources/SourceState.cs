namespace Digest.Core.Sources;

/// <summary>
/// What the product remembers about one source between runs, <c>state/sources/&lt;sourceId&gt;.json</c>.
/// JSON fields are a public contract (README).
/// </summary>
public sealed record SourceState
{
    public required string SourceId { get; init; }
    public required string Name { get; init; }
    public required Uri Url { get; init; }

    /// <summary>Validators of the last feed document received, for conditional GET.</summary>
    public string? ETag { get; init; }
    public string? LastModified { get; init; }

    /// <summary>Article ids of items already handled, newest last; capped at <see cref="SeenLimit"/>.</summary>
    public IReadOnlyList<string> SeenIds { get; init; } = [];

    /// <summary>
    /// Items whose page failed to download, waiting for their next attempt, as versions before the page stage kept
    /// them. Read so that an upgrade loses no retry: the feed stage hands each to the page queue when it is due (with
    /// its failures so far) and removes it. New failures are retried through the <c>pages</c> queue instead.
    /// </summary>
    public IReadOnlyList<FailedItem> FailedItems { get; init; } = [];

    public int ConsecutiveFailures { get; init; }
    public DateTimeOffset? LastSuccess { get; init; }
    public DateTimeOffset? LastAttempt { get; init; }
    public string? LastError { get; init; }

    /// <summary>
    /// Feeds carry their latest few dozen items, so a few thousand remembered ids cover years of a busy feed while
    /// keeping the state document small.
    /// </summary>
    public const int SeenLimit = 5000;
}

/// <summary>
/// An item whose page could not be fetched, as versions before the page stage recorded it in the source state (see
/// <see cref="SourceState.FailedItems"/>; today's failures are <see cref="PageFailure"/> records).
/// </summary>
public sealed record FailedItem
{
    public required string ArticleId { get; init; }
    public Uri? Url { get; init; }
    public required int Failures { get; init; }

    /// <summary>When the item was first seen in the feed: the base of the publication-time bound.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    public required DateTimeOffset NextAttempt { get; init; }
    public string? LastError { get; init; }
}

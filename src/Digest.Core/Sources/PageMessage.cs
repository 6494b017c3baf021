namespace Digest.Core.Sources;

/// <summary>
/// The message the feed stage sends for each new item (queue <c>pages</c>, JSON; README, "The daily cycle"): all the
/// page stage needs from the feed read, so that downloading a page never reads the feed or the source state again.
/// </summary>
/// <remarks>
/// A failed download is not lost: the page stage sends the message again with <see cref="Attempts"/> one higher,
/// hidden until <see cref="NotBefore"/>. The message is the retry's only state; <c>state/page-failures/</c> is a
/// record for people.
/// </remarks>
public sealed record PageMessage
{
    public required string SourceId { get; init; }

    /// <summary>The source's name when the item was read, for reports about a source no longer configured.</summary>
    public required string Source { get; init; }

    public required string ArticleId { get; init; }

    /// <summary>The item's link: http(s), or file: beside an operator's file feed (the feed parser drops anything else).</summary>
    public required Uri Link { get; init; }

    /// <summary>The feed's title of the item, used when the page has none (cut to <see cref="MaxTitleLength"/>).</summary>
    public string? Title { get; init; }

    /// <summary>The feed's publication date of the item, used when the page gives none.</summary>
    public DateTimeOffset? Published { get; init; }

    /// <summary>When Digest first saw the item in the feed: the base of the publication-time bound.</summary>
    public required DateTimeOffset FirstSeen { get; init; }

    /// <summary>Whether the source had been read successfully before this item appeared (<see cref="PublicationBound"/>).</summary>
    public bool FollowedBefore { get; init; }

    /// <summary>Whether the link may be read from a file: the feed stage's <see cref="FileLinks.IsBesideFileFeed"/> decision.</summary>
    public bool AllowFile { get; init; }

    /// <summary>Failed downloads so far.</summary>
    public int Attempts { get; init; }

    /// <summary>Not to be tried before this time (a retry's backoff), by the stage's clock.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>A feed title is only a fallback for the page's own; a hostile one must not make the message too large to send.</summary>
    public const int MaxTitleLength = 1000;

    /// <summary>
    /// A page message must fit a queue message (48 KiB of text) with room to spare; an item whose link alone is
    /// larger is not a page anyone links to.
    /// </summary>
    public const int MaxBytes = 32 * 1024;
}

namespace Digest.Core.Feeds;

/// <summary>A parsed feed of any supported format (RSS 2.0, RSS 1.0, Atom 1.0, JSON Feed 1.1).</summary>
public sealed record Feed(string? Title, IReadOnlyList<FeedItem> Items)
{
    /// <summary>The format it was read as: <see cref="FeedFormats.Rss2"/> (also RSS 0.9x), <see cref="FeedFormats.Rss1"/>
    /// (also RSS 0.90), <see cref="FeedFormats.Atom"/> (also Atom 0.3) or <see cref="FeedFormats.JsonFeed"/>.</summary>
    public string? Format { get; init; }

    /// <summary>The site the feed belongs to (RSS channel link, Atom alternate link, JSON Feed home_page_url); http(s) only.</summary>
    public Uri? Link { get; init; }

    /// <summary>
    /// What was dropped or repaired while reading (a link with a scheme other than http(s), bytes invalid in the
    /// document's encoding, ...), one plain-text line each, in document order. Never the reason a feed failed:
    /// that is a <see cref="FeedFormatException"/>.
    /// </summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}

/// <summary>The values of <see cref="Feed.Format"/>.</summary>
public static class FeedFormats
{
    public const string Rss2 = "rss2";
    public const string Rss1 = "rss1";
    public const string Atom = "atom";
    public const string JsonFeed = "jsonfeed";
}

/// <summary>
/// One entry of a feed. <see cref="Link"/> is an absolute http(s) URL, or a <c>file:</c> URL only in the operator case
/// <see cref="FeedParser"/> describes; otherwise null. <see cref="Guid"/> is the format's own identifier: RSS guid,
/// Atom id, JSON Feed id, RSS 1.0 rdf:about. Text fields are one line of plain text, without control characters or
/// bidirectional overrides.
/// </summary>
/// <param name="Published">When the item first appeared; falls back to its update time when the feed gives no other.</param>
/// <param name="Updated">When the item was last changed (Atom updated, JSON Feed date_modified, ...), if the feed says.</param>
/// <param name="Author">Its author or authors (comma separated), as plain text.</param>
/// <param name="Content">Its full content as plain text, when the feed carries more than a summary.</param>
public sealed record FeedItem(
    string? Guid,
    Uri? Link,
    string? Title,
    DateTimeOffset? Published,
    string? Summary,
    DateTimeOffset? Updated = null,
    string? Author = null,
    string? Content = null);

/// <summary>A document could not be read as any supported feed format.</summary>
public sealed class FeedFormatException : Exception
{
    public FeedFormatException() { }
    public FeedFormatException(string message) : base(message) { }
    public FeedFormatException(string message, Exception innerException) : base(message, innerException) { }
}

namespace Digest.Core.Feeds;

/// <summary>A parsed feed of any supported format (RSS 2.0, RSS 1.0, Atom 1.0, JSON Feed 1.1).</summary>
public sealed record Feed(string? Title, IReadOnlyList<FeedItem> Items);

/// <summary>
/// One entry of a feed. <see cref="Link"/> is absolute (resolved against the feed's URL).
/// <see cref="Guid"/> is the format's own identifier: RSS guid, Atom id, JSON Feed id, RSS 1.0 rdf:about.
/// </summary>
public sealed record FeedItem(
    string? Guid,
    Uri? Link,
    string? Title,
    DateTimeOffset? Published,
    string? Summary);

/// <summary>A document could not be read as any supported feed format.</summary>
public sealed class FeedFormatException : Exception
{
    public FeedFormatException() { }
    public FeedFormatException(string message) : base(message) { }
    public FeedFormatException(string message, Exception innerException) : base(message, innerException) { }
}

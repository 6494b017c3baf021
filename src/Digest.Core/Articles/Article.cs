using Digest.Core.Coverage;

namespace Digest.Core.Articles;

/// <summary>
/// An article in the archive, <c>articles/&lt;id&gt;.json</c>. Its JSON fields are a public contract (README).
/// Written once by the fetch stage (<see cref="ArticleStatus.Extracted"/>) and completed by the process stage
/// (<see cref="ArticleStatus.Processed"/>: story, summary, novelty).
/// </summary>
public sealed record Article
{
    public required string Id { get; init; }

    /// <summary>The link the article was fetched from.</summary>
    public required Uri Url { get; init; }

    /// <summary>The page's canonical URL, when it declares one.</summary>
    public Uri? CanonicalUrl { get; init; }

    /// <summary>The outlet's name: the source's configured name.</summary>
    public required string Outlet { get; init; }

    /// <summary>Id of the source in the sources file this came from.</summary>
    public required string SourceId { get; init; }

    public required string Title { get; init; }
    public string? Byline { get; init; }

    /// <summary>Publication time from the page, else from the feed, else the time it was fetched.</summary>
    public required DateTimeOffset Published { get; init; }

    /// <summary>
    /// The publication time the page or feed claimed, when it was not believed: more than the tolerance before the
    /// item was first seen (a back-dated copy), or in the future. <see cref="Published"/> then holds the bounded time.
    /// </summary>
    public DateTimeOffset? PublishedClaimed { get; init; }

    public DateTimeOffset? Modified { get; init; }
    public string? Language { get; init; }

    /// <summary>Body text; paragraphs separated by "\n\n".</summary>
    public required string Text { get; init; }

    public required DateTimeOffset FetchedAt { get; init; }
    public required ArticleStatus Status { get; init; }

    public string? StoryId { get; init; }

    /// <summary>Two or three sentences of the article itself.</summary>
    public IReadOnlyList<string>? Summary { get; init; }

    /// <summary>What this article adds to earlier coverage of its story.</summary>
    public NoveltyReport? Novelty { get; init; }
}

public enum ArticleStatus
{
    Extracted,
    Processed,
}

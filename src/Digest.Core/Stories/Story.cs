using Digest.Core.Summaries;

namespace Digest.Core.Stories;

/// <summary>
/// A story: the same event told by several outlets over days, <c>stories/&lt;id&gt;.json</c>. JSON fields are a public
/// contract (README). <see cref="ArticleIds"/> is in the order articles joined the story, which is the order
/// "earlier coverage" is judged in.
/// </summary>
public sealed record Story
{
    public required string Id { get; init; }
    public required string Title { get; init; }
    public required IReadOnlyList<string> ArticleIds { get; init; }

    /// <summary>The story so far, each sentence attributed to its outlet.</summary>
    public IReadOnlyList<AttributedSentence> Summary { get; init; } = [];

    public required DateTimeOffset FirstSeen { get; init; }
    public required DateTimeOffset LastUpdated { get; init; }

    /// <summary>Outlets that covered the story, in order of first coverage.</summary>
    public IReadOnlyList<string> Outlets { get; init; } = [];

    /// <summary>Members recognized as near-copies of an earlier member (wire copy republished by another outlet).</summary>
    public IReadOnlyList<string> NearDuplicateArticleIds { get; init; } = [];
}

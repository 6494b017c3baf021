namespace Digest.Core.Extraction;

/// <summary>
/// What the extractor read from one HTML page. <see cref="Text"/> is the article body only, paragraphs separated by a
/// blank line ("\n\n"); live-blog entries keep their heading as a paragraph of their own.
/// </summary>
public sealed record ExtractedArticle
{
    public required bool IsArticle { get; init; }

    /// <summary>Why the page is not an article (index, tag, search, login page, binary…), when <see cref="IsArticle"/> is false.</summary>
    public string? NotArticleReason { get; init; }

    public string? Title { get; init; }
    public string? Byline { get; init; }
    public DateTimeOffset? Published { get; init; }
    public DateTimeOffset? Modified { get; init; }

    /// <summary>The outlet as the page names itself (og:site_name).</summary>
    public string? SiteName { get; init; }

    public Uri? CanonicalUrl { get; init; }

    /// <summary>BCP 47 language tag, when the page declares one.</summary>
    public string? Language { get; init; }

    public required string Text { get; init; }
}

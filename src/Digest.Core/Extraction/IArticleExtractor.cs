namespace Digest.Core.Extraction;

/// <summary>Reads the article out of a downloaded page. Pure and thread-safe: no I/O, bounded time and memory.</summary>
public interface IArticleExtractor
{
    /// <param name="content">The page as received.</param>
    /// <param name="contentType">The HTTP Content-Type header, if any (charset detection).</param>
    /// <param name="url">The URL the page was fetched from, to resolve relative links.</param>
    /// <param name="overrides">Per-outlet selectors from configuration, for what heuristics cannot get.</param>
    ExtractedArticle Extract(ReadOnlySpan<byte> content, string? contentType, Uri? url, ExtractionOverrides? overrides = null);
}

/// <summary>Selectors (tag, #id, .class, tag.class) to keep as the body or to always drop.</summary>
public sealed record ExtractionOverrides(IReadOnlyList<string> Keep, IReadOnlyList<string> Drop);

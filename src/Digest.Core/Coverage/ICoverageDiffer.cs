namespace Digest.Core.Coverage;

/// <summary>Labels what an article adds to earlier coverage of the same story. Pure: no I/O.</summary>
public interface ICoverageDiffer
{
    /// <param name="article">The article to label.</param>
    /// <param name="earlier">Earlier articles of the same story, oldest first.</param>
    NoveltyReport Diff(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier);
}

/// <summary>The slice of an article the coverage, story and summary algorithms read.</summary>
public sealed record CoverageDocument(string Id, string Outlet, string Title, string Text, DateTimeOffset? Published);

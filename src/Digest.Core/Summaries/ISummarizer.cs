using Digest.Core.Coverage;

namespace Digest.Core.Summaries;

/// <summary>Extractive summaries. Pure: no I/O.</summary>
public interface ISummarizer
{
    /// <summary>Two or three sentences of one article.</summary>
    IReadOnlyList<string> SummarizeArticle(CoverageDocument article, int maxSentences = 3);

    /// <summary>
    /// A multi-document summary of a story within <paramref name="maxWords"/>: no two sentences saying the same thing,
    /// each sentence attributed to the outlet it came from.
    /// </summary>
    IReadOnlyList<AttributedSentence> SummarizeStory(IReadOnlyList<CoverageDocument> articles, int maxWords);

    /// <summary>
    /// What the <paramref name="recent"/> articles add to what <paramref name="earlier"/> ones already said:
    /// the story's "what's new since the previous briefing".
    /// </summary>
    IReadOnlyList<AttributedSentence> SummarizeNew(IReadOnlyList<CoverageDocument> recent,
        IReadOnlyList<CoverageDocument> earlier, int maxWords);
}

public sealed record AttributedSentence(string Text, string ArticleId, string Outlet);

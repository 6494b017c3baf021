namespace Digest.Core.Summaries;

/// <summary>
/// A sentence that may go into a summary, with where it came from. <see cref="Position"/> is -1 for an article's headline.
/// </summary>
internal sealed record SentenceCandidate(string Text, string ArticleId, string Outlet, int ArticleOrder, int Position, int Words)
{
    public Dictionary<string, double> Vector { get; set; } = [];
    public double Norm { get; set; }
    public double Score { get; set; }

    /// <summary>1 for the latest day of a story's coverage, 1/2 for the day before it, 1/3 … (0 when undated or one day).</summary>
    public double Recency { get; set; }

    /// <summary>Whether the sentence comes from the first day of coverage that spans several days: how the story began.</summary>
    public bool FromFirstDay { get; set; }

    public bool IsHeadline => Position < 0;
}

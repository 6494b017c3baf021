namespace Digest.Core.Summaries;

/// <summary>A sentence that may go into a summary, with where it came from.</summary>
internal sealed record SentenceCandidate(string Text, string ArticleId, string Outlet, int ArticleOrder, int Position, int Words)
{
    public Dictionary<string, double> Vector { get; set; } = [];
    public double Norm { get; set; }
    public double Score { get; set; }
}

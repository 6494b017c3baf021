namespace Digest.Core.Summaries;

/// <summary>Weights of extractive sentence selection.</summary>
public sealed record SummaryOptions
{
    /// <summary>Share of a sentence's score from LexRank centrality (what many sentences of the story agree on).</summary>
    public double CentralityWeight { get; init; } = 0.55;

    /// <summary>Share from position in its article: news puts the essentials first.</summary>
    public double PositionWeight { get; init; } = 0.35;

    /// <summary>Share from overlap with the headlines.</summary>
    public double TitleWeight { get; init; } = 0.10;

    /// <summary>MMR trade-off between relevance and novelty w.r.t. sentences already chosen.</summary>
    public double Lambda { get; init; } = 0.7;

    /// <summary>A candidate this similar (cosine) to a chosen sentence says the same thing and is skipped.</summary>
    public double RedundancyThreshold { get; init; } = 0.45;

    /// <summary>Sentences shorter than this many words are fragments (datelines, captions) and never chosen.</summary>
    public int MinSentenceWords { get; init; } = 6;

    /// <summary>Sentences longer than this are run-ons or lists and never chosen.</summary>
    public int MaxSentenceWords { get; init; } = 70;

    /// <summary>Candidate sentences considered per story, bounding the quadratic similarity graph.</summary>
    public int MaxCandidates { get; init; } = 400;

    /// <summary>When whole sentences leave at least this many words unused, the batch text adds a truncated sentence.</summary>
    public int MinWordsWorthTruncating { get; init; } = 10;

    /// <summary>Subtracted from a sentence's value for each sentence already chosen from the same article (multi-document summaries).</summary>
    public double SameArticlePenalty { get; init; } = 0.1;
}

namespace Digest.Core.Summaries;

/// <summary>Weights of extractive sentence selection.</summary>
public sealed record SummaryOptions
{
    /// <summary>Weight of centrality: cosine with the story's centroid (what the sentences of the story agree on).</summary>
    public double CentralityWeight { get; init; } = 1.0;

    /// <summary>Weight of position in its article (1 for the lead and the headline, 1/2, 1/3 …): news puts the essentials first.</summary>
    public double PositionWeight { get; init; } = 0.1;

    /// <summary>Weight of overlap with the headlines (0: the headlines are candidates themselves).</summary>
    public double TitleWeight { get; init; }

    /// <summary>
    /// Weight of recency when the coverage spans several days (1 for the latest day, 1/2 for the one before …): the summary
    /// of a developing story is the story so far, and it leads with the latest developments.
    /// </summary>
    public double RecencyWeight { get; init; } = 0.5;

    /// <summary>Weight for sentences of the first day of coverage that spans several days: how the story began.</summary>
    public double FirstDayWeight { get; init; } = 0.25;

    /// <summary>
    /// Whether the articles' headlines may stand in the summary of coverage of one day (at most one; questions and quotes
    /// never). A story told over several days is summarized from its sentences: each headline speaks for one moment.
    /// </summary>
    public bool HeadlinesAsSentences { get; init; } = true;

    /// <summary>Headlines shorter than this many words are labels, not statements, and never chosen.</summary>
    public int MinHeadlineWords { get; init; } = 4;

    /// <summary>
    /// A story summary uses at most this share of the words of the articles it summarizes (after its first sentence):
    /// a few short items are not restated nearly whole.
    /// </summary>
    public double MaxShareOfStoryWords { get; init; } = 0.55;

    /// <summary>MMR trade-off between relevance and novelty w.r.t. sentences already chosen.</summary>
    public double Lambda { get; init; } = 0.7;

    /// <summary>A candidate this similar (cosine) to a chosen sentence says the same thing and is skipped.</summary>
    public double RedundancyThreshold { get; init; } = 0.45;

    /// <summary>Sentences shorter than this many words are fragments (datelines, captions) and never chosen.</summary>
    public int MinSentenceWords { get; init; } = 6;

    /// <summary>Sentences longer than this are run-ons or lists and never chosen.</summary>
    public int MaxSentenceWords { get; init; } = 50;

    /// <summary>Candidate sentences considered per story, bounding the similarity computations.</summary>
    public int MaxCandidates { get; init; } = 400;

    /// <summary>When whole sentences leave at least this many words unused, the batch text adds the next sentence, cut to fit.</summary>
    public int MinWordsWorthTruncating { get; init; } = 10;

    /// <summary>Subtracted from a sentence's value for each sentence already chosen from the same article (multi-document summaries).</summary>
    public double SameArticlePenalty { get; init; }
}

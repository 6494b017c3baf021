namespace Digest.Core.Stories;

/// <summary>Tuning of online story clustering. The defaults are general news-desk values, not fitted to a data set.</summary>
public sealed record StoryOptions
{
    /// <summary>A story that has had no new article for this long (in article time) goes dormant: new articles start a new story.</summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromDays(5);

    /// <summary>
    /// Minimum similarity for an article to join a story: the geometric mean of two TF-IDF cosines with the story's
    /// centroid, the whole article's and its headline-and-lead's, time-discounted.
    /// </summary>
    public double JoinThreshold { get; init; } = 0.185;

    /// <summary>Estimated Jaccard similarity of word shingles above which an article is a copy of one already in a story (wire copy).</summary>
    public double NearDuplicateThreshold { get; init; } = 0.5;

    /// <summary>Weight added per title word: headlines name the event.</summary>
    public double TitleWeight { get; init; } = 3;

    /// <summary>Weight of each named entity the article mentions (its words are not counted again as plain words).</summary>
    public double EntityWeight { get; init; } = 1;

    /// <summary>Weight multiplier of the lead (the first content words), where news puts the event.</summary>
    public double LeadWeight { get; init; } = 2;

    /// <summary>Number of leading content words that count as the lead.</summary>
    public int LeadWords { get; init; } = 60;

    /// <summary>Body words read per article: bounds the cost of one article whatever its length.</summary>
    public int MaxBodyWords { get; init; } = 1500;

    /// <summary>Terms kept in a story's centroid and in the inverted index: bounds the cost of one story.</summary>
    public int CentroidTerms { get; init; } = 150;

    /// <summary>An article's heaviest terms used to look up candidate stories in the inverted index.</summary>
    public int QueryTerms { get; init; } = 40;

    /// <summary>Candidate stories scored exactly per article.</summary>
    public int MaxCandidates { get; init; } = 25;

    /// <summary>Shingle signatures of a story's most recent articles kept for near-duplicate detection.</summary>
    public int RecentSignatures { get; init; } = 12;

    /// <summary>Cap on the document-frequency table; rare terms are pruned beyond it so state stays bounded.</summary>
    public int MaxDocumentFrequencyTerms { get; init; } = 40_000;

    /// <summary>Share of the score kept for a story last updated a whole <see cref="QuietPeriod"/> ago (linear in between).</summary>
    public double StaleStoryDiscount { get; init; } = 0.75;
}

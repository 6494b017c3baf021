namespace Digest.Core.Stories;

/// <summary>Tuning of online story clustering. The defaults are general news-desk values, not fitted to a data set.</summary>
public sealed record StoryOptions
{
    /// <summary>
    /// A story that has had no new article for this long (in article time) goes dormant: new articles start a new story.
    /// Three weeks, so that an ongoing story (talks, a trial) survives a quiet spell of a fortnight; quiet stories are
    /// compacted (see <see cref="CompactAfter"/>) so that the long period stays cheap.
    /// </summary>
    public TimeSpan QuietPeriod { get; init; } = TimeSpan.FromDays(21);

    /// <summary>
    /// Minimum score for an article to join a story: the geometric mean of two TF-IDF cosines with the story's centroid
    /// (the whole article's and its headline-and-lead's), times the story's cohesion (so the mean similarity to its
    /// members), time-discounted.
    /// </summary>
    public double JoinThreshold { get; init; } = 0.11;

    /// <summary>
    /// The join threshold for an article without a date of its own: with no time to tell adjacent events apart, the text
    /// alone must carry the decision.
    /// </summary>
    public double UndatedJoinThreshold { get; init; } = 0.16;

    /// <summary>
    /// Exponent of a story's cohesion in the score: 1 scores the mean similarity to the members (average linkage), 0 the
    /// centroid's cosine alone.
    /// </summary>
    public double CohesionPower { get; init; } = 1;

    /// <summary>
    /// A story with no new article for this long keeps only its <see cref="QuietCentroidTerms"/> heaviest terms and its
    /// latest signature until it is updated again or goes dormant: long quiet periods stay cheap.
    /// </summary>
    public TimeSpan CompactAfter { get; init; } = TimeSpan.FromDays(3);

    /// <summary>Terms kept in the centroid of a quiet story (see <see cref="CompactAfter"/>).</summary>
    public int QuietCentroidTerms { get; init; } = 40;

    /// <summary>Estimated Jaccard similarity of word shingles above which an article is a copy of one already in a story (wire copy).</summary>
    public double NearDuplicateThreshold { get; init; } = 0.5;

    /// <summary>Weight added per title word: headlines name the event.</summary>
    public double TitleWeight { get; init; } = 3;

    /// <summary>Weight of each named entity the article mentions (its words are not counted as plain words; see <see cref="NameWordWeight"/>).</summary>
    public double EntityWeight { get; init; } = 1;

    /// <summary>Weight of each word of a multi-word name, so that a surname alone still matches the full name.</summary>
    public double NameWordWeight { get; init; } = 1;

    /// <summary>Power of the IDF in term weights: above 1, rare words (names, places, specifics) weigh more than common ones.</summary>
    public double IdfPower { get; init; } = 1.5;

    /// <summary>Exponent of the headline-and-lead cosine in the similarity (the whole article's takes the rest).</summary>
    public double LeadShare { get; init; } = 0.5;

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

    /// <summary>Floor of the time discount: the share of the score kept for a story quiet for many half-lives.</summary>
    public double StaleStoryDiscount { get; init; } = 0.4;

    /// <summary>
    /// Time after a story's last article at which half of the discount above the floor applies; a story whose members came
    /// further apart than this decays at its own pace (their mean spacing) instead.
    /// </summary>
    public TimeSpan DecayHalfLife { get; init; } = TimeSpan.FromDays(2);
}

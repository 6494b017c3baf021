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
    /// Minimum similarity for an article with a body (see <see cref="BridgeWords"/>) to join a story: the geometric mean
    /// of two TF-IDF cosines with the story's centroid (the whole article's and its headline-and-lead's). It holds over
    /// the whole <see cref="QuietPeriod"/>: a full article carries the background that ties it to earlier coverage, so a
    /// development after a quiet spell of weeks joins its story on the text alone.
    /// </summary>
    public double JoinThreshold { get; init; } = 0.15;

    /// <summary>
    /// Minimum score for a brief (under <see cref="BridgeWords"/>) to join a story: its similarity (as for
    /// <see cref="JoinThreshold"/>) times the story's cohesion (together: the mean similarity to its members), discounted
    /// by <see cref="BriefHalfLife"/>. Lower than <see cref="JoinThreshold"/>: a headline and lead name few of the terms of
    /// a centroid, so a brief's cosine with the story it belongs to runs lower for the same evidence.
    /// </summary>
    public double BriefJoinThreshold { get; init; } = 0.09;

    /// <summary>
    /// The join threshold for an article without a date of its own: with no time to tell adjacent events apart, the text
    /// alone must carry the decision. Centred on the public dev half's text-only peak, which is narrow (B-cubed F1 81.3 at
    /// 0.15, 82.2 at 0.155, 81.8 at 0.156 and 0.16: noise at this grain).
    /// </summary>
    public double UndatedJoinThreshold { get; init; } = 0.155;

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

    /// <summary>
    /// Words of text that make an article more than a brief. News writing puts the day's event in the headline and lead
    /// and ties it to earlier coverage in the paragraphs after them: only that background tells a new development of an
    /// ongoing story from another event with the same actors. A shorter item (a feed summary, a brief) joins a story only
    /// while it is in the news, by <see cref="BriefHalfLife"/>.
    /// </summary>
    public int BridgeWords { get; init; } = 150;

    /// <summary>
    /// Half-life of the time discount of a brief (shorter than <see cref="BridgeWords"/>), with no floor: a few hours, so a
    /// brief joins the coverage of its own day and not a story from the day before.
    /// </summary>
    public TimeSpan BriefHalfLife { get; init; } = TimeSpan.FromHours(6);

}

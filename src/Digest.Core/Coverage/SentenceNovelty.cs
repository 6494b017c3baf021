namespace Digest.Core.Coverage;

/// <summary>One sentence judged against earlier coverage.</summary>
/// <param name="Sentence">The sentence.</param>
/// <param name="IsNew">True when earlier coverage did not say it.</param>
/// <param name="Similarity">How much of it earlier coverage already carried, 0..1 (the repeated/new threshold applies to this).</param>
/// <param name="SeenIn">Ids of the earlier articles that said it, oldest first; empty when new, and for a sentence
/// without content words (which is never new, but repeats no one in particular).</param>
public sealed record SentenceNovelty(string Sentence, bool IsNew, double Similarity, IReadOnlyList<string> SeenIn)
{
    /// <summary>1 − <see cref="Similarity"/>: higher means newer.</summary>
    public double NoveltyScore => 1 - Similarity;
}

/// <summary>Thresholds of the coverage diff.</summary>
public sealed record CoverageOptions
{
    /// <summary>
    /// A sentence whose similarity (1 − the novelty model's probability that it is new) is at least this is "repeated".
    /// Calibrated on the public dev half: new-F1 is flat within ±0.04 of it, so it sits mid-plateau.
    /// </summary>
    public double RepeatedThreshold { get; init; } = 0.58;

    /// <summary>An earlier sentence carrying at least this much of a repeated sentence is credited as having said it.</summary>
    public double SeenInThreshold { get; init; } = 0.55;

    /// <summary>Earlier sentences compared at most (the most recent ones): bounds the cost on very long stories.</summary>
    public int MaxEarlierSentences { get; init; } = 4000;

    /// <summary>A quote is old news when an earlier quote carries this much of it.</summary>
    public double RepeatedQuoteThreshold { get; init; } = 0.6;
}

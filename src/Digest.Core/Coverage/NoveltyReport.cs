namespace Digest.Core.Coverage;

/// <summary>
/// Each sentence of an article labelled new or repeated against earlier coverage of its story
/// (JSON: <c>novelty: {new: [sentence], repeated: [{sentence, seenIn: [articleId]}], …}</c>).
/// </summary>
public sealed record NoveltyReport
{
    public IReadOnlyList<string> New { get; init; } = [];
    public IReadOnlyList<RepeatedSentence> Repeated { get; init; } = [];

    /// <summary>Direct quotes with their speaker, when one is named.</summary>
    public IReadOnlyList<AttributedQuote> Quotes { get; init; } = [];

    /// <summary>Numbers that changed since earlier coverage ("killed: 39,600 → 40,000").</summary>
    public IReadOnlyList<NumberUpdate> Updates { get; init; } = [];

    /// <summary>People, organisations and places earlier coverage did not name.</summary>
    public IReadOnlyList<string> NewEntities { get; init; } = [];
}

public sealed record RepeatedSentence(string Sentence, IReadOnlyList<string> SeenIn);

public sealed record AttributedQuote(string Text, string? Speaker, bool IsNew);

public sealed record NumberUpdate(string Label, string Previous, string Current, IReadOnlyList<string> PreviousSeenIn);

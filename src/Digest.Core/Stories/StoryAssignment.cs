namespace Digest.Core.Stories;

/// <summary>Where the clustering engine put an article.</summary>
/// <param name="StoryId">Deterministic id of the story (derived from its first article's id).</param>
/// <param name="IsNewStory">True when the article started the story.</param>
/// <param name="IsNearDuplicate">True when it joined as a near copy of an article already in the story (wire copy).</param>
/// <param name="Score">Similarity to the story it joined; for a new story, to the closest active story (below the threshold).</param>
/// <param name="EarlierArticleIds">Members that joined before it, oldest first.</param>
public sealed record StoryAssignment(string StoryId, bool IsNewStory, bool IsNearDuplicate, double Score,
    IReadOnlyList<string> EarlierArticleIds);

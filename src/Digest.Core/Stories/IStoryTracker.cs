using Digest.Core.Coverage;

namespace Digest.Core.Stories;

/// <summary>
/// Attaches processed articles to stories (online clustering) and keeps story state in storage with optimistic
/// concurrency. Idempotent: attaching an article that is already in a story returns that story again.
/// </summary>
public interface IStoryTracker
{
    Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default);

    /// <summary>Applies a change to a story with an ETag retry loop; <paramref name="change"/> may run more than once.</summary>
    Task<Story> UpdateAsync(string storyId, Func<Story, Story> change, CancellationToken cancellationToken = default);
}

/// <param name="StoryId">The story the article belongs to.</param>
/// <param name="EarlierArticleIds">Articles that joined the story before this one, oldest first.</param>
/// <param name="IsNewStory">True when this article started the story.</param>
public sealed record StoryAttachment(string StoryId, IReadOnlyList<string> EarlierArticleIds, bool IsNewStory);

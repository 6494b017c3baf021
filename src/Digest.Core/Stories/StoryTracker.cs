using Digest.Core.Coverage;
using Digest.Core.Storage;

namespace Digest.Core.Stories;

/// <summary>
/// Story state in blob storage, shared safely by any number of workers.
/// <para>Layout (public contract):</para>
/// <list type="bullet">
/// <item><c>state/story-index.json</c> — <see cref="StoryIndexDocument"/>: the clustering state over ACTIVE stories only
/// (centroids, recent MinHash signatures, member ids) and a bounded document-frequency table.</item>
/// <item><c>stories/&lt;storyId&gt;.json</c> — <see cref="Story"/>: members in joining order, outlets in order of first
/// coverage, <see cref="Story.FirstSeen"/>/<see cref="Story.LastUpdated"/> from article publication times.</item>
/// </list>
/// <para>
/// Attaching updates the index first and the story second, each with an If-Match retry loop
/// (<see cref="JsonDocumentStore.UpdateAsync{T}"/>), so concurrent workers never lose an update. Story ids derive from the
/// first article's id; an article already in an active story, or one that started a story, gets the same answer when
/// attached again — a retry after a crash between the two writes completes the story document.
/// </para>
/// </summary>
public sealed class StoryTracker : IStoryTracker
{
    /// <summary>Path of the index in <see cref="Containers.State"/>.</summary>
    public const string IndexPath = "story-index.json";

    private readonly JsonDocumentStore documents;
    private readonly TimeProvider clock;
    private readonly StoryOptions options;

    public StoryTracker(IBlobStore blobs, TimeProvider clock, StoryOptions? options = null, Diagnostics.IRunReporter? reporter = null)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        ArgumentNullException.ThrowIfNull(clock);
        documents = new JsonDocumentStore(blobs, reporter);
        this.clock = clock;
        this.options = options ?? new StoryOptions();
    }

    public static string StoryPath(string storyId) => storyId + ".json";

    public Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default)
        => documents.GetAsync<Story>(Containers.Stories, StoryPath(storyId), cancellationToken);

    public Task<Story> UpdateAsync(string storyId, Func<Story, Story> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return documents.UpdateAsync<Story>(Containers.Stories, StoryPath(storyId),
            current => change(current ?? throw new KeyNotFoundException($"Story '{storyId}' does not exist.")), cancellationToken);
    }
}

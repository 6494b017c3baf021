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

    public async Task<StoryAttachment> AttachAsync(CoverageDocument article, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(article);

        // A story this article started may have gone dormant (left the index) already: its id tells us where to look.
        var ownStory = await GetAsync(StoryClusterer.StoryIdFor(article.Id), cancellationToken);
        if (ownStory is not null && ownStory.ArticleIds.Contains(article.Id, StringComparer.Ordinal))
        {
            return new StoryAttachment(ownStory.Id, [], IsNewStory: true);
        }

        // Undated articles are placed at the time they are processed; dated ones at their publication time.
        var dated = article with { Published = article.Published ?? clock.GetUtcNow() };
        var features = ArticleFeatures.Create(dated, options, undated: article.Published is null);
        StoryAssignment? assignment = null;
        await documents.UpdateAsync<StoryIndexDocument>(Containers.State, IndexPath, current =>
        {
            // Pure in its input: a conflict re-runs it on the newer index, and only the last run's decision is written.
            var clusterer = new StoryClusterer(options, current);
            assignment = clusterer.Assign(features);
            if (current is not null && current.Stories.Any(s => s.ArticleIds.Contains(article.Id, StringComparer.Ordinal)))
            {
                // A retry of an attach the index already recorded: returning the same instance skips the write.
                return current;
            }

            clusterer.SetTitleIfEmpty(assignment.StoryId, article.Title);
            return clusterer.Export();
        }, cancellationToken);

        var decided = assignment ?? throw new InvalidOperationException("The story index update did not run.");
        var published = dated.Published!.Value;
        var story = await UpsertAsync(decided.StoryId, existing => AddMember(existing, decided, article, published), cancellationToken);
        var position = IndexOf(story.ArticleIds, article.Id);
        return new StoryAttachment(story.Id, story.ArticleIds.Take(position).ToList(), IsNewStory: position == 0);
    }

    public Task<Story?> GetAsync(string storyId, CancellationToken cancellationToken = default)
        => documents.GetAsync<Story>(Containers.Stories, StoryPath(storyId), cancellationToken);

    public Task<Story> UpdateAsync(string storyId, Func<Story, Story> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return documents.UpdateAsync<Story>(Containers.Stories, StoryPath(storyId),
            current => change(current ?? throw new KeyNotFoundException($"Story '{storyId}' does not exist.")), cancellationToken);
    }

    private Task<Story> UpsertAsync(string storyId, Func<Story?, Story> change, CancellationToken cancellationToken)
        => documents.UpdateAsync(Containers.Stories, StoryPath(storyId), change, cancellationToken);

    private static Story AddMember(Story? existing, StoryAssignment decided, CoverageDocument article, DateTimeOffset published)
    {
        if (existing is null)
        {
            return new Story
            {
                Id = decided.StoryId,
                Title = article.Title,
                ArticleIds = [article.Id],
                FirstSeen = published,
                LastUpdated = published,
                Outlets = [article.Outlet],
            };
        }

        if (existing.ArticleIds.Contains(article.Id, StringComparer.Ordinal))
        {
            return existing;
        }

        return existing with
        {
            ArticleIds = [.. existing.ArticleIds, article.Id],
            FirstSeen = published < existing.FirstSeen ? published : existing.FirstSeen,
            LastUpdated = published > existing.LastUpdated ? published : existing.LastUpdated,
            Outlets = existing.Outlets.Contains(article.Outlet, StringComparer.Ordinal) ? existing.Outlets : [.. existing.Outlets, article.Outlet],
            NearDuplicateArticleIds = decided.IsNearDuplicate ? [.. existing.NearDuplicateArticleIds, article.Id] : existing.NearDuplicateArticleIds,
        };
    }

    private static int IndexOf(IReadOnlyList<string> ids, string id)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            if (string.Equals(ids[i], id, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return ids.Count;
    }
}

using Digest.Core.Json;
using Digest.Core.Storage;
using Digest.Core.Stories;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Stories;

public class StoryTrackerTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Parallel_updates_to_one_story_all_apply()
    {
        var blobs = new InMemoryBlobStore();
        var tracker = new StoryTracker(blobs, Clock);
        var story0 = new Story { Id = "s-1", Title = "Quake", ArticleIds = ["q0"], FirstSeen = Articles.Day1, LastUpdated = Articles.Day1, Outlets = ["Northgate Herald"] };
        await new JsonDocumentStore(blobs).WriteAsync(Containers.Stories, StoryTracker.StoryPath("s-1"), story0);
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            tracker.UpdateAsync("s-1", s => s with { Outlets = [.. s.Outlets, "extra " + i] }))));
        var story = (await tracker.GetAsync("s-1"))!;
        Assert.Equal(21, story.Outlets.Count);
    }

    [Fact]
    public async Task Updating_a_missing_story_fails_clearly()
    {
        var tracker = new StoryTracker(new InMemoryBlobStore(), Clock);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => tracker.UpdateAsync("s-missing", s => s));
    }
}

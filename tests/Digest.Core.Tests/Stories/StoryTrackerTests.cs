using Digest.Core.Json;
using Digest.Core.Storage;
using Digest.Core.Stories;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Stories;

public class StoryTrackerTests
{
    private static readonly FixedClock Clock = new(new DateTimeOffset(2025, 4, 1, 0, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Attaching_builds_stories_in_storage_with_outlets_and_article_times()
    {
        var blobs = new InMemoryBlobStore();
        var tracker = new StoryTracker(blobs, Clock);
        var first = await tracker.AttachAsync(Articles.Quake("q1", 0));
        var second = await tracker.AttachAsync(Articles.Quake("q2", 1, "Meridian Post"));
        var other = await tracker.AttachAsync(Articles.Strike("p1", 1));

        Assert.True(first.IsNewStory);
        Assert.Empty(first.EarlierArticleIds);
        Assert.Equal(first.StoryId, second.StoryId);
        Assert.Equal(["q1"], second.EarlierArticleIds);
        Assert.NotEqual(first.StoryId, other.StoryId);

        var story = await tracker.GetAsync(first.StoryId);
        Assert.NotNull(story);
        Assert.Equal(["q1", "q2"], story.ArticleIds);
        Assert.Equal(["Northgate Herald", "Meridian Post"], story.Outlets);
        Assert.Equal(Articles.Day1, story.FirstSeen);
        Assert.Equal(Articles.Day1.AddDays(1), story.LastUpdated);
        Assert.NotNull(await blobs.GetAsync(Containers.State, StoryTracker.IndexPath));
        Assert.NotNull(await blobs.GetAsync(Containers.Stories, StoryTracker.StoryPath(first.StoryId)));
    }

    [Fact]
    public async Task A_retried_attach_returns_the_same_story_and_earlier_articles()
    {
        var tracker = new StoryTracker(new InMemoryBlobStore(), Clock);
        var first = await tracker.AttachAsync(Articles.Quake("q1", 0));
        var second = await tracker.AttachAsync(Articles.Quake("q2", 1));
        var firstAgain = await tracker.AttachAsync(Articles.Quake("q1", 0));
        Assert.Equal(first.StoryId, firstAgain.StoryId);
        Assert.True(firstAgain.IsNewStory);
        Assert.Empty(firstAgain.EarlierArticleIds);
        var retried = await tracker.AttachAsync(Articles.Quake("q2", 1));
        Assert.Equal(second.StoryId, retried.StoryId);
        Assert.Equal(second.EarlierArticleIds, retried.EarlierArticleIds);
        Assert.Equal(["q1", "q2"], (await tracker.GetAsync(first.StoryId))!.ArticleIds);
    }

    [Fact]
    public async Task A_crash_between_index_and_story_writes_is_completed_by_the_retry()
    {
        var blobs = new InMemoryBlobStore();
        var tracker = new StoryTracker(blobs, Clock);
        var first = await tracker.AttachAsync(Articles.Quake("q1", 0));
        await tracker.AttachAsync(Articles.Quake("q2", 1));
        // Simulate the crash: the index knows q2, the story document was rolled back to before q2.
        var story = (await tracker.GetAsync(first.StoryId))!;
        await blobs.PutAsync(Containers.Stories, StoryTracker.StoryPath(first.StoryId),
            DigestJson.Serialize(story with { ArticleIds = ["q1"] }), "application/json");

        var retried = await tracker.AttachAsync(Articles.Quake("q2", 1));
        Assert.Equal(first.StoryId, retried.StoryId);
        Assert.Equal(["q1"], retried.EarlierArticleIds);
        Assert.Equal(["q1", "q2"], (await tracker.GetAsync(first.StoryId))!.ArticleIds);
    }

    [Fact]
    public async Task A_wire_copy_retried_after_a_crash_between_the_writes_is_recorded_as_a_copy_as_before()
    {
        var original = Articles.Quake("q1", 0);
        var copy = original with { Id = "w1", Outlet = "Meridian Post", Title = "Quake: " + original.Title };

        var uninterrupted = new StoryTracker(new InMemoryBlobStore(), Clock);
        var storyId = (await uninterrupted.AttachAsync(original)).StoryId;
        await uninterrupted.AttachAsync(copy);
        var expected = (await uninterrupted.GetAsync(storyId))!;
        Assert.Equal(["w1"], expected.NearDuplicateArticleIds);

        var blobs = new InMemoryBlobStore();
        var crashed = new StoryTracker(blobs, Clock);
        await crashed.AttachAsync(original);
        var beforeCopy = (await crashed.GetAsync(storyId))!;
        await crashed.AttachAsync(copy);
        // The crash: the index recorded the copy, the story document never did.
        await blobs.PutAsync(Containers.Stories, StoryTracker.StoryPath(storyId), DigestJson.Serialize(beforeCopy), "application/json");
        await crashed.AttachAsync(copy);

        Assert.Equal(DigestJson.SerializeLine(expected), DigestJson.SerializeLine((await crashed.GetAsync(storyId))!));
    }

    [Fact]
    public async Task Parallel_attaches_to_one_story_lose_nothing()
    {
        var blobs = new InMemoryBlobStore();
        var tracker = new StoryTracker(blobs, Clock);
        var first = await tracker.AttachAsync(Articles.Quake("q0", 0));
        var attachments = await Task.WhenAll(Enumerable.Range(1, 12)
            .Select(i => Task.Run(() => tracker.AttachAsync(Articles.Quake("q" + i, 0, "Outlet " + i)))));

        Assert.All(attachments, a => Assert.Equal(first.StoryId, a.StoryId));
        var story = (await tracker.GetAsync(first.StoryId))!;
        Assert.Equal(13, story.ArticleIds.Count);
        Assert.Equal(13, story.ArticleIds.Distinct().Count());
        Assert.Equal(13, story.Outlets.Count);
        // Each attachment saw exactly the members that joined before it, in the story's order.
        for (var i = 0; i < attachments.Length; i++)
        {
            var position = story.ArticleIds.ToList().IndexOf("q" + (i + 1));
            Assert.Equal(story.ArticleIds.Take(position), attachments[i].EarlierArticleIds);
        }

        var index = DigestJson.Deserialize<StoryIndexDocument>((await blobs.GetAsync(Containers.State, StoryTracker.IndexPath))!.Content.Span);
        Assert.Equal(13, Assert.Single(index.Stories).ArticleIds.Count);
        Assert.True(blobs.PreconditionFailures > 0, "the test should have produced write conflicts");
    }

    [Fact]
    public async Task Parallel_updates_to_one_story_all_apply()
    {
        var tracker = new StoryTracker(new InMemoryBlobStore(), Clock);
        var first = await tracker.AttachAsync(Articles.Quake("q0", 0));
        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            tracker.UpdateAsync(first.StoryId, s => s with { Outlets = [.. s.Outlets, "extra " + i] }))));
        var story = (await tracker.GetAsync(first.StoryId))!;
        Assert.Equal(21, story.Outlets.Count);
    }

    [Fact]
    public async Task Updating_a_missing_story_fails_clearly()
    {
        var tracker = new StoryTracker(new InMemoryBlobStore(), Clock);
        await Assert.ThrowsAsync<KeyNotFoundException>(() => tracker.UpdateAsync("s-missing", s => s));
    }

    [Fact]
    public async Task Undated_articles_are_placed_at_the_clock_time()
    {
        var tracker = new StoryTracker(new InMemoryBlobStore(), Clock);
        var attached = await tracker.AttachAsync(Articles.Quake("q1", 0) with { Published = null });
        Assert.Equal(Clock.GetUtcNow(), (await tracker.GetAsync(attached.StoryId))!.FirstSeen);
    }

    [Fact]
    public async Task Dormant_stories_leave_the_index_but_stay_in_storage()
    {
        var blobs = new InMemoryBlobStore();
        var tracker = new StoryTracker(blobs, Clock, new StoryOptions { QuietPeriod = TimeSpan.FromDays(2) });
        var old = await tracker.AttachAsync(Articles.Quake("q1", 0));
        var fresh = await tracker.AttachAsync(Articles.Quake("q2", 10));

        Assert.True(fresh.IsNewStory);
        Assert.NotEqual(old.StoryId, fresh.StoryId);
        var index = DigestJson.Deserialize<StoryIndexDocument>((await blobs.GetAsync(Containers.State, StoryTracker.IndexPath))!.Content.Span);
        Assert.Equal([fresh.StoryId], index.Stories.Select(s => s.Id));
        Assert.Equal(["q1"], (await tracker.GetAsync(old.StoryId))!.ArticleIds);

        // The article that started the dormant story still gets its own story back on a retry.
        var retried = await tracker.AttachAsync(Articles.Quake("q1", 0));
        Assert.Equal(old.StoryId, retried.StoryId);
        Assert.True(retried.IsNewStory);
    }

    [Fact]
    public async Task Wire_copies_are_recorded_on_the_story()
    {
        var tracker = new StoryTracker(new InMemoryBlobStore(), Clock);
        var original = Articles.Quake("q1", 0);
        var first = await tracker.AttachAsync(original);
        var copy = await tracker.AttachAsync(original with { Id = "q1-copy", Outlet = "Harbor Wire", Title = "Velmora shaken" });
        Assert.Equal(first.StoryId, copy.StoryId);
        Assert.Equal(["q1-copy"], (await tracker.GetAsync(first.StoryId))!.NearDuplicateArticleIds);
    }
}

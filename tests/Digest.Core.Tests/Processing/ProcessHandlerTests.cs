using System.Text;
using Digest.Core.Articles;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Json;
using Digest.Core.Processing;
using Digest.Core.Sources;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Core.Summaries;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Processing;

public sealed class ProcessHandlerTests
{
    private static readonly DateTimeOffset Day1 = new(2026, 6, 1, 8, 0, 0, TimeSpan.Zero);

    private readonly InMemoryBlobStore blobs = new();
    private readonly JsonDocumentStore documents;
    private readonly ProcessHandler handler;

    public ProcessHandlerTests()
    {
        documents = new JsonDocumentStore(blobs);
        handler = new ProcessHandler(blobs, new StoryFold(blobs, new CoverageDiffer(), new Summarizer(), SilentReporter.Instance, new FixedClock(Day1.AddDays(2))), SilentReporter.Instance);
    }

    [Fact]
    public async Task A_later_article_of_the_same_event_joins_the_story_and_is_labelled_against_the_first()
    {
        var first = await ArchiveAsync("a1", "Valley Post", Day1,
            "Bridge at Orlen closed after flood damage",
            "The old bridge at Orlen was closed on Monday after flood water damaged its eastern pillar. "
            + "Engineers from the regional roads office said the bridge would stay shut for at least three weeks. "
            + "About 4,000 vehicles cross the bridge every day, according to the roads office. "
            + "Mayor Tomas Reinholt said a ferry service would start on Wednesday.");
        // The same day: these are briefs, which join only the coverage of their own day (StoryOptions.BridgeWords).
        var second = await ArchiveAsync("b1", "Orlen Herald", Day1.AddHours(9),
            "Orlen bridge to stay shut for a month, engineers say",
            "Engineers said on Monday evening that the Orlen bridge, damaged by flood water, would stay shut for at least four weeks. "
            + "About 4,000 vehicles use the bridge each day, the regional roads office said. "
            + "A temporary ferry will begin running on Tuesday, a day earlier than planned. "
            + "Mayor Tomas Reinholt called the damage \"worse than anyone feared\".");

        await handler.ProcessAsync(first.Id);
        await handler.ProcessAsync(second.Id);

        var a = await ArticleAsync(first.Id);
        var b = await ArticleAsync(second.Id);
        Assert.Equal(ArticleStatus.Processed, b.Status);
        Assert.Equal(a.StoryId, b.StoryId);
        Assert.Empty(a.Novelty!.Repeated);
        Assert.Contains(b.Novelty!.Repeated, r => r.Sentence.Contains("4,000", StringComparison.Ordinal) && r.SeenIn.Contains(first.Id));
        Assert.Contains(b.Novelty.New, s => s.Contains("ferry", StringComparison.Ordinal));
        Assert.InRange(b.Summary!.Count, 1, 3);

        var story = await documents.GetAsync<Story>(Containers.Stories, BlobPaths.Story(b.StoryId!));
        Assert.Equal([first.Id, second.Id], story!.ArticleIds);
        Assert.NotEmpty(story.Summary);
        Assert.NotNull(await blobs.GetAsync(Containers.State, BlobPaths.Activity(DateOnly.FromDateTime(Day1.AddHours(9).UtcDateTime), second.Id)));
    }

    [Fact]
    public async Task The_same_message_twice_changes_nothing_the_second_time()
    {
        var article = await ArchiveAsync("a1", "Valley Post", Day1, "Bridge at Orlen closed after flood damage",
            "The old bridge at Orlen was closed on Monday after flood water damaged its eastern pillar. Engineers said it would stay shut.");
        var message = DigestJson.SerializeLine(new ArticleMessage(article.Id, article.Published));

        await handler.HandleAsync(message);
        var afterFirst = await SnapshotAsync();
        await handler.HandleAsync(message);
        var afterSecond = await SnapshotAsync();

        Assert.Equal(afterFirst, afterSecond);
    }

    [Fact]
    public async Task A_message_that_is_not_an_article_message_fails_clearly()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => handler.HandleAsync("not json"));

        Assert.Contains("not an article message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_message_for_an_article_that_is_not_archived_fails_clearly()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => handler.ProcessAsync("0123456789abcdef"));

        Assert.Contains("0123456789abcdef", error.Message, StringComparison.Ordinal);
    }

    private async Task<Article> ArchiveAsync(string id, string outlet, DateTimeOffset published, string title, string text)
    {
        var article = TestArticles.Make(id, outlet, published, title, text);
        await documents.WriteAsync(Containers.Articles, BlobPaths.Article(id), article);
        return article;
    }

    private async Task<Article> ArticleAsync(string id)
        => (await documents.GetAsync<Article>(Containers.Articles, BlobPaths.Article(id)))!;

    private async Task<string> SnapshotAsync()
    {
        var all = new StringBuilder();
        foreach (var container in new[] { Containers.Articles, Containers.Stories, Containers.State })
        {
            await foreach (var path in blobs.ListAsync(container))
            {
                all.Append(container).Append('/').Append(path).Append('=')
                    .Append(Encoding.UTF8.GetString((await blobs.GetAsync(container, path))!.Content.Span)).Append('\n');
            }
        }

        return all.ToString();
    }
}

using System.Globalization;
using Digest.Core.Articles;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Processing;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Core.Summaries;
using Digest.Core.Tests.Support;

namespace Digest.Core.Tests.Processing;

/// <summary>
/// One wire story carried by hundreds of outlets (or an attacker's copies) must cost each article a bounded amount of
/// work. Untimed on purpose: it counts what the stage reads and what the differ and the summarizer are given.
/// </summary>
public sealed class OneLargeStoryTests
{
    private const int Copies = 300;
    private static readonly DateTimeOffset Start = new(2026, 6, 1, 6, 0, 0, TimeSpan.Zero);

    private static readonly string[] Wire =
    [
        "Flood water broke through the levee at Marrow Creek on Tuesday night, forcing about 3,000 residents from their homes.",
        "Emergency crews from the county fire service worked through the night to fill sandbags along the embankment.",
        "\"We have never seen the river rise this fast,\" said Ines Kovalenko, the county's emergency manager.",
        "Governor Alan Treadwell declared a state of emergency and asked for federal help.",
    ];

    [Fact]
    public async Task Each_copy_of_a_300_member_story_reads_and_compares_a_bounded_number_of_earlier_articles()
    {
        var blobs = new InMemoryBlobStore();
        var archive = new ArticleArchive(blobs);
        var differ = new RecordingDiffer();
        var summarizer = new RecordingSummarizer();
        var handler = new ProcessHandler(blobs, new StoryFold(blobs, differ, summarizer, SilentReporter.Instance, new FixedClock(Start.AddDays(1))), SilentReporter.Instance);
        var ids = new List<string>();
        for (var i = 0; i < Copies; i++)
        {
            var id = "w" + i.ToString("D3", CultureInfo.InvariantCulture);
            var outlet = "Outlet " + i.ToString(CultureInfo.InvariantCulture);
            await archive.WriteAsync(TestArticles.Make(id, outlet, Start.AddMinutes(i), "Levee breach at Marrow Creek forces 3,000 from homes",
                string.Join("\n\n", [.. Wire, $"This report was published by {outlet} with wire material."])));
            ids.Add(id);
        }

        var articleReads = new List<int>();
        foreach (var id in ids)
        {
            var before = blobs.ReadsOf(Containers.Articles);
            await handler.ProcessAsync(id);
            articleReads.Add(blobs.ReadsOf(Containers.Articles) - before);
        }

        var story = await new StoryTracker(blobs, new FixedClock(Start)).GetAsync(StoryClusterer.StoryIdFor(ids[0]));
        Assert.Equal(ids, story!.ArticleIds);
        Assert.Equal(Copies - 1, story.NearDuplicateArticleIds.Count);

        // Exact while the story is small: the differ sees every earlier member.
        Assert.Equal(Enumerable.Range(0, StorySample.MaxArticles + 1), differ.EarlierCounts.Take(StorySample.MaxArticles + 1));
        Assert.All(differ.EarlierCounts, count => Assert.InRange(count, 0, StorySample.MaxArticles));
        Assert.All(summarizer.StoryCounts, count => Assert.InRange(count, 1, StorySample.MaxArticles));

        // Flat: the 300th copy costs no more reads than the 100th (its own article plus a bounded sample).
        Assert.All(articleReads, reads => Assert.InRange(reads, 1, StorySample.MaxArticles + 2));
        Assert.Equal(articleReads[99], articleReads[^1]);
    }

    private sealed class RecordingDiffer : ICoverageDiffer
    {
        private readonly CoverageDiffer inner = new();

        public List<int> EarlierCounts { get; } = [];

        public NoveltyReport Diff(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier)
        {
            EarlierCounts.Add(earlier.Count);
            return inner.Diff(article, earlier);
        }
    }

    private sealed class RecordingSummarizer : ISummarizer
    {
        private readonly Summarizer inner = new();

        public List<int> StoryCounts { get; } = [];

        public IReadOnlyList<string> SummarizeArticle(CoverageDocument article, int maxSentences = 3)
            => inner.SummarizeArticle(article, maxSentences);

        public IReadOnlyList<AttributedSentence> SummarizeStory(IReadOnlyList<CoverageDocument> articles, int maxWords)
        {
            StoryCounts.Add(articles.Count);
            return inner.SummarizeStory(articles, maxWords);
        }

        public IReadOnlyList<AttributedSentence> SummarizeNew(IReadOnlyList<CoverageDocument> recent, IReadOnlyList<CoverageDocument> earlier, int maxWords)
            => inner.SummarizeNew(recent, earlier, maxWords);
    }
}

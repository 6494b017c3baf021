using System.Text;
using Digest.Core.Articles;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Json;
using Digest.Core.Processing;
using Digest.Core.Storage;
using Digest.Core.Stories;
using Digest.Core.Summaries;
using Digest.Core.Tests.Stories;
using Digest.Core.Tests.Support;
using FixedClock = Digest.Core.Tests.Support.FixedClock;
using Samples = Digest.Core.Tests.Stories.Articles;

namespace Digest.Core.Tests.Processing;

/// <summary>
/// The process stage's fold: whatever order articles arrive in, by however many workers, and however the folds are
/// interleaved with their arrival, the stories and labels are those of one worker taking them in publication order.
/// </summary>
public sealed class StoryFoldTests
{
    private static readonly FixedClock LeaseClock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    /// <summary>Three events over several days, told by several outlets, with a wire copy: enough for order to matter.</summary>
    private static List<Article> Corpus()
    {
        var documents = new List<CoverageDocument>();
        for (var day = 0; day < 4; day++)
        {
            documents.Add(Samples.Quake($"q{day}a", day));
            documents.Add(Samples.Quake($"q{day}b", day, "Meridian Post"));
            documents.Add(Samples.Strike($"p{day}", day));
        }

        documents.Add(Samples.PoliceReform("r1", 1));
        documents.Add(Samples.Quake("q0a", 0) with { Id = "q0-wire", Outlet = "Harbor Wire", Title = "Quake: Velmora shaken" });
        return documents.Select((d, i) => TestArticles.Make(d.Id, d.Outlet, d.Published!.Value.AddMinutes(i), d.Title, d.Text)).ToList();
    }

    [Fact]
    public async Task Folding_builds_stories_with_outlets_times_activity_and_labels()
    {
        var (blobs, fold) = await ArchiveAsync(Corpus());
        foreach (var article in Corpus())
        {
            await fold.RegisterAsync(article);
        }

        var result = await fold.RunAsync();

        Assert.Equal(Corpus().Count, result.Folded);
        var articles = await ArticlesAsync(blobs);
        Assert.All(articles, a => Assert.Equal(ArticleStatus.Processed, a.Status));
        var quake = articles.Single(a => a.Id == "q0a").StoryId!;
        Assert.All(articles.Where(a => a.Id.StartsWith('q')), a => Assert.Equal(quake, a.StoryId));
        Assert.NotEqual(quake, articles.Single(a => a.Id == "p0").StoryId);
        var story = (await new StoryTracker(blobs, LeaseClock).GetAsync(quake))!;
        Assert.Equal("q0a", story.ArticleIds[0]);
        Assert.Equal(["Northgate Herald", "Meridian Post", "Harbor Wire"], story.Outlets.Take(3));
        Assert.Contains("q0-wire", story.NearDuplicateArticleIds);
        Assert.NotEmpty(story.Summary);
        Assert.NotEmpty(articles.Single(a => a.Id == "q3b").Novelty!.Repeated);
        Assert.Empty(await PendingAsync(blobs));
        Assert.Null(await blobs.GetAsync(Containers.State, FoldLease.PathInState));
    }

    [Fact]
    public async Task Each_folded_article_is_reported_with_its_article_and_story_ids_as_fields()
    {
        var corpus = Corpus();
        var (blobs, _) = await ArchiveAsync(corpus);
        var reports = new SubjectReporter();
        var fold = new StoryFold(blobs, new CoverageDiffer(), new Summarizer(), reports, LeaseClock);
        foreach (var article in corpus)
        {
            await fold.RegisterAsync(article);
        }

        await fold.RunAsync();

        var stored = await new ArticleArchive(blobs).GetManyAsync(corpus.Select(a => a.Id));
        var folded = reports.Infos.Where(r => r.Subject.ArticleId is not null).ToList();
        Assert.Equal(corpus.Select(a => a.Id).Order(StringComparer.Ordinal), folded.Select(r => r.Subject.ArticleId!).Order(StringComparer.Ordinal));
        foreach (var article in stored)
        {
            Assert.Contains(folded, r => r.Subject.ArticleId == article.Id && r.Subject.StoryId == article.StoryId && r.Message.Contains(article.StoryId!, StringComparison.Ordinal));
        }
    }

    /// <summary>Keeps each info report with its subject.</summary>
    private sealed class SubjectReporter : IRunReporter
    {
        private readonly Lock gate = new();

        public List<(string Message, ReportSubject Subject)> Infos { get; } = [];

        public void Info(string message) => Info(message, default);

        public void Warning(string message)
        {
        }

        public void Info(string message, ReportSubject subject)
        {
            lock (gate)
            {
                Infos.Add((message, subject));
            }
        }
    }

    [Fact]
    public async Task Shuffled_arrival_by_parallel_workers_gives_the_archive_of_one_ordered_worker()
    {
        var expected = await OrderedArchiveAsync();
        var shuffled = Corpus().OrderBy(a => a.Id.GetHashCode(StringComparison.Ordinal) ^ 0x5bd1e995).ToList();

        var (blobs, fold) = await ArchiveAsync(shuffled);
        await Parallel.ForEachAsync(shuffled, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (article, token) =>
        {
            await fold.RegisterAsync(article, token);
            await fold.RunAsync(token);
        });
        await fold.RunAsync();

        await AssertSameArchiveAsync(expected, blobs);
    }

    [Fact]
    public async Task An_earlier_article_arriving_after_its_siblings_were_folded_relabels_them()
    {
        var expected = await OrderedArchiveAsync();
        var corpus = Corpus();
        var late = corpus.Where(a => a.Id is "q1a" or "p0" or "q0-wire").ToList();

        var (blobs, fold) = await ArchiveAsync(corpus);
        foreach (var article in corpus.Except(late))
        {
            await fold.RegisterAsync(article);
        }

        await fold.RunAsync();
        foreach (var article in late)
        {
            await fold.RegisterAsync(article);
            var result = await fold.RunAsync();
            Assert.True(result.Refolded > 0, $"{article.Id} should have made the fold rewind");
        }

        await AssertSameArchiveAsync(expected, blobs);
    }

    [Fact]
    public async Task A_fold_that_dies_at_any_write_and_runs_again_leaves_the_archive_of_an_uninterrupted_one()
    {
        var expected = await OrderedArchiveAsync();
        var writes = (await FoldUntilDeathAsync(int.MaxValue)).Writes;
        Assert.True(writes > 40, "the fold should make many writes");
        for (var failAt = 1; failAt <= writes; failAt += 3)
        {
            var (memory, _) = await FoldUntilDeathAsync(failAt);
            var restarted = new StoryFold(memory, new CoverageDiffer(), new Summarizer(), SilentReporter.Instance, LeaseClock);
            await restarted.BreakStaleLeaseAsync();
            await restarted.RunAsync();
            // An earlier article arriving after the crash rewinds over what the dead batch had half written.
            await restarted.RegisterAsync(Corpus().Single(a => a.Id == LateAfterCrash));
            await restarted.RunAsync();

            await AssertSameArchiveAsync(expected, memory);
        }
    }

    private const string LateAfterCrash = "q1a";

    [Fact]
    public async Task An_article_older_than_every_checkpoint_is_folded_at_the_oldest_one_and_the_fold_goes_on()
    {
        var start = Samples.Day1;
        var articles = Enumerable.Range(0, StoryFold.CheckpointDays + 10)
            .Select(day => TestArticles.Make($"d{day:D2}", "Northgate Herald", start.AddDays(day), Samples.Quake("x", 0).Title + " day " + day,
                Samples.Quake("x", 0).Text + " Day " + day + " of the aftermath."))
            .ToList();
        var ancient = TestArticles.Make("ancient", "Meridian Post", start.AddDays(1).AddHours(3), Samples.Strike("y", 0).Title, Samples.Strike("y", 0).Text);
        var lateButKept = TestArticles.Make("late37", "Meridian Post", start.AddDays(37).AddHours(-1), Samples.Quake("z", 0).Title, Samples.Quake("z", 0).Text);
        var (blobs, fold) = await ArchiveAsync([.. articles, ancient, lateButKept]);
        foreach (var article in articles)
        {
            await fold.RegisterAsync(article);
        }

        await fold.RunAsync();
        await fold.RegisterAsync(ancient);
        await fold.RunAsync();
        await fold.RegisterAsync(lateButKept);
        await fold.RunAsync();

        var stored = await ArticlesAsync(blobs);
        Assert.All(stored, a => Assert.Equal(ArticleStatus.Processed, a.Status));
        var memberships = new List<string>();
        await foreach (var path in blobs.ListAsync(Containers.Stories))
        {
            memberships.AddRange(DigestJson.Deserialize<Story>((await blobs.GetAsync(Containers.Stories, path))!.Content.Span).ArticleIds);
        }

        Assert.Equal(stored.Select(a => a.Id).Order(StringComparer.Ordinal), memberships.Order(StringComparer.Ordinal));
        Assert.Empty(await PendingAsync(blobs));
    }

    /// <summary>Registers the corpus and folds it on storage that dies at its <paramref name="failAt"/>-th write.</summary>
    private static async Task<(InMemoryBlobStore Memory, int Writes)> FoldUntilDeathAsync(int failAt)
    {
        var (memory, registrar) = await ArchiveAsync(Corpus());
        foreach (var article in Corpus().Where(a => a.Id != LateAfterCrash))
        {
            await registrar.RegisterAsync(article);
        }

        var dying = new DyingBlobStore(memory, failAt);
        try
        {
            await new StoryFold(dying, new CoverageDiffer(), new Summarizer(), SilentReporter.Instance, LeaseClock).RunAsync();
        }
        catch (IOException) when (failAt != int.MaxValue)
        {
            // The process died here.
        }

        return (memory, dying.Writes);
    }

    [Fact]
    public async Task A_second_fold_while_one_holds_the_lease_is_busy_and_leaves_the_work_to_it()
    {
        var (blobs, fold) = await ArchiveAsync(Corpus());
        var documents = new JsonDocumentStore(blobs);
        await using var held = await FoldLease.TryAcquireAsync(documents, LeaseClock, CancellationToken.None);
        await fold.RegisterAsync(Corpus()[0]);

        var result = await fold.RunAsync();

        Assert.True(result.Busy);
        Assert.Single(await PendingAsync(blobs));
    }

    [Fact]
    public async Task A_lease_left_by_a_dead_holder_expires()
    {
        var blobs = new InMemoryBlobStore();
        var documents = new JsonDocumentStore(blobs);
        Assert.NotNull(await FoldLease.TryAcquireAsync(documents, LeaseClock, CancellationToken.None));

        Assert.Null(await FoldLease.TryAcquireAsync(documents, LeaseClock, CancellationToken.None));
        var later = new FixedClock(LeaseClock.GetUtcNow() + FoldLease.Duration + TimeSpan.FromSeconds(1));
        Assert.NotNull(await FoldLease.TryAcquireAsync(documents, later, CancellationToken.None));
    }

    [Fact]
    public async Task Dormant_stories_leave_the_index_but_stay_in_storage()
    {
        var articles = new[]
        {
            TestArticles.Make("q1", "Northgate Herald", Samples.Day1, Samples.Quake("q1", 0).Title, Samples.Quake("q1", 0).Text),
            TestArticles.Make("q2", "Northgate Herald", Samples.Day1.AddDays(10), Samples.Quake("q2", 10).Title, Samples.Quake("q2", 10).Text),
        };
        var blobs = new InMemoryBlobStore();
        foreach (var article in articles)
        {
            await new ArticleArchive(blobs).WriteAsync(article);
        }

        var fold = new StoryFold(blobs, new CoverageDiffer(), new Summarizer(), SilentReporter.Instance, LeaseClock,
            new StoryOptions { QuietPeriod = TimeSpan.FromDays(2) });
        foreach (var article in articles)
        {
            await fold.RegisterAsync(article);
        }

        await fold.RunAsync();

        var stored = await ArticlesAsync(blobs);
        Assert.NotEqual(stored[0].StoryId, stored[1].StoryId);
        var index = DigestJson.Deserialize<StoryIndexDocument>((await blobs.GetAsync(Containers.State, StoryTracker.IndexPath))!.Content.Span);
        Assert.Equal([stored[1].StoryId], index.Stories.Select(s => s.Id));
        Assert.NotNull(await new StoryTracker(blobs, LeaseClock).GetAsync(stored[0].StoryId!));
    }

    private static async Task<InMemoryBlobStore> OrderedArchiveAsync()
    {
        var (blobs, fold) = await ArchiveAsync(Corpus());
        foreach (var article in Corpus().OrderBy(a => a.Published).ThenBy(a => a.Id, StringComparer.Ordinal))
        {
            await fold.RegisterAsync(article);
            await fold.RunAsync();
        }

        return blobs;
    }

    private static async Task<(InMemoryBlobStore Blobs, StoryFold Fold)> ArchiveAsync(IEnumerable<Article> articles)
    {
        var blobs = new InMemoryBlobStore();
        foreach (var article in articles)
        {
            await new ArticleArchive(blobs).WriteAsync(article);
        }

        return (blobs, new StoryFold(blobs, new CoverageDiffer(), new Summarizer(), SilentReporter.Instance, LeaseClock));
    }

    /// <summary>The stories, articles and activity: what readers see (the fold's own cursor and checkpoints aside).</summary>
    private static async Task AssertSameArchiveAsync(InMemoryBlobStore expected, InMemoryBlobStore actual)
    {
        foreach (var (container, prefix) in new[] { (Containers.Stories, ""), (Containers.Articles, ""), (Containers.State, "activity/") })
        {
            var want = await ContentsAsync(expected, container, prefix);
            var got = await ContentsAsync(actual, container, prefix);
            Assert.Equal(want.Keys, got.Keys);
            foreach (var (path, text) in want)
            {
                Assert.True(text == got[path], $"{container}/{path} differs:\nexpected {text}\nactual   {got[path]}");
            }
        }

        Assert.Empty(await PendingAsync(actual));
    }

    private static async Task<SortedDictionary<string, string>> ContentsAsync(InMemoryBlobStore blobs, string container, string prefix)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        await foreach (var path in blobs.ListAsync(container, prefix))
        {
            result[path] = Encoding.UTF8.GetString((await blobs.GetAsync(container, path))!.Content.Span);
        }

        return result;
    }

    private static async Task<List<string>> PendingAsync(InMemoryBlobStore blobs)
    {
        var paths = new List<string>();
        await foreach (var path in blobs.ListAsync(Containers.State, PendingArticle.Folder))
        {
            paths.Add(path);
        }

        return paths;
    }

    private static async Task<List<Article>> ArticlesAsync(InMemoryBlobStore blobs)
    {
        var result = new List<Article>();
        await foreach (var path in blobs.ListAsync(Containers.Articles))
        {
            result.Add(DigestJson.Deserialize<Article>((await blobs.GetAsync(Containers.Articles, path))!.Content.Span));
        }

        return result.OrderBy(a => a.Published).ToList();
    }

    /// <summary>Storage that fails from its n-th write on, as a process killed at that point would stop writing.</summary>
    private sealed class DyingBlobStore(IBlobStore inner, int failAt) : IBlobStore
    {
        private int writes;

        public int Writes => writes;

        public Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default)
            => inner.GetAsync(container, path, cancellationToken);

        public Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType,
            BlobCondition condition = default, CancellationToken cancellationToken = default)
            => Interlocked.Increment(ref writes) >= failAt
                ? throw new IOException("killed")
                : inner.PutAsync(container, path, content, contentType, condition, cancellationToken);

        public IAsyncEnumerable<string> ListAsync(string container, string prefix = "", CancellationToken cancellationToken = default)
            => inner.ListAsync(container, prefix, cancellationToken);

        public Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default, CancellationToken cancellationToken = default)
            => Interlocked.Increment(ref writes) >= failAt
                ? throw new IOException("killed")
                : inner.DeleteAsync(container, path, condition, cancellationToken);
    }
}

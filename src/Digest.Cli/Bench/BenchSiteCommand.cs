using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Digest.Core.Articles;
using Digest.Core.Briefings;
using Digest.Core.Diagnostics;
using Digest.Core.Site;
using Digest.Core.Storage;
using Digest.Core.Stories;
using Digest.Core.Summaries;
using Digest.Infrastructure.Storage;

namespace Digest.Cli.Bench;

/// <summary>
/// <c>digest bench site [--articles 10000]</c>: the archive site over a generated archive in a data folder (ten
/// articles a story, one briefing a day): the whole generation, a second one with nothing new, and the work after one
/// new article joins a story (its story's pages alone, as after a fold). Wall time and pages written for each.
/// </summary>
internal static class BenchSiteCommand
{
    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "Articles in the generated archive.", DefaultValueFactory = _ => 10_000 };
        var command = new Command("site", "Benchmark the archive site's generation: whole, unchanged, and after one new article.") { articles };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(articles);
            if (count is < 10 or > 1_000_000)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: --articles must be between 10 and 1000000.");
                return 2;
            }

            var output = parse.InvocationConfiguration.Output;
            var work = Path.Combine(Path.GetTempPath(), "digest-bench-site-" + Guid.NewGuid().ToString("N"));
            try
            {
                var blobs = new FileSystemBlobStore(work);
                await ArchiveAsync(blobs, count, cancellationToken);
                var writer = new SiteWriter(blobs, SilentReporter.Instance);
                output.WriteLine("step                 ms  written  deleted  unchanged");
                output.WriteLine(Line("whole", await TimedAsync(() => writer.WriteAsync(cancellationToken))));
                output.WriteLine(Line("nothing new", await TimedAsync(() => writer.WriteAsync(cancellationToken))));
                var story = await AddArticleAsync(blobs, count, cancellationToken);
                output.WriteLine(Line("one new article", await TimedAsync(() => writer.WriteStoriesAsync([story], cancellationToken))));
                return 0;
            }
            finally
            {
                try
                {
                    Directory.Delete(work, recursive: true);
                }
                catch (IOException)
                {
                    // A temp folder left behind is harmless.
                }
            }
        });
        return command;
    }

    private static readonly DateTimeOffset Start = new(2026, 1, 1, 6, 0, 0, TimeSpan.Zero);

    private static async Task ArchiveAsync(IBlobStore blobs, int count, CancellationToken cancellationToken)
    {
        var documents = new JsonDocumentStore(blobs);
        var archive = new ArticleArchive(blobs);
        var stories = (count + 9) / 10;
        for (var s = 0; s < stories; s++)
        {
            var ids = Enumerable.Range(0, Math.Min(10, count - (s * 10))).Select(i => Id(s, i)).ToList();
            foreach (var (id, i) in ids.Select((id, i) => (id, i)))
            {
                await archive.WriteAsync(Article(id, s, i), cancellationToken);
            }

            await documents.WriteAsync(Containers.Stories, BlobPaths.Story(StoryId(s)), Story(s, ids), cancellationToken: cancellationToken);
        }

        for (var day = 0; day < Math.Max(1, stories / 20); day++)
        {
            var date = DateOnly.FromDateTime(Start.AddDays(day).UtcDateTime);
            var covered = Enumerable.Range(day * 20, 20).Where(s => s < stories).Select(s => new BriefingStory
            {
                StoryId = StoryId(s), Title = Title(s), IsNew = true, Summary = [], Coverage = [],
                WhatsNew = [new AttributedSentence($"Story {s} moved on.", Id(s, 0), "Outlet " + (s % 40))],
            }).ToList();
            await documents.WriteAsync(Containers.Briefings, BlobPaths.Briefing(date, "json"), new Briefing
            {
                Date = date, WindowStart = Start.AddDays(day - 1), WindowEnd = Start.AddDays(day), Stories = covered,
            }, cancellationToken: cancellationToken);
        }
    }

    private static async Task<string> AddArticleAsync(IBlobStore blobs, int count, CancellationToken cancellationToken)
    {
        var s = ((count + 9) / 10) / 2;
        var documents = new JsonDocumentStore(blobs);
        var story = (await documents.GetAsync<Story>(Containers.Stories, BlobPaths.Story(StoryId(s)), cancellationToken))!;
        var added = Article(Id(s, 99), s, 99);
        await new ArticleArchive(blobs).WriteAsync(added, cancellationToken);
        await documents.WriteAsync(Containers.Stories, BlobPaths.Story(story.Id), story with { ArticleIds = [.. story.ArticleIds, added.Id] },
            cancellationToken: cancellationToken);
        return story.Id;
    }

    private static string Id(int story, int index) => string.Create(CultureInfo.InvariantCulture, $"a-{story}-{index}");

    private static string StoryId(int story) => string.Create(CultureInfo.InvariantCulture, $"s-{story}");

    private static string Title(int story) => string.Create(CultureInfo.InvariantCulture, $"Harbour talks round {story} in Vellmar");

    private static Article Article(string id, int story, int index)
    {
        var published = Start.AddHours((story * 2) + index);
        return new Article
        {
            Id = id, Url = new Uri("https://outlet" + (story % 40).ToString(CultureInfo.InvariantCulture) + ".example/" + id),
            Outlet = "Outlet " + (story % 40).ToString(CultureInfo.InvariantCulture), SourceId = "outlet-" + (story % 40).ToString(CultureInfo.InvariantCulture),
            Title = Title(story) + ", report " + index.ToString(CultureInfo.InvariantCulture), Published = published, FetchedAt = published,
            Text = "Body.", Status = ArticleStatus.Processed, StoryId = StoryId(story),
            Summary = [string.Create(CultureInfo.InvariantCulture, $"Report {index} on round {story} of the harbour talks, with the ships waiting at anchor.")],
        };
    }

    private static Story Story(int story, List<string> ids) => new()
    {
        Id = StoryId(story), Title = Title(story), ArticleIds = ids, FirstSeen = Start.AddHours(story * 2), LastUpdated = Start.AddHours((story * 2) + ids.Count),
        Summary = [new AttributedSentence($"Round {story} of the harbour talks.", ids[0], "Outlet " + (story % 40))],
    };

    private static async Task<(TimeSpan Elapsed, SiteWriteResult Result)> TimedAsync(Func<Task<SiteWriteResult>> step)
    {
        var watch = Stopwatch.StartNew();
        var result = await step();
        return (watch.Elapsed, result);
    }

    private static string Line(string step, (TimeSpan Elapsed, SiteWriteResult Result) timed)
        => string.Create(CultureInfo.InvariantCulture,
            $"{step,-16} {timed.Elapsed.TotalMilliseconds,8:F0} {timed.Result.Written,8} {timed.Result.Deleted,8} {timed.Result.Unchanged,10}");
}

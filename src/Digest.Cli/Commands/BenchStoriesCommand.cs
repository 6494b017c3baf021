using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Digest.Core.Coverage;
using Digest.Core.Stories;
using Digest.Core.Stories.Evaluation;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest bench stories --sizes 1000,10000,100000</c>: streams a generated archive through the clustering engine and
/// the coverage diff (against the story's last few articles) and prints time per article and memory at each size. The
/// archive spans many days, so the set of active stories stays bounded: per-article time should stay flat as it grows.
/// With <c>--one-story 100,200,400,1000</c> it measures instead one story of that many copies (<see cref="OneStoryBench"/>).
/// </summary>
internal static class BenchStoriesCommand
{
    /// <summary>Articles run (unmeasured) first so that every size is measured with fully tiered-up JIT code.</summary>
    private const int WarmupArticles = 5000;

    /// <summary>Copies run (unmeasured) before the one-story sizes, for the same reason.</summary>
    private const int OneStoryWarmupCopies = 60;

    public static Command Create()
    {
        var sizes = new Option<string>("--sizes") { Description = "Comma-separated archive sizes.", DefaultValueFactory = _ => "1000,10000,100000" };
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 20261122 };
        var oneStory = new Option<string?>("--one-story")
        {
            Description = "Instead: comma-separated numbers of copies of ONE story, each run through the whole process stage.",
        };
        var command = new Command("stories", "Benchmark story clustering and the coverage diff on generated archives.") { sizes, seed, oneStory };
        command.SetAction(parseResult =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(oneStory) is { } copies)
            {
                if (ParseSizes("--one-story", copies, parseResult.InvocationConfiguration.Error) is not { } counts)
                {
                    return 2;
                }

                OneStoryBench.Run(OneStoryWarmupCopies, output: null);
                output.WriteLine(OneStoryBench.Header);
                foreach (var count in counts)
                {
                    OneStoryBench.Run(count, output);
                }

                return 0;
            }

            if (ParseSizes("--sizes", parseResult.GetValue(sizes) ?? string.Empty, parseResult.InvocationConfiguration.Error) is not { } parsed)
            {
                return 2;
            }

            var seedValue = parseResult.GetValue(seed);
            Run(WarmupArticles, seedValue, output: null);
            output.WriteLine("articles  us/article  cluster-us  (features-us)  diff-us  cpu-us/article  active-stories  B3-F1  managed-MB  peak-WS-MB  alloc-KB/article  gc-pause-%  gc0/gc1/gc2");
            foreach (var size in parsed)
            {
                Run(size, seedValue, output);
            }

            return 0;
        });
        return command;
    }

    private static List<int>? ParseSizes(string option, string text, TextWriter error)
    {
        var parsed = new List<int>();
        foreach (var part in text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size <= 0)
            {
                error.WriteLine($"{option}: '{part}' is not a positive whole number.");
                return null;
            }

            parsed.Add(size);
        }

        return parsed;
    }

    private static void Run(int size, int seed, TextWriter? output)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var options = new StoryOptions();
        var clusterer = new StoryClusterer(options);
        var differ = new CoverageDiffer();
        var recent = new Dictionary<string, List<CoverageDocument>>(StringComparer.Ordinal);
        // Compact bookkeeping (ints per article) so the bench's own memory does not grow the heap it measures.
        var gold = new int[size];
        var predicted = new int[size];
        var storyNumbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var cpuBefore = ProcessorTime();
        var pausedBefore = GC.GetTotalPauseDuration();
        var collectionsBefore = Collections();
        var clusterTime = new Stopwatch();
        var featuresTime = new Stopwatch();
        var diffTime = new Stopwatch();
        var generated = 0;
        foreach (var (article, story) in SyntheticArchive.Generate(size, seed))
        {
            clusterTime.Start();
            featuresTime.Start();
            var features = ArticleFeatures.Create(article, options);
            featuresTime.Stop();
            var assignment = clusterer.Assign(features);
            clusterTime.Stop();

            diffTime.Start();
            var earlier = recent.TryGetValue(assignment.StoryId, out var list) ? list : recent[assignment.StoryId] = [];
            _ = differ.Diff(article, earlier);
            earlier.Add(article);
            if (earlier.Count > 3)
            {
                earlier.RemoveAt(0);
            }

            diffTime.Stop();
            gold[generated] = story;
            predicted[generated] = storyNumbers.TryGetValue(assignment.StoryId, out var number) ? number : storyNumbers[assignment.StoryId] = storyNumbers.Count;
            if (++generated % 2000 == 0)
            {
                ForgetQuietStories(recent, article.Published!.Value - options.QuietPeriod);
            }
        }

        if (output is null)
        {
            return;
        }

        var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
        var cpu = ProcessorTime() - cpuBefore;
        var paused = GC.GetTotalPauseDuration() - pausedBefore;
        var collections = Collections();
        var managed = GC.GetTotalMemory(forceFullCollection: true);
        var total = clusterTime.Elapsed + diffTime.Elapsed;
        using var process = Process.GetCurrentProcess();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{size,8}  {total.TotalMicroseconds / size,10:F1}  {clusterTime.Elapsed.TotalMicroseconds / size,10:F1}  {featuresTime.Elapsed.TotalMicroseconds / size,13:F1}  {diffTime.Elapsed.TotalMicroseconds / size,7:F1}  {cpu.TotalMicroseconds / size,14:F1}  {clusterer.ActiveStoryCount,14}  {BCubedF1(gold, predicted) * 100,5:F1}  {managed / 1048576.0,10:F1}  {process.PeakWorkingSet64 / 1048576.0,10:F1}  {allocated / 1024.0 / size,16:F1}  {100 * paused / total,10:F1}  {collections[0] - collectionsBefore[0]}/{collections[1] - collectionsBefore[1]}/{collections[2] - collectionsBefore[2]}"));
    }

    /// <summary>Collections so far of each generation (a gen-1 count includes the gen-2 ones, and so on).</summary>
    private static int[] Collections() => [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];

    private static double BCubedF1(int[] gold, int[] predicted)
    {
        static Dictionary<string, string> Labels(int[] labels)
            => labels.Select((label, i) => (label, i)).ToDictionary(p => p.i.ToString(CultureInfo.InvariantCulture), p => p.label.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
        return BCubed.Score(Labels(gold), Labels(predicted)).F1;
    }

    /// <summary>CPU time of the whole process (all threads, GC included): less disturbed than wall time on a shared machine.</summary>
    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    /// <summary>The bench keeps the last articles of active stories only, like a worker that loads earlier coverage on demand.</summary>
    private static void ForgetQuietStories(Dictionary<string, List<CoverageDocument>> recent, DateTimeOffset cutoff)
    {
        foreach (var id in recent.Where(p => p.Value[^1].Published < cutoff).Select(p => p.Key).ToList())
        {
            recent.Remove(id);
        }
    }
}

/// <summary>
/// A deterministic synthetic news archive: stories with their own topic words, people and places, each told by a few
/// outlets over one to five days, interleaved with about 150 articles a day; some articles are wire copies of another.
/// </summary>
internal static class SyntheticArchive
{
    private const int ArticlesPerDay = 150;
    private static readonly string[] Syllables =
    [
        "ka", "lo", "mer", "tan", "vi", "sor", "en", "dra", "pul", "ith", "gar", "ol", "bes", "nu", "rak", "fi", "zan", "mo",
        "tel", "ur", "qua", "den", "sil", "ob", "har", "ne", "cor", "ly", "pim", "os",
    ];

    public static IEnumerable<(CoverageDocument Article, int Story)> Generate(int count, int seed)
    {
        var random = new Random(seed);
        var background = Enumerable.Range(0, 3000).Select(i => Word(i, 2)).ToArray();
        var live = new List<SyntheticStory>();
        var start = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var storyNumber = 0;
        for (var n = 0; n < count; n++)
        {
            var time = start.AddSeconds(n * 86400.0 / ArticlesPerDay);
            live.RemoveAll(s => s.Remaining <= 0 || time - s.Started > TimeSpan.FromDays(5));
            if (live.Count < 20 || random.NextDouble() < 0.25)
            {
                live.Add(NewStory(random, storyNumber++, time));
            }

            var story = live[random.Next(live.Count)];
            story.Remaining--;
            var id = "a" + n.ToString(CultureInfo.InvariantCulture);
            var outlet = "Outlet " + (char)('A' + random.Next(12));
            string text;
            if (story.Texts.Count > 0 && random.NextDouble() < 0.1)
            {
                text = story.Texts[random.Next(story.Texts.Count)];
            }
            else
            {
                text = Text(random, story, background);
                story.Texts.Add(text);
            }

            var title = string.Join(' ', story.Topic.Take(2).Concat([story.People[0]]).Concat([background[random.Next(200)]]));
            yield return (new CoverageDocument(id, outlet, title, text, time), story.Number);
        }
    }

    private static SyntheticStory NewStory(Random random, int number, DateTimeOffset time)
    {
        // Story-specific vocabulary comes from a large space of three-syllable words, so topics rarely collide.
        string Pick() => Word(random.Next(20_000) + 3000, 3);
        string Name() => char.ToUpperInvariant(Pick()[0]) + Word(random.Next(20_000) + 3000, 3)[1..];
        return new SyntheticStory(number, time)
        {
            Topic = Enumerable.Range(0, 12).Select(_ => Pick()).ToArray(),
            People = Enumerable.Range(0, 3).Select(_ => Name() + " " + Name()).ToArray(),
            Remaining = 2 + random.Next(11),
        };
    }

    private static string Text(Random random, SyntheticStory story, string[] background)
    {
        var sentences = new List<string>();
        // Fourteen sentences of sixteen words: a full article (over StoryOptions.BridgeWords), as feeds' pages are, not a brief.
        for (var s = 0; s < 14; s++)
        {
            var words = new List<string>();
            for (var w = 0; w < 16; w++)
            {
                var roll = random.NextDouble();
                words.Add(roll < 0.3 ? story.Topic[random.Next(story.Topic.Length)]
                    : roll < 0.35 ? story.People[random.Next(story.People.Length)]
                    : roll < 0.38 ? random.Next(10, 90_000).ToString("N0", CultureInfo.InvariantCulture)
                    : background[(int)(background.Length * Math.Pow(random.NextDouble(), 3))]);
            }

            var sentence = string.Join(' ', words);
            sentences.Add(char.ToUpperInvariant(sentence[0]) + sentence[1..] + ".");
        }

        return string.Join(' ', sentences);
    }

    private static string Word(int index, int syllables)
    {
        var chars = new System.Text.StringBuilder();
        for (var i = 0; i < syllables; i++)
        {
            chars.Append(Syllables[index % Syllables.Length]);
            index /= Syllables.Length;
        }

        return chars.ToString();
    }

    private sealed class SyntheticStory(int number, DateTimeOffset started)
    {
        public int Number { get; } = number;
        public DateTimeOffset Started { get; } = started;
        public string[] Topic { get; init; } = [];
        public string[] People { get; init; } = [];
        public int Remaining { get; set; }
        public List<string> Texts { get; } = [];
    }
}

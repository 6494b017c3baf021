using System.Diagnostics;
using System.Globalization;
using Digest.Core.Articles;
using Digest.Core.Coverage;
using Digest.Core.Diagnostics;
using Digest.Core.Processing;
using Digest.Core.Stories;
using Digest.Core.Storage;
using Digest.Core.Summaries;
using Digest.Infrastructure.Storage;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest bench stories --one-story 100,200,400,1000</c>: the hostile case of one story told N times (one wire story
/// syndicated by N outlets). Runs the whole process stage (<see cref="ProcessHandler"/> and its fold, one article at a time,
/// over the embedded file-system store) on N near-identical copies and prints time per article, split by step, and peak
/// working set. The cost per article should stay flat as N grows.
/// </summary>
internal static class OneStoryBench
{
    public const string Header = "copies  us/article  cpu-us/article  diff-us  summary-us  other-us  reads/article  peak-WS-MB  alloc-KB/article";

    public static void Run(int copies, TextWriter? output)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var folder = Path.Combine(Path.GetTempPath(), "digest-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            var files = new FileSystemBlobStore(folder);
            var blobs = new CountingBlobStore(files);
            var archive = new ArticleArchive(blobs);
            var articles = OneStoryArchive.Generate(copies).ToList();
            foreach (var article in articles)
            {
                archive.WriteAsync(article).GetAwaiter().GetResult();
            }

            var differ = new TimedDiffer(new CoverageDiffer());
            var summarizer = new TimedSummarizer(new Summarizer());
            var handler = new ProcessHandler(blobs, new StoryFold(blobs, differ, summarizer, SilentReporter.Instance, TimeProvider.System),
                SilentReporter.Instance);
            blobs.Reads = 0;
            var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
            var cpuBefore = ProcessorTime();
            var total = Stopwatch.StartNew();
            foreach (var article in articles)
            {
                handler.ProcessAsync(article.Id).GetAwaiter().GetResult();
            }

            total.Stop();
            var cpu = ProcessorTime() - cpuBefore;
            if (output is null)
            {
                return;
            }

            var allocated = GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore;
            var other = total.Elapsed - differ.Elapsed - summarizer.Elapsed;
            using var process = Process.GetCurrentProcess();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{copies,6}  {Per(total.Elapsed, copies),10:F0}  {Per(cpu, copies),14:F0}  {Per(differ.Elapsed, copies),7:F0}  {Per(summarizer.Elapsed, copies),10:F0}  {Per(other, copies),8:F0}  {(double)blobs.Reads / copies,13:F1}  {process.PeakWorkingSet64 / 1048576.0,10:F1}  {allocated / 1024.0 / copies,16:F1}"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>CPU time of the whole process: less disturbed than wall time on a shared machine, but blind to I/O waits.</summary>
    private static TimeSpan ProcessorTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static double Per(TimeSpan elapsed, int copies) => elapsed.TotalMicroseconds / copies;

    /// <summary>Counts blob reads: the process stage's I/O per article, independent of the machine's disk.</summary>
    private sealed class CountingBlobStore(IBlobStore inner) : IBlobStore
    {
        public long Reads { get; set; }

        public Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default)
        {
            Reads++;
            return inner.GetAsync(container, path, cancellationToken);
        }

        public Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType,
            BlobCondition condition = default, CancellationToken cancellationToken = default)
            => inner.PutAsync(container, path, content, contentType, condition, cancellationToken);

        public IAsyncEnumerable<string> ListAsync(string container, string prefix = "", CancellationToken cancellationToken = default)
            => inner.ListAsync(container, prefix, cancellationToken);

        public Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default, CancellationToken cancellationToken = default)
            => inner.DeleteAsync(container, path, condition, cancellationToken);
    }

    private sealed class TimedDiffer(ICoverageDiffer inner) : ICoverageDiffer
    {
        private readonly Stopwatch watch = new();

        public TimeSpan Elapsed => watch.Elapsed;

        public NoveltyReport Diff(CoverageDocument article, IReadOnlyList<CoverageDocument> earlier)
        {
            watch.Start();
            try
            {
                return inner.Diff(article, earlier);
            }
            finally
            {
                watch.Stop();
            }
        }
    }

    private sealed class TimedSummarizer(ISummarizer inner) : ISummarizer
    {
        private readonly Stopwatch watch = new();

        public TimeSpan Elapsed => watch.Elapsed;

        public IReadOnlyList<string> SummarizeArticle(CoverageDocument article, int maxSentences = 3)
            => Time(() => inner.SummarizeArticle(article, maxSentences));

        public IReadOnlyList<AttributedSentence> SummarizeStory(IReadOnlyList<CoverageDocument> articles, int maxWords)
            => Time(() => inner.SummarizeStory(articles, maxWords));

        public IReadOnlyList<AttributedSentence> SummarizeNew(IReadOnlyList<CoverageDocument> recent, IReadOnlyList<CoverageDocument> earlier, int maxWords)
            => Time(() => inner.SummarizeNew(recent, earlier, maxWords));

        private T Time<T>(Func<T> work)
        {
            watch.Start();
            try
            {
                return work();
            }
            finally
            {
                watch.Stop();
            }
        }
    }
}

/// <summary>
/// One wire story republished by many outlets, a minute apart: each copy has the wire text with the outlet's own
/// headline, a line of its own and, every tenth copy, an updated toll — near-identical members, as syndication makes them.
/// </summary>
internal static class OneStoryArchive
{
    private static readonly string[] Wire =
    [
        "Flood water broke through the levee at Marrow Creek on Tuesday night, forcing about 3,000 residents of Lower Hesby from their homes.",
        "Emergency crews from the Hesby county fire service worked through the night to fill sandbags along the eastern embankment.",
        "\"We have never seen the river rise this fast,\" said Ines Kovalenko, the county's emergency manager.",
        "The regional water authority said the river at the Hesby gauge peaked at 6.4 metres shortly after midnight.",
        "Schools in Lower Hesby and Dunmore will stay closed on Wednesday, the county council said.",
        "Governor Alan Treadwell declared a state of emergency for Hesby county and asked for federal help.",
        "Shelters at the Dunmore sports hall and the Hesby community college had taken in 850 people by Wednesday morning.",
        "The levee, built in 1962, had been listed as in need of repair in a state inspection report two years ago.",
        "\"The repairs were planned for next spring,\" said Marta Oyelaran, a spokeswoman for the water authority.",
        "Rail services between Hesby and the coast were suspended after water covered the tracks near Dunmore.",
        "Forecasters expect more rain on Thursday, with up to 40 millimetres possible in the hills above the creek.",
        "Residents were told to boil tap water until further notice after the Hesby treatment plant lost power.",
    ];

    public static IEnumerable<Article> Generate(int copies)
    {
        var start = new DateTimeOffset(2026, 3, 10, 6, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < copies; i++)
        {
            var number = i.ToString(CultureInfo.InvariantCulture);
            var outlet = "Outlet " + number;
            var sentences = Wire.ToList();
            if (i % 10 == 9)
            {
                // An update every so often: the toll grows, so copies are near-identical rather than byte-identical.
                sentences[6] = string.Create(CultureInfo.InvariantCulture,
                    $"Shelters at the Dunmore sports hall and the Hesby community college had taken in {850 + (i * 3)} people by Wednesday morning.");
            }

            sentences.Add($"This report was published by {outlet} with material from wire agencies.");
            var published = start.AddMinutes(i);
            yield return new Article
            {
                Id = "one-" + i.ToString("D5", CultureInfo.InvariantCulture),
                Url = new Uri("https://outlet" + number + ".example/news/levee-breach"),
                Outlet = outlet,
                SourceId = "outlet-" + number,
                Title = (i % 3) switch
                {
                    0 => "Levee breach at Marrow Creek forces 3,000 from homes",
                    1 => "Thousands flee as Marrow Creek levee fails in Hesby county",
                    _ => "Hesby flood: levee gives way, state of emergency declared",
                },
                Published = published,
                Text = string.Join("\n\n", sentences),
                FetchedAt = published,
                Status = ArticleStatus.Extracted,
            };
        }
    }
}

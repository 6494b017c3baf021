using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Digest.Cli.Commands;
using Digest.Cli.Hosting;
using Digest.Core.Articles;
using Digest.Core.Json;
using Digest.Core.Storage;
using Digest.Core.Stories.Evaluation;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Configuration;
using Digest.Infrastructure.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Digest.Cli.Bench;

/// <summary>
/// <c>digest bench cycle [--articles 1000] [--feeds 50] [--storage CONN]</c>: one whole <c>digest run</c> — fetch feeds
/// and pages over loopback HTTP, extract, fold, brief — over a generated corpus, timed end to end, with peak working
/// set, write conflicts (ETag retries) and the clustering's B-cubed F1 against the generator's stories. With
/// <c>--archived N</c> an archive of N earlier articles is built first (unmeasured), so the cost of a day's articles can
/// be compared as the archive grows.
/// </summary>
internal static class BenchCycleCommand
{
    public const string Header = "archived  articles  feeds  store     seconds  ms/article  articles/s  peak-WS-MB  conflicts  processed  B3-F1";

    public static Command Create()
    {
        var articles = new Option<int>("--articles") { Description = "Articles to generate.", DefaultValueFactory = _ => 1000 };
        var feeds = new Option<int>("--feeds") { Description = "Outlets (feeds) to spread them over.", DefaultValueFactory = _ => 50 };
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 20261201 };
        var archived = new Option<string>("--archived")
        {
            Description = "Comma-separated sizes of an archive built first (unmeasured); one measured run per size.",
            DefaultValueFactory = _ => "0",
        };
        var storage = CommonOptions.Storage();
        var command = new Command("cycle", "Benchmark one whole cycle (fetch to briefing) on generated outlets served over loopback HTTP.")
        {
            articles, feeds, seed, archived, storage,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(articles);
            var feedCount = parse.GetValue(feeds);
            if (count < 1 || feedCount < 1 || feedCount > count)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: --articles and --feeds must be positive, with no more feeds than articles.");
                return 2;
            }

            var sizes = new List<int>();
            foreach (var part in (parse.GetValue(archived) ?? "0").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var size))
                {
                    parse.InvocationConfiguration.Error.WriteLine($"error: --archived: '{part}' is not a whole number.");
                    return 2;
                }

                sizes.Add(size);
            }

            // Checked before the first run, so a malformed string is named by the flag.
            var connection = parse.GetValue(storage);
            if (connection is not null)
            {
                StorageConnection.FromConnectionString(connection, "--storage");
            }

            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(Header);
            foreach (var size in sizes)
            {
                var result = await RunAsync(count, feedCount, parse.GetValue(seed), connection, size, cancellationToken);
                output.WriteLine(result.ToLine());
            }

            return 0;
        });
        return command;
    }

    public static async Task<BenchCycleResult> RunAsync(int articles, int feeds, int seed, string? storage,
        int archived, CancellationToken cancellationToken)
    {
        var work = Path.Combine(Path.GetTempPath(), "digest-bench-cycle-" + Guid.NewGuid().ToString("N"));
        try
        {
            var data = Path.Combine(work, "data");
            var later = TimeSpan.Zero;
            if (archived > 0)
            {
                // The earlier archive, told over its own days, then the measured articles after it.
                var earlier = GeneratedOutlets.Write(Path.Combine(work, "earlier"), archived, feeds, seed + 1, prefix: "old-");
                await using var earlierServer = await LoopbackFolderServer.StartAsync(earlier.Root);
                var earlierSources = earlier.WriteSources(Path.Combine(work, "earlier.json"), earlierServer.BaseUri, archived);
                var earlierConfig = SourcesFileReader.Read(earlierSources);
                using var builder = LocalApp.Open(new LocalAppOptions(earlierSources, data, storage,
                    new FixedTimeProvider(earlierConfig.DefaultNow!.Value), TextWriter.Null));
                await new DigestCycle(builder).RunAsync(TimeSpan.FromHours(24), send: false, cancellationToken);
                later = earlier.Latest - new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) + TimeSpan.FromHours(2);
            }

            var outlets = GeneratedOutlets.Write(Path.Combine(work, "site"), articles, feeds, seed, prefix: "new-", shift: later);
            await using var server = await LoopbackFolderServer.StartAsync(outlets.Root);
            var sources = outlets.WriteSources(Path.Combine(work, "sources.json"), server.BaseUri, articles);
            var config = SourcesFileReader.Read(sources);
            GC.Collect();
            var watch = Stopwatch.StartNew();
            ConflictCountingBlobStore? conflicts = null;
            using (var host = LocalApp.Open(new LocalAppOptions(sources, data, storage,
                       new FixedTimeProvider(config.DefaultNow!.Value), TextWriter.Null,
                       services => services.AddSingleton<IBlobStore>(provider =>
                           conflicts = new ConflictCountingBlobStore(provider.GetRequiredService<DigestStorage>().Blobs)))))
            {
                var blobs = host.Get<IBlobStore>();
                var cycle = await new DigestCycle(host).RunAsync(TimeSpan.FromHours(24), send: false, cancellationToken);
                watch.Stop();
                var f1 = await ClusteringF1Async(blobs, outlets, cancellationToken);
                using var process = Process.GetCurrentProcess();
                return new BenchCycleResult(archived, articles, feeds, storage is null ? "files" : "azure", watch.Elapsed,
                    process.PeakWorkingSet64 / 1048576.0, conflicts!.Conflicts, cycle.Processed, f1);
            }
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
    }

    private static async Task<double> ClusteringF1Async(IBlobStore blobs, GeneratedOutlets outlets, CancellationToken cancellationToken)
    {
        var gold = new Dictionary<string, string>(StringComparer.Ordinal);
        var predicted = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var path in blobs.ListAsync(Containers.Articles, "", cancellationToken))
        {
            var blob = await blobs.GetAsync(Containers.Articles, path, cancellationToken);
            var article = blob is null ? null : DigestJson.Deserialize<Article>(blob.Content.Span);
            var page = article?.Url.Segments[^1];
            if (article?.StoryId is { } story && page is not null && outlets.StoryOfPage.TryGetValue(page, out var number)
                && page.StartsWith("new-", StringComparison.Ordinal))
            {
                gold[article.Id] = number.ToString(CultureInfo.InvariantCulture);
                predicted[article.Id] = story;
            }
        }

        return gold.Count == 0 ? 0 : BCubed.Score(gold, predicted).F1;
    }

    /// <summary>Counts failed conditional writes: how often workers collided on one document and had to retry.</summary>
    private sealed class ConflictCountingBlobStore(IBlobStore inner) : IBlobStore
    {
        private int conflicts;

        public int Conflicts => conflicts;

        public Task<StoredBlob?> GetAsync(string container, string path, CancellationToken cancellationToken = default)
            => inner.GetAsync(container, path, cancellationToken);

        public async Task<string> PutAsync(string container, string path, ReadOnlyMemory<byte> content, string contentType,
            BlobCondition condition = default, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.PutAsync(container, path, content, contentType, condition, cancellationToken);
            }
            catch (BlobPreconditionFailedException)
            {
                Interlocked.Increment(ref conflicts);
                throw;
            }
        }

        public IAsyncEnumerable<string> ListAsync(string container, string prefix = "", CancellationToken cancellationToken = default)
            => inner.ListAsync(container, prefix, cancellationToken);

        public async Task<bool> DeleteAsync(string container, string path, BlobCondition condition = default, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.DeleteAsync(container, path, condition, cancellationToken);
            }
            catch (BlobPreconditionFailedException)
            {
                Interlocked.Increment(ref conflicts);
                throw;
            }
        }
    }
}

internal sealed record BenchCycleResult(int Archived, int Articles, int Feeds, string Store, TimeSpan Elapsed, double PeakWorkingSetMb, int Conflicts,
    int Processed, double ClusteringF1)
{
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"{Archived,8}  {Articles,8}  {Feeds,5}  {Store,-6}  {Elapsed.TotalSeconds,9:F1}  {Elapsed.TotalMilliseconds / Articles,10:F1}  {Articles / Elapsed.TotalSeconds,10:F1}  {PeakWorkingSetMb,10:F0}  {Conflicts,9}  {Processed,9}  {ClusteringF1 * 100,5:F1}");
}

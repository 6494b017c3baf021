using BenchmarkDotNet.Attributes;
using Digest.Core.Extraction;

namespace Digest.Benchmarks;

/// <summary>
/// Article extraction over the own-written evaluation set: each invocation extracts the next page of the set, so the
/// reported mean is time per page (pages/s = 1 s / mean) and "Allocated" is bytes per page, averaged over the set.
/// Run from the repository root: <c>dotnet run -c Release --project bench/Digest.Benchmarks -- --filter *Extraction*</c>.
/// </summary>
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private const string SetPath = "tests/Digest.Core.Tests/Extraction/EvalSet";

    private readonly ArticleExtractor _extractor = new();
    private List<(byte[] Html, string? ContentType)> _pages = [];
    private int _next;

    [GlobalSetup]
    public void LoadEvalSet()
    {
        var directory = FindSetDirectory();
        _pages = Directory.GetFiles(directory, "*.html")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var headers = Path.ChangeExtension(path, ".headers");
                var contentType = File.Exists(headers) ? File.ReadAllText(headers).Split(':', 2)[1].Trim() : null;
                return (File.ReadAllBytes(path), contentType);
            })
            .ToList();
        if (_pages.Count == 0)
        {
            throw new InvalidOperationException($"No pages in {directory}.");
        }
    }

    [Benchmark(Description = "Extract one eval-set page (cycling through the set)")]
    public int ExtractPage()
    {
        var (html, contentType) = _pages[_next];
        _next = (_next + 1) % _pages.Count;
        return _extractor.Extract(html, contentType, url: null).Text.Length;
    }

    /// <summary>BenchmarkDotNet runs the benchmark from a generated folder; the set is found by walking up from there.</summary>
    private static string FindSetDirectory()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, SetPath);
                if (Directory.Exists(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new DirectoryNotFoundException($"Could not find {SetPath} above {Environment.CurrentDirectory}.");
    }
}

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
    private List<(byte[] Html, string? ContentType)> _heavyPages = [];
    private int _next;
    private int _nextHeavy;

    [GlobalSetup]
    public void LoadEvalSet()
    {
        var directory = FindSetDirectory();
        _pages = Directory.GetFiles(directory, "*.html")
            .Order(StringComparer.Ordinal)
            .Select(path =>
            {
                var headers = Path.ChangeExtension(path, ".headers");
                var contentType = File.Exists(headers) ? ExtractionEvalCase.ContentTypeFromHeaders(File.ReadAllText(headers)) : null;
                return (File.ReadAllBytes(path), contentType);
            })
            .ToList();
        if (_pages.Count == 0)
        {
            throw new InvalidOperationException($"No pages in {directory}.");
        }

        _heavyPages = _pages.ConvertAll(page => (AddTypicalPageWeight(page.Html), page.ContentType));
    }

    /// <summary>
    /// The eval pages are lean; a typical news page is ~100 KB, most of it inline scripts and styles, menus and footer
    /// links. This wraps each eval page in that weight (bytes kept as they are, so legacy encodings stay intact).
    /// </summary>
    private static byte[] AddTypicalPageWeight(byte[] html)
    {
        var latin1 = System.Text.Encoding.Latin1;
        var text = latin1.GetString(html);
        var script = "<script>" + string.Concat(Enumerable.Range(0, 900).Select(i => $"window.__cfg{i}={{id:{i},name:\"module-{i}\",enabled:true,opts:{{a:1,b:\"<div>x</div>\"}}}};")) + "</script>";
        var style = "<style>" + string.Concat(Enumerable.Range(0, 400).Select(i => $".c-{i}{{margin:0 {i % 9}px;padding:{i % 7}px}}")) + "</style>";
        var menu = "<div class=\"mega-menu\"><ul>" + string.Concat(Enumerable.Range(0, 20).Select(i => $"<li><a href=\"/s/{i}\">Section {i}</a><ul>"
            + string.Concat(Enumerable.Range(0, 8).Select(j => $"<li><a href=\"/s/{i}/{j}\">Topic {j}</a></li>")) + "</ul></li>")) + "</ul></div>";
        var footer = "<div class=\"site-footer-links\">" + string.Concat(Enumerable.Range(0, 120).Select(i => $"<a href=\"/f/{i}\">Footer link {i}</a> ")) + "</div>";
        var bodyStart = text.IndexOf("<body", StringComparison.OrdinalIgnoreCase);
        var padded = bodyStart < 0
            ? style + script + menu + text + footer
            : text[..bodyStart] + style + script + text[bodyStart..(text.IndexOf('>', bodyStart) + 1)] + menu + text[(text.IndexOf('>', bodyStart) + 1)..] + footer;
        return latin1.GetBytes(padded);
    }

    [Benchmark(Description = "Extract one eval-set page (cycling through the set)")]
    public int ExtractPage()
    {
        var (html, contentType) = _pages[_next];
        _next = (_next + 1) % _pages.Count;
        return _extractor.Extract(html, contentType, url: null).Text.Length;
    }

    [Benchmark(Description = "Extract one typical-weight news page (~100 KB, cycling)")]
    public int ExtractTypicalPage()
    {
        var (html, contentType) = _heavyPages[_nextHeavy];
        _nextHeavy = (_nextHeavy + 1) % _heavyPages.Count;
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

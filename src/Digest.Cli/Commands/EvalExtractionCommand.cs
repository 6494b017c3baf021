using System.CommandLine;
using System.Globalization;
using Digest.Core.Extraction;
using Digest.Core.Safety;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest eval extraction [--set DIR]</c>: scores the extractor on an own-written set (<c>name.html</c> +
/// <c>name.txt</c> expected body, optional <c>name.headers</c>; a .txt starting with <c>#not-article</c> expects the
/// page to be recognized as not an article) with the article-extraction benchmark metric; and a snippet-judged set
/// (<c>id.html</c> + <c>id.snippets.json</c> with <c>url</c>, <c>with</c>, <c>without</c>, as trafilatura's evaluation
/// corpus) with that corpus' metric: precision, recall and F1 of passages found, and the pages left with an empty body.
/// </summary>
internal static class EvalExtractionCommand
{
    public const string DefaultSet = "tests/Digest.Core.Tests/Extraction/EvalSet";

    public static Command Create()
    {
        var set = new Option<DirectoryInfo>("--set") { Description = "Folder of the evaluation set.", DefaultValueFactory = _ => new DirectoryInfo(DefaultSet) };
        var command = new Command("extraction", "Score article extraction (shingle precision/recall/F1) on an evaluation set.") { set };
        command.SetAction(parseResult => Run(parseResult.GetValue(set)!, parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error));
        return command;
    }

    internal static int Run(DirectoryInfo setDir, TextWriter stdout, TextWriter stderr)
    {
        if (!setDir.Exists)
        {
            stderr.WriteLine($"digest eval extraction: evaluation set '{setDir.FullName}' does not exist.");
            return 2;
        }

        var cases = new List<ExtractionEvalCase>();
        var snippetCases = new List<SnippetEvalCase>();
        foreach (var page in setDir.GetFiles("*.html"))
        {
            var name = Path.GetFileNameWithoutExtension(page.Name);
            var expectedPath = Path.Combine(setDir.FullName, name + ".txt");
            var snippetsPath = Path.Combine(setDir.FullName, name + SnippetEvalCase.FileSuffix);
            var headersPath = Path.Combine(setDir.FullName, name + ".headers");
            var headers = File.Exists(headersPath) ? File.ReadAllText(headersPath) : null;
            if (File.Exists(snippetsPath))
            {
                try
                {
                    snippetCases.Add(SnippetEvalCase.FromFiles(name, File.ReadAllBytes(page.FullName), File.ReadAllText(snippetsPath), headers));
                }
                catch (Exception exception) when (exception is FormatException or System.Text.Json.JsonException)
                {
                    stderr.WriteLine($"digest eval extraction: {SafeText.ForTerminal(name + SnippetEvalCase.FileSuffix)}: {SafeText.ForTerminal(exception.Message)}; skipped.");
                }

                continue;
            }

            if (!File.Exists(expectedPath))
            {
                stderr.WriteLine($"digest eval extraction: {page.Name} has no {name}.txt with the expected text nor {name}{SnippetEvalCase.FileSuffix}; skipped.");
                continue;
            }

            cases.Add(ExtractionEvalCase.FromFiles(name, File.ReadAllBytes(page.FullName), File.ReadAllText(expectedPath), headers));
        }

        if (cases.Count == 0 && snippetCases.Count == 0)
        {
            stderr.WriteLine($"digest eval extraction: no pages with expected text or snippets in '{setDir.FullName}'.");
            return 2;
        }

        if (cases.Count > 0)
        {
            WriteTextReport(cases, stdout);
        }

        if (snippetCases.Count > 0)
        {
            WriteSnippetReport(snippetCases, stdout);
        }

        return 0;
    }

    private static void WriteSnippetReport(List<SnippetEvalCase> cases, TextWriter stdout)
    {
        var report = SnippetEvaluation.Run(new ArticleExtractor(), cases);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"page",-40} {"with",5} {"found",5} {"without",7} {"leaked",6}"));
        foreach (var page in report.Pages)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{SafeText.ForTerminal(page.Case.Name),-40} {page.Case.With.Count,5} {page.TruePositives,5} {page.Case.Without.Count,7} {page.FalsePositives,6}{(page.EmptyBody ? "  EMPTY" : string.Empty)}"));
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"snippets over {report.Pages.Count} pages: precision {report.Precision:F4}  recall {report.Recall:F4}  F1 {report.F1:F4}  (tp {report.TruePositives}, fp {report.FalsePositives}, fn {report.FalseNegatives}, tn {report.TrueNegatives})"));
        var empty = report.EmptyPages.Select(p => SafeText.ForTerminal(p.Case.Name)).ToList();
        stdout.WriteLine($"pages with an empty body: {empty.Count}{(empty.Count > 0 ? ": " + string.Join(", ", empty) : string.Empty)}");
    }

    private static void WriteTextReport(List<ExtractionEvalCase> cases, TextWriter stdout)
    {
        var report = ExtractionEvaluation.Run(new ArticleExtractor(), cases);
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{"page",-40} {"P",6} {"R",6} {"F1",6}  article"));
        foreach (var page in report.Pages)
        {
            var expected = page.Case.ExpectedIsArticle ? "yes" : "no";
            var verdict = page.ClassifiedCorrectly ? "ok" : $"WRONG (got {(page.Extracted.IsArticle ? "article" : page.Extracted.NotArticleReason)})";
            var scores = page.Case.ExpectedIsArticle
                ? string.Create(CultureInfo.InvariantCulture, $"{page.Score.Precision,6:F3} {page.Score.Recall,6:F3} {page.Score.F1,6:F3}")
                : $"{"-",6} {"-",6} {"-",6}";
            stdout.WriteLine($"{page.Case.Name,-40} {scores}  {expected,-3} {verdict}");
        }

        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"mean over {report.Pages.Count(p => p.Case.ExpectedIsArticle)} article pages: precision {report.Mean.Precision:F4}  recall {report.Mean.Recall:F4}  F1 {report.Mean.F1:F4}"));
        stdout.WriteLine($"article / not-article recognized: {report.Classified} of {report.Total}");
    }
}

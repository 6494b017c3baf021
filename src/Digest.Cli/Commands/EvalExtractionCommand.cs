using System.CommandLine;
using System.Globalization;
using Digest.Core.Extraction;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest eval extraction [--set DIR]</c>: scores the extractor on an own-written set (<c>name.html</c> +
/// <c>name.txt</c> expected body, optional <c>name.headers</c>; a .txt starting with <c>#not-article</c> expects the
/// page to be recognized as not an article) with the article-extraction benchmark metric.
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
        foreach (var page in setDir.GetFiles("*.html"))
        {
            var name = Path.GetFileNameWithoutExtension(page.Name);
            var expectedPath = Path.Combine(setDir.FullName, name + ".txt");
            if (!File.Exists(expectedPath))
            {
                stderr.WriteLine($"digest eval extraction: {page.Name} has no {name}.txt with the expected text; skipped.");
                continue;
            }

            var headersPath = Path.Combine(setDir.FullName, name + ".headers");
            cases.Add(ExtractionEvalCase.FromFiles(name, File.ReadAllBytes(page.FullName), File.ReadAllText(expectedPath),
                File.Exists(headersPath) ? File.ReadAllText(headersPath) : null));
        }

        if (cases.Count == 0)
        {
            stderr.WriteLine($"digest eval extraction: no pages with expected text in '{setDir.FullName}'.");
            return 2;
        }

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
        return 0;
    }
}

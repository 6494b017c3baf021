using System.CommandLine;
using System.Globalization;
using Digest.Core.Stories.Batch;
using Digest.Core.Stories.Evaluation;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest eval stories [--fixtures DIR]</c>: runs the batch verbs on the story fixtures and prints B-cubed P/R/F1,
/// new-sentence P/R/F1 and ROUGE-1/2. The fixture folder holds cluster/novelty/summarize <c>.jsonl</c> inputs with their
/// <c>.gold.jsonl</c> answers; by default it is found by walking up from the working directory to
/// <c>tests/Digest.Core.Tests/Stories/Fixtures</c>.
/// </summary>
internal static class EvalStoriesCommand
{
    public const string DefaultFixtures = "tests/Digest.Core.Tests/Stories/Fixtures";

    public static Command Create()
    {
        var fixtures = new Option<DirectoryInfo?>("--fixtures") { Description = "Folder of fixtures (default: " + DefaultFixtures + " above the working directory)." };
        var command = new Command("stories", "Score story clustering, the coverage diff and summaries on the fixtures.") { fixtures };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var folder = parseResult.GetValue(fixtures)?.FullName ?? FindFixtures(Directory.GetCurrentDirectory());
            if (folder is null || !Directory.Exists(folder))
            {
                await error.WriteLineAsync($"Fixture folder not found ({DefaultFixtures}); pass --fixtures DIR.");
                return 2;
            }

            try
            {
                async Task<string> Read(string name) => await File.ReadAllTextAsync(Path.Combine(folder, name), cancellationToken);
                var report = StoryEvaluation.Run(
                    await Read("cluster.jsonl"), await Read("cluster.gold.jsonl"),
                    await Read("novelty.jsonl"), await Read("novelty.gold.jsonl"),
                    await Read("summarize.jsonl"), await Read("summarize.gold.jsonl"));
                await parseResult.InvocationConfiguration.Output.WriteAsync(Format(report));
                return 0;
            }
            catch (Exception e) when (e is BatchInputException or IOException)
            {
                await error.WriteLineAsync(e.Message);
                return 2;
            }
        });
        return command;
    }

    public static string Format(StoryEvaluationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        static string Line(string name, PrecisionRecall score) => string.Format(CultureInfo.InvariantCulture,
            "{0,-26} P {1,6:F1}  R {2,6:F1}  F1 {3,6:F1}\n", name, score.Precision * 100, score.Recall * 100, score.F1 * 100);
        return Line($"stories B-cubed ({report.ClusterArticles} art.)", report.Clustering)
            + Line($"new sentences ({report.NoveltySentences} sent.)", report.NewSentences)
            + Line($"ROUGE-1 ({report.Summaries} stories)", report.Rouge1)
            + Line($"ROUGE-2 ({report.Summaries} stories)", report.Rouge2);
    }

    private static string? FindFixtures(string start)
    {
        for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, DefaultFixtures);
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}

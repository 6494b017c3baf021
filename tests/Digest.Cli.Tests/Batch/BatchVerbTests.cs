using System.CommandLine;
using System.Text.Json;
using Digest.Cli.Commands;

namespace Digest.Cli.Tests.Batch;

/// <summary>Runs the batch verbs on small JSONL files, exactly as the evaluation tools do, and checks the output contracts.</summary>
public sealed class BatchVerbTests : IDisposable
{
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("digest-batch-");

    public void Dispose() => folder.Delete(recursive: true);

    private static readonly string[] ClusterInput =
    [
        """{"id":"q1","title":"Quake kills 31 in Velmora","text":"A magnitude 6.8 earthquake struck Velmora in Carsolia, killing 31 people. Rescue chief Tomas Reyk said crews searched the rubble.","published":"2025-03-03","source":"Northgate Herald"}""",
        """{"id":"p1","title":"Aldmere dockworkers strike","text":"Dockworkers at the port of Aldmere walked out over pay. Union leader Priya Nandal demanded a 12 percent rise.","published":"2025-03-03","source":"Coastline Daily"}""",
        """{"id":7,"title":"Velmora quake toll rises to 48","text":"The death toll from the earthquake in Velmora, Carsolia, rose to 48. Rescue chief Tomas Reyk said crews were still searching the rubble.","published":null,"source":"Meridian Post"}""",
        "",
        """{"id":"q3","title":"Velmora quake: rescue ends","text":"Rescuers in Velmora ended the search after the earthquake; 62 people died. Crews led by Tomas Reyk left the rubble.","published":"2025-03-03","source":"Eastbrook Times"}""",
    ];

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(Command verb, string inputName, IEnumerable<string> lines)
    {
        var input = Path.Combine(folder.FullName, inputName);
        var output = Path.Combine(folder.FullName, inputName + ".out");
        await File.WriteAllLinesAsync(input, lines);
        var root = new RootCommand { verb };
        var error = new StringWriter();
        var configuration = new InvocationConfiguration { Error = error, Output = new StringWriter() };
        var exitCode = await root.Parse([verb.Name, "--input", input, "--output", output]).InvokeAsync(configuration);
        return (exitCode, File.Exists(output) ? await File.ReadAllTextAsync(output) : string.Empty, error.ToString());
    }

    private static List<JsonElement> Lines(string output)
        => output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();

    [Fact]
    public async Task Cluster_labels_every_article_once_in_input_order_and_echoes_ids_verbatim()
    {
        var (exitCode, output, error) = await RunAsync(ClusterCommand.Create(), "cluster.jsonl", ClusterInput);

        Assert.Equal(0, exitCode);
        Assert.Equal(string.Empty, error);
        var lines = Lines(output);
        Assert.Equal(["q1", "p1", "7", "q3"], lines.Select(l => l.GetProperty("id").ToString()));
        Assert.Equal(JsonValueKind.Number, lines[2].GetProperty("id").ValueKind);
        var story = lines.ToDictionary(l => l.GetProperty("id").ToString(), l => l.GetProperty("story").GetString());
        Assert.Equal(story["q1"], story["7"]);
        Assert.Equal(story["q1"], story["q3"]);
        Assert.NotEqual(story["q1"], story["p1"]);
    }

    [Fact]
    public async Task Summarize_respects_max_words_for_every_story()
    {
        var articles = string.Join(',', ClusterInput.Where(l => l.Length > 0));
        var (exitCode, output, _) = await RunAsync(SummarizeCommand.Create(), "summarize.jsonl",
        [
            $$"""{"story":"quake","max_words":25,"articles":[{{articles}}]}""",
            $$"""{"story":2,"max_words":3,"articles":[{{articles}}],"as_of":"2025-03-03"}""",
            """{"story":"empty","max_words":50,"articles":[]}""",
        ]);

        Assert.Equal(0, exitCode);
        var lines = Lines(output);
        Assert.Equal(["quake", "2", "empty"], lines.Select(l => l.GetProperty("story").ToString()));
        var words = lines.Select(l => l.GetProperty("summary").GetString()!.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length).ToList();
        Assert.InRange(words[0], 10, 25);
        Assert.InRange(words[1], 1, 3);
        Assert.Equal(0, words[2]);
    }

    [Fact]
    public async Task Novelty_labels_exactly_the_given_sids()
    {
        var (exitCode, output, _) = await RunAsync(NoveltyCommand.Create(), "novelty.jsonl",
        [
            """{"item":"i1","story":"quake","earlier":[{"id":"q1","published":"2025-03-03","title":"Quake kills 31","text":"A magnitude 6.8 earthquake struck Velmora, killing 31 people."}],"article":{"id":"q2","published":"2025-03-04","text":"A 6.8 quake hit Velmora and killed 31 people. A girl was rescued alive after 20 hours.","sentences":[{"sid":"s1","text":"A 6.8 quake hit Velmora and killed 31 people."},{"sid":2,"text":"A girl was rescued alive after 20 hours."}]}}""",
            """{"item":"i2","story":"quake","earlier":[],"article":{"id":"q9","published":null,"text":"x","sentences":[]}}""",
        ]);

        Assert.Equal(0, exitCode);
        var lines = Lines(output);
        Assert.Equal(2, lines.Count);
        var sentences = lines[0].GetProperty("sentences").EnumerateArray().ToList();
        Assert.Equal(["s1", "2"], sentences.Select(s => s.GetProperty("sid").ToString()));
        Assert.Equal(["repeated", "new"], sentences.Select(s => s.GetProperty("label").GetString()));
        Assert.All(sentences, s => Assert.InRange(s.GetProperty("score").GetDouble(), 0, 1));
        Assert.Empty(lines[1].GetProperty("sentences").EnumerateArray());
    }

    [Fact]
    public async Task A_bad_line_fails_with_its_line_number_and_writes_no_output()
    {
        var (exitCode, output, error) = await RunAsync(ClusterCommand.Create(), "bad.jsonl",
            [ClusterInput[0], """{"id":"x","title":"t","text":"y","published":"yesterday"}""", ClusterInput[1]]);

        Assert.NotEqual(0, exitCode);
        Assert.Contains("Line 2", error, StringComparison.Ordinal);
        Assert.Contains("published", error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, output);
    }

    [Fact]
    public async Task Malformed_json_and_missing_fields_are_reported_by_line()
    {
        var (exitCode, _, error) = await RunAsync(NoveltyCommand.Create(), "bad-novelty.jsonl", ["""{"item":"i1","earlier":[]}"""]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Line 1", error, StringComparison.Ordinal);

        (exitCode, _, error) = await RunAsync(SummarizeCommand.Create(), "bad-summary.jsonl", ["""{"story":"a","max_words":10,"articles":[]}""", "{not json"]);
        Assert.NotEqual(0, exitCode);
        Assert.Contains("Line 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Eval_stories_prints_all_figures_from_the_fixtures()
    {
        var root = new RootCommand { new Command("eval") { EvalStoriesCommand.Create() } };
        var output = new StringWriter();
        var exitCode = await root.Parse(["eval", "stories"]).InvokeAsync(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        Assert.Equal(0, exitCode);
        Assert.Contains("B-cubed", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("new sentences", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("ROUGE-2", output.ToString(), StringComparison.Ordinal);
    }
}

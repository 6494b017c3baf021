using System.Globalization;
using System.Text.Json;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;

namespace Digest.Cli.Tests.Commands;

public sealed class RunAndArchiveCommandTests : SampleSiteTest
{
    [Fact]
    public async Task Run_prints_where_the_briefing_is_and_archive_lists_it_as_json()
    {
        var data = Temp.Sub("data");
        var now = SampleCorpus.Now.ToString("O", CultureInfo.InvariantCulture);

        var run = await CliRunner.InvokeAsync(RunCommand.Create(), "run", "--sources", SourcesFile, "--data", data, "--now", now);

        Assert.True(run.ExitCode == 0, run.Error);
        var briefingLine = Assert.Single(run.Output.Split('\n'), l => l.StartsWith("Briefing: ", StringComparison.Ordinal));
        Assert.True(File.Exists(briefingLine["Briefing: ".Length..].Trim()));
        Assert.Contains("[fetch]", run.Error, StringComparison.Ordinal);

        var articles = await CliRunner.InvokeAsync(ArchiveCommand.Create(), "archive", "articles", "--data", data, "--json");
        var lines = articles.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(SampleCorpus.Expected().Count, lines.Length);
        foreach (var line in lines)
        {
            using var json = JsonDocument.Parse(line);
            foreach (var field in new[] { "id", "url", "outlet", "title", "published", "text", "storyId", "summary", "novelty" })
            {
                Assert.True(json.RootElement.TryGetProperty(field, out _), $"article JSON lacks \"{field}\": {line}");
            }

            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("summary").ValueKind);
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("novelty").GetProperty("new").ValueKind);
            Assert.Equal(JsonValueKind.Array, json.RootElement.GetProperty("novelty").GetProperty("repeated").ValueKind);
        }

        var stories = await CliRunner.InvokeAsync(ArchiveCommand.Create(), "archive", "stories", "--data", data, "--json");
        foreach (var line in stories.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            foreach (var field in new[] { "id", "title", "articleIds", "summary", "firstSeen", "lastUpdated" })
            {
                Assert.True(json.RootElement.TryGetProperty(field, out _), $"story JSON lacks \"{field}\": {line}");
            }
        }

        var briefings = await CliRunner.InvokeAsync(ArchiveCommand.Create(), "archive", "briefings", "--data", data, "--json");
        using var briefing = JsonDocument.Parse(Assert.Single(briefings.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
        Assert.Equal(SampleCorpus.Now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), briefing.RootElement.GetProperty("date").GetString());
        Assert.True(File.Exists(briefing.RootElement.GetProperty("path").GetString()));
        Assert.NotEqual(0, briefing.RootElement.GetProperty("stories").GetArrayLength());
    }

    [Fact]
    public async Task Run_with_a_missing_sources_file_fails_with_a_clear_message()
    {
        var missing = Temp.Sub("nope.json");

        var run = await CliRunner.InvokeAsync(RunCommand.Create(), "run", "--sources", missing, "--data", Temp.Sub("data"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("Sources file not found", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_a_bad_now_fails_with_a_clear_message()
    {
        var run = await CliRunner.InvokeAsync(RunCommand.Create(), "run", "--sources", SourcesFile, "--data", Temp.Sub("data"), "--now", "yesterday");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--now", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_broken_source_does_not_stop_the_others()
    {
        var withBroken = SampleCorpus.WriteSourcesFile(Temp.Path, Server.BaseUri, sources =>
        {
            sources["sources"]!.AsArray().Insert(0, new System.Text.Json.Nodes.JsonObject
            {
                ["name"] = "Gone Away Times",
                ["url"] = new Uri(Server.BaseUri, "no/such/feed.xml").AbsoluteUri,
            });
            return sources;
        });

        var run = await CliRunner.InvokeAsync(RunCommand.Create(), "run", "--sources", withBroken, "--data", Temp.Sub("data"),
            "--now", SampleCorpus.Now.ToString("O", CultureInfo.InvariantCulture), "--no-send");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Gone Away Times", run.Error, StringComparison.Ordinal);
        Assert.Contains("404", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(Temp.Sub("data"), "outbox")), "--no-send sends nothing");
        var articles = await CliRunner.InvokeAsync(ArchiveCommand.Create(), "archive", "articles", "--data", Temp.Sub("data"), "--json");
        Assert.Equal(SampleCorpus.Expected().Count, articles.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }
}

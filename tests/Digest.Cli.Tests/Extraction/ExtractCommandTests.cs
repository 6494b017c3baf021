using System.CommandLine;
using System.Text;
using System.Text.Json;
using Digest.Cli.Commands;

namespace Digest.Cli.Tests.Extraction;

public sealed class ExtractCommandTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "digest-extract-" + Guid.NewGuid().ToString("N"));

    public ExtractCommandTests() => Directory.CreateDirectory(Path.Combine(_root, "in"));

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static (int Code, string Output, string Error) Invoke(params string[] args)
    {
        var root = new RootCommand { ExtractCommand.Create(), new Command("eval") { EvalExtractionCommand.Create() } };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = root.Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private const string Story = """
        <p>The ferry operator on Lake Arven said on Friday it would add a third boat to the summer timetable, after record passenger numbers last year.</p>
        <p>Crossings will run every forty minutes from June to September, and bicycles will travel free of charge on the first and last boat of each day.</p>
        <p>The operator said the new boat, bought second-hand from a company on the coast, would be refitted with an electric engine over the winter months.</p>
        """;

    [Fact]
    public void Writes_one_json_per_page_including_non_articles_and_legacy_encodings()
    {
        var input = Path.Combine(_root, "in");
        File.WriteAllText(Path.Combine(input, "story.html"),
            "<html lang=\"en\"><head><meta property=\"og:title\" content=\"Third ferry for Lake Arven\"><meta property=\"article:published_time\" content=\"2025-04-04T09:30:00Z\"><meta name=\"author\" content=\"Ida Berg\"></head><body><nav><a href=\"/\">Home</a></nav><article>"
            + Story + "</article></body></html>");
        File.WriteAllText(Path.Combine(input, "login.html"), "<html><body><h1>Sign in</h1><form><input type=\"password\"></form></body></html>");
        File.WriteAllBytes(Path.Combine(input, "legacy.html"), CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("<html><body><article>" + Story.Replace("Friday", "Friday – café", StringComparison.Ordinal) + "</article></body></html>"));
        File.WriteAllText(Path.Combine(input, "legacy.headers"), "Content-Type: text/html; charset=windows-1252\n");
        File.WriteAllText(Path.Combine(input, "notes.txt"), "not a page");
        var output = Path.Combine(_root, "out");

        var (code, stdout, _) = Invoke("extract", "--input-dir", input, "--output-dir", output);

        Assert.Equal(0, code);
        Assert.Contains("3 of 3 pages", stdout, StringComparison.Ordinal);
        Assert.Equal(["legacy.json", "login.json", "story.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        using var story = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "story.json")));
        Assert.Equal("Third ferry for Lake Arven", story.RootElement.GetProperty("title").GetString());
        Assert.Equal("Ida Berg", story.RootElement.GetProperty("byline").GetString());
        Assert.Equal("2025-04-04T09:30:00+00:00", story.RootElement.GetProperty("published").GetString());
        Assert.True(story.RootElement.GetProperty("isArticle").GetBoolean());
        var text = story.RootElement.GetProperty("text").GetString()!;
        Assert.StartsWith("The ferry operator on Lake Arven", text, StringComparison.Ordinal);
        Assert.Equal(3, text.Split("\n\n").Length);
        Assert.DoesNotContain("Home", text, StringComparison.Ordinal);

        using var login = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "login.json")));
        Assert.False(login.RootElement.GetProperty("isArticle").GetBoolean());
        Assert.Contains("login", login.RootElement.GetProperty("notArticleReason").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, login.RootElement.GetProperty("published").ValueKind);

        using var legacy = JsonDocument.Parse(File.ReadAllText(Path.Combine(output, "legacy.json"), Encoding.UTF8));
        Assert.Contains("Friday – café", legacy.RootElement.GetProperty("text").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_input_directory_fails_with_a_clear_message()
    {
        var missing = Path.Combine(_root, "nope");

        var (code, _, error) = Invoke("extract", "--input-dir", missing, "--output-dir", Path.Combine(_root, "out"));

        Assert.NotEqual(0, code);
        Assert.Contains("does not exist", error, StringComparison.Ordinal);
        Assert.Contains(missing, error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_symlink_already_in_the_output_folder_is_replaced_not_written_through()
    {
        var input = Path.Combine(_root, "in");
        File.WriteAllText(Path.Combine(input, "page.html"), "<html><body><article>" + Story + "</article></body></html>");
        var output = Directory.CreateDirectory(Path.Combine(_root, "out")).FullName;
        var elsewhere = Directory.CreateDirectory(Path.Combine(_root, "somewhere")).FullName;
        var victim = Path.Combine(elsewhere, "victim");
        File.WriteAllText(victim, "precious");
        File.CreateSymbolicLink(Path.Combine(output, "page.json"), victim);

        var (code, _, error) = Invoke("extract", "--input-dir", input, "--output-dir", output);

        Assert.True(code == 0, error);
        Assert.Equal("precious", File.ReadAllText(victim));
        var written = new FileInfo(Path.Combine(output, "page.json"));
        Assert.Null(written.LinkTarget);
        Assert.False(written.Attributes.HasFlag(FileAttributes.ReparsePoint));
        using var json = JsonDocument.Parse(File.ReadAllText(written.FullName));
        Assert.True(json.RootElement.GetProperty("isArticle").GetBoolean());
        Assert.Equal(["page.json"], Directory.GetFiles(output).Select(Path.GetFileName));
    }

    [Fact]
    public void Hostile_metadata_is_written_clean_and_json_escapes_what_remains_invisible()
    {
        var input = Path.Combine(_root, "in");
        File.WriteAllText(Path.Combine(input, "page.html"),
            "<html><head><meta property=\"og:title\" content=\"Ferry&#0; &#x1B;[31mtimes&#7; &#x202E;\"><link rel=\"canonical\" href=\"javascript:alert(1)\"></head><body><article>"
            + Story + "</article></body></html>");
        var output = Path.Combine(_root, "out");

        var (code, stdout, _) = Invoke("extract", "--input-dir", input, "--output-dir", output);

        Assert.Equal(0, code);
        Assert.DoesNotContain('\u001B', stdout);
        var raw = File.ReadAllText(Path.Combine(output, "page.json"));
        using var json = JsonDocument.Parse(raw);
        Assert.Equal("Ferry [31mtimes", json.RootElement.GetProperty("title").GetString());
        Assert.Equal(JsonValueKind.Null, json.RootElement.GetProperty("canonicalUrl").ValueKind);
        Assert.DoesNotContain(raw, c => c < 0x20 && c is not '\n' and not '\r' || c is '\u202E');
    }

    [Fact]
    public void Eval_extraction_prints_per_page_and_mean_scores()
    {
        var set = Path.Combine(_root, "in");
        File.WriteAllText(Path.Combine(set, "ferry.html"), "<html><body><article>" + Story + "</article><div class=\"comments\"><p>Great news for commuters like me, who have waited years for a proper morning service.</p></div></body></html>");
        File.WriteAllText(Path.Combine(set, "ferry.txt"), string.Join("\n\n", Story.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Trim()[3..^4])));

        var (code, stdout, _) = Invoke("eval", "extraction", "--set", set);

        Assert.Equal(0, code);
        Assert.Contains("ferry", stdout, StringComparison.Ordinal);
        Assert.Contains("F1 1.0000", stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_extraction_reads_the_snippet_format_and_lists_empty_bodies()
    {
        var set = Path.Combine(_root, "in");
        File.WriteAllText(Path.Combine(set, "ferry.html"), "<html><body><nav><a href=\"/\">Home</a> <a href=\"/news\">News</a></nav><article>" + Story + "</article><div class=\"comments\"><p>Great news for commuters like me, who have waited years for a proper morning service.</p></div></body></html>");
        File.WriteAllText(Path.Combine(set, "ferry.snippets.json"), """
            {"url": "https://example.org/ferry", "with": ["add a third boat", "bicycles will   travel free", "refitted with a diesel engine"], "without": ["Great news for commuters", "Home News"]}
            """);
        File.WriteAllText(Path.Combine(set, "blank.html"), "<html><body><div id=\"app\"></div></body></html>");
        File.WriteAllText(Path.Combine(set, "blank.snippets.json"), """{"url": "https://example.org/blank", "with": ["anything at all"], "without": []}""");

        var (code, stdout, _) = Invoke("eval", "extraction", "--set", set);

        // tp 2 (the third passage is not on the page), fp 0, fn 1 + 1: P 1, R 0.5, F1 = 4 / (4 + 0 + 2).
        Assert.Equal(0, code);
        Assert.Contains("precision 1.0000  recall 0.5000  F1 0.6667", stdout, StringComparison.Ordinal);
        Assert.Contains("(tp 2, fp 0, fn 2, tn 2)", stdout, StringComparison.Ordinal);
        Assert.Contains("pages with an empty body: 1: blank", stdout, StringComparison.Ordinal);
    }
}

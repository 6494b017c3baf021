using System.CommandLine;
using System.Text.Json;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;

namespace Digest.Cli.Tests.Feeds;

public sealed class FeedsCommandTests : IDisposable
{
    private readonly TempDirectory temp = new();

    public void Dispose() => temp.Dispose();

    private static async Task<(int Code, string Output, string Error)> InvokeAsync(params string[] args)
    {
        var root = new RootCommand { FeedsCommand.Create() };
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private const string Rss = """
        <?xml version="1.0" encoding="utf-8"?>
        <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Harbour Gazette</title><link>https://harbour.example/</link>
          <item><title>Deal reached</title><link>articles/deal.html</link><guid isPermaLink="false">hg-1</guid>
            <pubDate>Thu, 12 Mar 2026 07:10:00 +0100</pubDate><dc:creator>Anna Kestrel</dc:creator><description>Short.</description></item>
          <item><title>Leak</title><link>file:///etc/passwd</link></item>
        </channel></rss>
        """;

    private const string Json = """
        {"version":"https://jsonfeed.org/version/1.1","title":"Ledger","items":[{"url":"https://ledger.example/a","title":"A",
         "date_modified":"2026-03-12T18:00:00+01:00","content_text":"Full text."}]}
        """;

    private static void WriteInputs(string input)
    {
        Directory.CreateDirectory(input);
        File.WriteAllText(Path.Combine(input, "gazette.xml"), Rss);
        File.WriteAllText(Path.Combine(input, "ledger.json"), Json);
        File.WriteAllText(Path.Combine(input, "page.html"), "<!DOCTYPE html><html><body>Not a feed</body></html>");
        Directory.CreateDirectory(Path.Combine(input, "folder.xml"));
    }

    private static JsonElement ReadJson(string path) => JsonDocument.Parse(File.ReadAllText(path)).RootElement.Clone();

    [Fact]
    public async Task Writes_one_json_per_regular_file_with_the_contract_fields()
    {
        var (input, output) = (temp.Sub("in"), temp.Sub("out"));
        WriteInputs(input);

        var (code, _, error) = await InvokeAsync("feeds", "parse", "--input-dir", input, "--output-dir", output);

        Assert.Equal(0, code);
        Assert.Equal(["gazette.xml.json", "ledger.json.json", "page.html.json"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));

        var rss = ReadJson(Path.Combine(output, "gazette.xml.json"));
        Assert.Equal("rss2", rss.GetProperty("format").GetString());
        Assert.Equal("Harbour Gazette", rss.GetProperty("title").GetString());
        Assert.Equal("https://harbour.example/", rss.GetProperty("link").GetString());
        Assert.False(rss.TryGetProperty("error", out _));
        var first = rss.GetProperty("items")[0];
        Assert.Equal("hg-1", first.GetProperty("guid").GetString());
        Assert.Equal("guid:hg-1", first.GetProperty("key").GetString());
        // The feed URI of a file is its own file: URI, so the operator rule keeps its relative links.
        Assert.Equal(new Uri(Path.Combine(input, "articles", "deal.html")).AbsoluteUri, first.GetProperty("link").GetString());
        Assert.Equal("2026-03-12T06:10:00Z", first.GetProperty("published").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("updated").ValueKind);
        Assert.Equal("Anna Kestrel", first.GetProperty("author").GetString());
        Assert.Equal("Short.", first.GetProperty("summary").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("content").ValueKind);
        var leak = rss.GetProperty("items")[1];
        Assert.Equal(JsonValueKind.Null, leak.GetProperty("link").ValueKind);
        Assert.StartsWith("hash:", leak.GetProperty("key").GetString(), StringComparison.Ordinal);
        Assert.Contains("\"file\"", rss.GetProperty("warnings")[0].GetString(), StringComparison.Ordinal);

        var json = ReadJson(Path.Combine(output, "ledger.json.json"));
        Assert.Equal("jsonfeed", json.GetProperty("format").GetString());
        var item = json.GetProperty("items")[0];
        Assert.Equal(JsonValueKind.Null, item.GetProperty("guid").ValueKind);
        Assert.Equal("link:https://ledger.example/a", item.GetProperty("key").GetString());
        Assert.Equal("2026-03-12T17:00:00Z", item.GetProperty("updated").GetString());
        Assert.Equal("Full text.", item.GetProperty("content").GetString());

        var page = ReadJson(Path.Combine(output, "page.html.json"));
        Assert.Equal(JsonValueKind.Null, page.GetProperty("format").ValueKind);
        Assert.Equal(0, page.GetProperty("items").GetArrayLength());
        Assert.Contains("HTML page", page.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("page.html", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Symbolic_links_are_neither_read_in_the_input_nor_written_through_in_the_output()
    {
        var (input, output) = (temp.Sub("in"), temp.Sub("out"));
        WriteInputs(input);
        var secret = temp.Sub("secret.xml");
        File.WriteAllText(secret, Rss.Replace("Harbour Gazette", "SECRET", StringComparison.Ordinal));
        File.CreateSymbolicLink(Path.Combine(input, "linked.xml"), secret);
        Directory.CreateDirectory(output);
        var victim = temp.Sub("victim.txt");
        File.WriteAllText(victim, "untouched");
        File.CreateSymbolicLink(Path.Combine(output, "gazette.xml.json"), victim);

        var (code, _, error) = await InvokeAsync("feeds", "parse", "--input-dir", input, "--output-dir", output);

        Assert.Equal(0, code);
        Assert.False(File.Exists(Path.Combine(output, "linked.xml.json")));
        Assert.Contains("linked.xml: a symbolic link, skipped", error, StringComparison.Ordinal);
        Assert.Equal("untouched", File.ReadAllText(victim));
        var written = new FileInfo(Path.Combine(output, "gazette.xml.json"));
        Assert.Null(written.LinkTarget);
        Assert.Equal("rss2", ReadJson(written.FullName).GetProperty("format").GetString());
        Assert.Empty(Directory.GetFiles(output, "*.tmp"));
    }

    [Fact]
    public async Task A_fifo_in_the_input_does_not_block_the_run()
    {
        var input = temp.Sub("in");
        WriteInputs(input);
        using (var mkfifo = System.Diagnostics.Process.Start("mkfifo", Path.Combine(input, "pipe.xml")))
        {
            await mkfifo.WaitForExitAsync();
        }

        var run = Task.Run(() => InvokeAsync("feeds", "parse", "--input-dir", input, "--output-dir", temp.Sub("out")));
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(run, finished);
        Assert.Equal(0, (await run).Code);
        Assert.Contains("empty", ReadJson(Path.Combine(temp.Sub("out"), "pipe.xml.json")).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_file_prints_indented_json()
    {
        var file = temp.Sub("feed.json");
        File.WriteAllText(file, Json);

        var (code, output, _) = await InvokeAsync("feeds", "parse", file);

        Assert.Equal(0, code);
        Assert.Contains("\n  \"format\": \"jsonfeed\"", output, StringComparison.Ordinal);
        Assert.Equal("A", JsonDocument.Parse(output).RootElement.GetProperty("items")[0].GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_url_is_fetched_and_its_relative_links_resolve_against_it()
    {
        var site = temp.Sub("site");
        Directory.CreateDirectory(site);
        File.WriteAllText(Path.Combine(site, "feed.xml"), Rss);
        await using var server = await StaticSiteServer.StartAsync(site);

        var (code, output, _) = await InvokeAsync("feeds", "parse", new Uri(server.BaseUri, "feed.xml").AbsoluteUri);

        Assert.Equal(0, code);
        var feed = JsonDocument.Parse(output).RootElement;
        Assert.Equal(new Uri(server.BaseUri, "articles/deal.html").AbsoluteUri, feed.GetProperty("items")[0].GetProperty("link").GetString());
    }

    [Theory]
    [InlineData("feeds", "parse")]
    [InlineData("feeds", "parse", "x.xml", "--input-dir", "in")]
    [InlineData("feeds", "parse", "--input-dir", "in")]
    [InlineData("feeds", "parse", "/no/such/file.xml")]
    [InlineData("feeds", "parse", "--input-dir", "/no/such/dir", "--output-dir", "out")]
    public async Task Bad_arguments_exit_with_2(params string[] args)
    {
        var (code, _, error) = await InvokeAsync(args);

        Assert.Equal(2, code);
        Assert.NotEmpty(error);
    }
}

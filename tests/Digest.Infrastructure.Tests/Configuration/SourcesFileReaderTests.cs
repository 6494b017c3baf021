using Digest.Infrastructure.Configuration;

namespace Digest.Infrastructure.Tests.Configuration;

public sealed class SourcesFileReaderTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("digest-sources-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private string Write(string json)
    {
        var path = Path.Combine(folder, "sources.json");
        File.WriteAllText(path, json);
        return path;
    }

    [Fact]
    public void Reads_sources_subscribers_and_resolves_relative_urls_against_the_file()
    {
        var path = Write("""
            {"sources":[
              {"name":"Example News","url":"https://example.org/feed.xml"},
              {"name":"Local","url":"feeds/local.xml","dropSelectors":[".promo"]}],
             "subscribers":["a@example.org"],"from":"Digest <d@example.org>","defaultNow":"2026-03-12T18:00:00Z"}
            """);

        var config = SourcesFileReader.Read(path);

        Assert.Equal(2, config.Sources.Count);
        Assert.Equal(new Uri("https://example.org/feed.xml"), config.Sources[0].Url);
        Assert.Equal(new Uri(Path.Combine(folder, "feeds", "local.xml")), config.Sources[1].Url);
        Assert.Equal([".promo"], config.Sources[1].DropSelectors);
        Assert.Equal(["a@example.org"], config.Subscribers);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 18, 0, 0, TimeSpan.Zero), config.DefaultNow);
    }

    [Theory]
    [InlineData("{", "not valid JSON")]
    [InlineData("{\"sources\":[]}", "at least one source")]
    [InlineData("{\"sources\":[{\"url\":\"https://example.org/feed.xml\"}]}", "\"name\" is required")]
    [InlineData("{\"sources\":[{\"name\":\"A\"}]}", "\"url\" must be")]
    [InlineData("{\"sources\":[{\"name\":\"A\",\"url\":\"ftp://example.org/feed.xml\"}]}", "unsupported URL scheme")]
    [InlineData("{\"sources\":[{\"name\":\"A\",\"url\":\"a.xml\"},{\"name\":\"a\",\"url\":\"b.xml\"}]}", "used twice")]
    [InlineData("{\"sources\":[{\"name\":\"A\",\"url\":\"a.xml\",\"dropSelectors\":[\"div > p\"]}]}", "div > p")]
    public void Bad_files_fail_with_a_message_that_says_what_to_fix(string json, string expected)
    {
        var error = Assert.Throws<ConfigurationException>(() => SourcesFileReader.Read(Write(json)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.Contains("sources.json", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_file_names_the_path()
    {
        var error = Assert.Throws<ConfigurationException>(() => SourcesFileReader.Read(Path.Combine(folder, "absent.json")));

        Assert.Contains("absent.json", error.Message, StringComparison.Ordinal);
    }
}

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
    [InlineData("{\"sources\":[{\"name\":\"A\",\"urll\":\"a.xml\"}]}", "unknown field \"urll\" in $.sources[0] (did you mean \"url\"?)")]
    [InlineData("{\"sources\":[{\"name\":\"A\",\"url\":\"a.xml\",\"keepSelector\":[\"p\"]}]}", "(did you mean \"keepSelectors\"?)")]
    [InlineData("{\"sources\":[{\"name\":\"A\",\"url\":\"a.xml\"}],\"subscriber\":[]}", "unknown field \"subscriber\" in $ (did you mean \"subscribers\"?)")]
    [InlineData("{\"sources\":[{\"name\":\"Example News\",\"url\":\"a.xml\"},{\"name\":\"Example-News!\",\"url\":\"b.xml\"}]}", "already taken by \"Example News\"")]
    [InlineData("{\"sources\":[{\"name\":\"A\",\"url\":\"a.xml\"}],\"from\":\"Digest <digest@@example>\"}", "\"from\"")]
    [InlineData("{\"sources\":[{\"name\":\"A\",\"url\":\"a.xml\"}],\"limits\":{\"maxNewItemsPerSource\":0}}", "limits.maxNewItemsPerSource must be between 1 and")]
    [InlineData("{\"sources\":[{\"name\":\"A\",\"url\":\"a.xml\"}],\"allowedNetworks\":[\"10.0.0.0/33\"]}", "allowedNetworks")]
    [InlineData("{\"sources\":[{\"name\":\"A\",\"url\":\"a.xml\"}],\"defaultNow\":\"9999-12-31T00:00:00Z\"}", "between 1970 and 2199")]
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

    [Fact]
    public void A_byte_order_mark_is_not_an_error()
    {
        // Regression: a file saved as "UTF-8 with BOM" was refused as invalid JSON.
        var path = Path.Combine(folder, "sources.json");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. System.Text.Encoding.UTF8.GetBytes("{\"sources\":[{\"name\":\"A\",\"url\":\"a.xml\"}]}")]);

        Assert.Single(SourcesFileReader.Read(path).Sources);
    }

    [Fact]
    public void A_bad_subscriber_is_left_out_with_a_warning_and_the_others_are_kept()
    {
        var path = Write("""
            {"sources":[{"name":"A","url":"a.xml"}],
             "subscribers":["good@example.org", "not an address", "x@example.org\r\nBcc: victim@example.org", "Reader <reader@example.org>"]}
            """);

        var config = SourcesFileReader.Read(path);

        Assert.Equal(["good@example.org", "reader@example.org"], config.Subscribers);
        Assert.Equal(2, config.Warnings.Count);
        Assert.Contains("not an address", config.Warnings[0], StringComparison.Ordinal);
        Assert.DoesNotContain('\n', config.Warnings[1]);
    }

    [Fact]
    public void Limits_and_internal_allowances_are_read()
    {
        var path = Write("""
            {"sources":[{"name":"A","url":"a.xml"}],
             "limits":{"maxNewItemsPerSource":10,"concurrentSources":2,"backdateToleranceHours":12,"maxPageAttempts":3},
             "allowedHosts":["Intranet.Example"],"allowedNetworks":["10.1.0.0/16"]}
            """);

        var config = SourcesFileReader.Read(path);

        Assert.Equal(10, config.Limits.MaxNewItemsPerSource);
        Assert.Equal(2, config.Limits.ConcurrentSources);
        Assert.Equal(TimeSpan.FromHours(12), config.Limits.BackdateTolerance);
        Assert.Equal(3, config.Limits.MaxPageAttempts);
        Assert.Equal(Digest.Core.Sources.FetchLimits.Default.ConcurrentPages, config.Limits.ConcurrentPages);
        Assert.Equal(["intranet.example"], config.AllowedHosts);
        Assert.Equal(["10.1.0.0/16"], config.AllowedNetworks);
    }
}

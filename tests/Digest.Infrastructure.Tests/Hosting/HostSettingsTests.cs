using System.Text;
using Digest.Infrastructure.Hosting;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Hosting;

public sealed class HostSettingsTests
{
    private static QueueHostOptions Parse(string json) => HostSettings.Parse(Encoding.UTF8.GetBytes(json));

    [Fact]
    public void Defaults_are_the_functions_host_defaults()
    {
        var options = HostSettings.Default;

        Assert.Equal(5, options.MaxDequeueCount);
        Assert.Equal(TimeSpan.Zero, options.VisibilityTimeout);
        Assert.Equal(16, options.BatchSize);
        Assert.Equal(TimeSpan.FromMinutes(1), options.MaxPollingInterval);
        Assert.Null(options.NewBatchThreshold);
        Assert.Equal("base64", options.MessageEncoding);
        Assert.Null(options.FunctionTimeout);
        Assert.Equal(options, Parse("""{ "version": "2.0" }"""));
    }

    [Fact]
    public void The_repository_host_json_is_read()
    {
        var path = FindRepositoryFile("host.json");

        var options = HostSettings.Load(path);

        Assert.Equal(5, options.MaxDequeueCount);
        Assert.Equal(TimeSpan.FromSeconds(5), options.VisibilityTimeout);
        Assert.Equal(16, options.BatchSize);
        Assert.Equal(TimeSpan.FromSeconds(2), options.MaxPollingInterval);
        Assert.Equal("base64", options.MessageEncoding);
        Assert.Equal(TimeSpan.FromMinutes(10), options.FunctionTimeout);
    }

    [Fact]
    public void Names_are_case_insensitive_comments_allowed_and_minus_one_means_unbounded()
    {
        var options = Parse("""
            {
              // as the host's configuration binder reads it
              "Extensions": { "Queues": { "BatchSize": "8", "newBatchThreshold": 4, "messageEncoding": "None", } },
              "functionTimeout": "-1"
            }
            """);

        Assert.Equal(8, options.BatchSize);
        Assert.Equal(4, options.NewBatchThreshold);
        Assert.Equal("none", options.MessageEncoding);
        Assert.Null(options.FunctionTimeout);
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 33 } } }""", "batchSize")]
    [InlineData("""{ "extensions": { "queues": { "maxDequeueCount": 0 } } }""", "maxDequeueCount")]
    [InlineData("""{ "extensions": { "queues": { "maxPollingInterval": "00:00:00.05" } } }""", "maxPollingInterval")]
    [InlineData("""{ "extensions": { "queues": { "visibilityTimeout": "soon" } } }""", "visibilityTimeout")]
    [InlineData("""{ "extensions": { "queues": { "batchSize": "many" } } }""", "batchSize")]
    [InlineData("""{ "extensions": { "queues": { "messageEncoding": "utf7" } } }""", "messageEncoding")]
    [InlineData("""{ "extensions": """, "not valid JSON")]
    [InlineData("""[1, 2]""", "JSON object")]
    public void Bad_values_name_the_setting(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => Parse(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_error_for_load_and_the_defaults_for_load_or_default()
    {
        using var folder = new TempFolder();
        var path = folder.Combine("host.json");

        Assert.Throws<FileNotFoundException>(() => HostSettings.Load(path));
        Assert.Same(HostSettings.Default, HostSettings.LoadOrDefault(path));
    }

    private static string FindRepositoryFile(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Digest.sln")))
            {
                return Path.Combine(directory.FullName, name);
            }
        }

        throw new FileNotFoundException("Repository root (Digest.sln) not found above " + AppContext.BaseDirectory);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;
using Digest.Core.Storage;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Storage;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// <c>digest run --storage</c> on Azurite against the sample corpus: the same articles, stories and briefing as the
/// embedded default, and as idempotent. One test, because the pipeline's container and queue names are fixed and the
/// tests of this collection share one Azurite.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class AzureStorageCycleTests(AzuriteFixture azurite) : SampleSiteTest
{
    [Fact]
    public async Task A_run_on_azure_storage_archives_what_the_embedded_run_archives_and_a_second_run_adds_nothing()
    {
        var embeddedData = Temp.Sub("embedded");
        var embedded = await CycleRunner.RunAsync(SourcesFile, embeddedData, SampleCorpus.Now);

        var azureData = Temp.Sub("azure-data");
        var now = SampleCorpus.Now.ToString("O", CultureInfo.InvariantCulture);
        var first = await CliRunner.InvokeAsync(RunCommand.Create(), "run", "--sources", SourcesFile, "--data", azureData,
            "--now", now, "--storage", azurite.ConnectionString);
        var second = await CliRunner.InvokeAsync(RunCommand.Create(), "run", "--sources", SourcesFile, "--data", azureData,
            "--now", now, "--storage", azurite.ConnectionString);

        Assert.True(first.ExitCode == 0, first.Error);
        var firstCounts = Summary(first.Output);
        Assert.Equal(embedded.Sources.Sum(s => s.NewArticles), firstCounts.NewArticles);
        Assert.Equal(SampleCorpus.Expected().Count, firstCounts.NewArticles);
        Assert.Equal(embedded.Processed, firstCounts.Processed);
        Assert.Equal(embedded.Briefing.Stories.Count, firstCounts.Stories);
        Assert.Equal(embedded.Sent, firstCounts.Sent);
        Assert.Contains("Briefing: http://127.0.0.1:", first.Output, StringComparison.Ordinal);

        var azureBlobs = new AzureBlobStore(StorageConnection.FromConnectionString(azurite.ConnectionString).CreateBlobServiceClient());
        var files = new FileSystemBlobStore(embeddedData);
        foreach (var container in new[] { Containers.Articles, Containers.Stories, Containers.Briefings })
        {
            Assert.Equal((await ListAsync(files, container)).Count, (await ListAsync(azureBlobs, container)).Count);
        }

        Assert.Equal(await ListAsync(files, Containers.Articles), await ListAsync(azureBlobs, Containers.Articles));
        // Blobs and queues went to Azure: the data folder holds only the lock and the outbox.
        Assert.False(Directory.Exists(Path.Combine(azureData, Containers.Articles)));
        Assert.True(Directory.Exists(Path.Combine(azureData, "outbox")));

        Assert.True(second.ExitCode == 0, second.Error);
        var secondCounts = Summary(second.Output);
        Assert.Equal(0, secondCounts.NewArticles);
        Assert.Equal(0, secondCounts.Processed);
        Assert.Equal(0, secondCounts.Sent);
    }

    [Fact]
    public async Task A_malformed_storage_string_is_refused_naming_the_option()
    {
        var run = await CliRunner.InvokeAsync(RunCommand.Create(), "run", "--sources", SourcesFile, "--data", Temp.Sub("data"),
            "--storage", "AccountName=x;AccountKey=");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--storage", run.Error, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ListAsync(IBlobStore store, string container)
    {
        var paths = new List<string>();
        await foreach (var path in store.ListAsync(container))
        {
            paths.Add(path);
        }

        return paths;
    }

    private static (int NewArticles, int Processed, int Stories, int Sent) Summary(string output)
    {
        var match = SummaryLine().Match(output);
        Assert.True(match.Success, output);
        int Number(string group) => int.Parse(match.Groups[group].Value, CultureInfo.InvariantCulture);
        return (Number("new"), Number("processed"), Number("stories"), Number("sent"));
    }

    [GeneratedRegex(@"(?<new>\d+) new article\(s\) from \d+ of \d+ source\(s\); (?<processed>\d+) processed; (?<stories>\d+) stor(y|ies) in the briefing; sent to (?<sent>\d+)\.")]
    private static partial Regex SummaryLine();
}

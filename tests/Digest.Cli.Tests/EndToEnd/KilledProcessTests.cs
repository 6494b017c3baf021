using System.Diagnostics;
using System.Globalization;
using Digest.Cli.Tests.Support;
using Digest.Core.Storage;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Storage;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// The real thing: <c>digest run</c> as its own process, killed (SIGKILL, no chance to clean up) in the middle of
/// processing, then started again. The archive must end up as an uninterrupted run leaves it — which needs the messages
/// the dead process had taken off the queue to come back, and its lock on the data folder to go with it.
/// </summary>
public sealed class KilledProcessTests : SampleSiteTest
{
    [Theory]
    [InlineData(1)]
    [InlineData(6)]
    [InlineData(12)]
    public async Task A_run_killed_while_processing_and_started_again_leaves_the_same_archive(int killAfterProcessed)
    {
        var clean = Temp.Sub("clean");
        await CycleRunner.RunAsync(SourcesFile, clean, SampleCorpus.Now);
        var expected = await ArchiveSnapshot.TakeAsync(clean);

        var data = Temp.Sub("killed");
        var killed = await RunAndKillAsync(data, killAfterProcessed);
        Assert.True(killed, $"the run finished before {killAfterProcessed} article(s) were processed");

        var restart = await RunToEndAsync(data);
        Assert.True(restart.ExitCode == 0, restart.Error);
        var actual = await ArchiveSnapshot.TakeAsync(data);
        Assert.True(expected.SequenceEqual(actual), ArchiveSnapshot.Difference(expected, actual));
    }

    /// <summary>
    /// The same on Azure Storage (a fresh Azurite of its own): killed while the fold writes, the restarted run finds the
    /// pending articles and the dead run's lease in storage, and completes the archive.
    /// </summary>
    [Fact]
    public async Task A_run_on_azurite_killed_while_processing_and_started_again_archives_what_an_uninterrupted_run_does()
    {
        var clean = Temp.Sub("clean");
        await CycleRunner.RunAsync(SourcesFile, clean, SampleCorpus.Now);
        var expected = await ReaderSnapshotAsync(new FileSystemBlobStore(clean));

        var azurite = new AzuriteFixture();
        await azurite.InitializeAsync();
        try
        {
            var data = Temp.Sub("killed-azure");
            Assert.True(await RunAndKillAsync(data, 6, azurite.ConnectionString), "the run finished before 6 articles were processed");
            var restart = await RunToEndAsync(data, azurite.ConnectionString);
            Assert.True(restart.ExitCode == 0, restart.Error);

            var actual = await ReaderSnapshotAsync(new AzureBlobStore(StorageConnection.FromConnectionString(azurite.ConnectionString).CreateBlobServiceClient()));
            Assert.True(expected.SequenceEqual(actual), ArchiveSnapshot.Difference(expected, actual));
        }
        finally
        {
            await azurite.DisposeAsync();
        }
    }

    /// <summary>What readers see, whatever the store: articles, stories, activity and briefings, by content hash.</summary>
    private static async Task<SortedDictionary<string, string>> ReaderSnapshotAsync(IBlobStore store)
    {
        var snapshot = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (container, prefix) in new[] { (Containers.Articles, ""), (Containers.Stories, ""), (Containers.Briefings, ""), (Containers.State, "activity/") })
        {
            await foreach (var path in store.ListAsync(container, prefix))
            {
                var blob = await store.GetAsync(container, path);
                snapshot[container + "/" + path] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(blob!.Content.Span));
            }
        }

        return snapshot;
    }

    private async Task<bool> RunAndKillAsync(string data, int killAfterProcessed, string? storage = null)
    {
        using var process = Start(data, storage);
        var processed = 0;
        while (await process.StandardError.ReadLineAsync() is { } line)
        {
            if (line.StartsWith("[process] ", StringComparison.Ordinal) && ++processed == killAfterProcessed)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
                return true;
            }
        }

        await process.WaitForExitAsync();
        return false;
    }

    private Task<(int ExitCode, string Error)> RunToEndAsync(string data, string? storage = null)
        => DigestProcess.RunToEndAsync(SourcesFile, data, storage);

    private Process Start(string data, string? storage = null) => DigestProcess.StartRun(SourcesFile, data, storage);
}

using Digest.Cli.Tests.Support;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// A run killed at any point and started again leaves the same archive as a run that was never interrupted.
/// The crash is simulated at the storage port: the write number N and every operation after it fail, for every N from
/// the first write a whole cycle makes to the last (fetch, process, brief, send).
/// </summary>
public sealed class CrashRecoveryTests : SampleSiteTest
{

    [Fact]
    public async Task A_run_killed_at_any_write_and_started_again_leaves_the_same_archive()
    {
        var cleanData = Temp.Sub("clean");
        CrashingBlobStore? counter = null;
        using (var never = new CancellationTokenSource())
        {
            await CycleRunner.RunAsync(SourcesFile, cleanData, SampleCorpus.Now, inner => counter = new CrashingBlobStore(inner, null, never));
        }

        var expected = await ArchiveSnapshot.TakeAsync(cleanData);
        var totalWrites = counter!.Writes;
        Assert.True(totalWrites > 50, $"a whole cycle makes many writes, saw {totalWrites}");

        foreach (var crashAt in CrashPointsFor(totalWrites))
        {
            var data = Temp.Sub($"crash-{crashAt}");
            using var process = new CancellationTokenSource();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
                CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now, inner => new CrashingBlobStore(inner, crashAt, process), process.Token));

            await CycleRunner.RunAsync(SourcesFile, data, SampleCorpus.Now);

            var actual = await ArchiveSnapshot.TakeAsync(data);
            Assert.True(expected.SequenceEqual(actual), $"crash at write {crashAt} of {totalWrites}: " + ArchiveSnapshot.Difference(expected, actual));
        }
    }

    private static IEnumerable<int> CrashPointsFor(int totalWrites) => Enumerable.Range(1, totalWrites);
}

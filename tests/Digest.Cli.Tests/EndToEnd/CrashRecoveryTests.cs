using Digest.Cli.Tests.Support;

namespace Digest.Cli.Tests.EndToEnd;

/// <summary>
/// A run killed at any point and started again leaves the same archive as a run that was never interrupted.
/// The crash is simulated at the storage port: the write number N and every operation after it fail, for N spread
/// over every write a whole cycle makes (fetch, process, brief, send).
/// </summary>
public sealed class CrashRecoveryTests : SampleSiteTest
{
    /// <summary>How many crash points to try; spread evenly over the run's writes, plus the first and last few.</summary>
    private const int CrashPoints = 40;


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

    private static SortedSet<int> CrashPointsFor(int totalWrites)
    {
        var points = new SortedSet<int> { 1, 2, 3, totalWrites - 1, totalWrites };
        for (var i = 1; i <= CrashPoints; i++)
        {
            points.Add(Math.Max(1, (int)((long)totalWrites * i / (CrashPoints + 1))));
        }

        return points;
    }
}

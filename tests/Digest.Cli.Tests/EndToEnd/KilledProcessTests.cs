using System.Diagnostics;
using System.Globalization;
using Digest.Cli.Tests.Support;

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

    private async Task<bool> RunAndKillAsync(string data, int killAfterProcessed)
    {
        using var process = Start(data);
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

    private async Task<(int ExitCode, string Error)> RunToEndAsync(string data)
    {
        using var process = Start(data);
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }

    private Process Start(string data)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "digest.dll"), "run",
            "--sources", SourcesFile, "--data", data, "--now", SampleCorpus.Now.ToString("O", CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }
}

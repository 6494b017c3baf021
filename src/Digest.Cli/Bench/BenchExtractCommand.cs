using System.CommandLine;
using System.Diagnostics;
using System.Globalization;

namespace Digest.Cli.Bench;

/// <summary>
/// <c>digest bench extract [--pages 181] [--runs 3]</c>: the whole-process cost of <c>digest extract</c> — start-up,
/// JIT, reading, extracting and writing — over generated pages in the shape of real news pages
/// (<see cref="GeneratedNewsPages"/>). Each run starts this same executable as a child process and times it from the
/// outside, so start-up counts as it does for a user.
/// </summary>
internal static class BenchExtractCommand
{
    public static Command Create()
    {
        var pages = new Option<int>("--pages") { Description = "Pages to generate.", DefaultValueFactory = _ => 181 };
        var runs = new Option<int>("--runs") { Description = "Timed runs of digest extract.", DefaultValueFactory = _ => 3 };
        var seed = new Option<int>("--seed") { Description = "Generator seed.", DefaultValueFactory = _ => 20261201 };
        var command = new Command("extract", "Benchmark the whole digest extract process over generated news pages.") { pages, runs, seed };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var count = parse.GetValue(pages);
            var runCount = parse.GetValue(runs);
            if (count < 1 || runCount < 1)
            {
                parse.InvocationConfiguration.Error.WriteLine("error: --pages and --runs must be positive.");
                return 2;
            }

            var output = parse.InvocationConfiguration.Output;
            var root = Path.Combine(Path.GetTempPath(), "digest-bench-extract-" + Guid.NewGuid().ToString("N"));
            try
            {
                var input = Path.Combine(root, "pages");
                var bytes = GeneratedNewsPages.Write(input, count, parse.GetValue(seed));
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{count} pages, {bytes / 1024.0 / count:F0} KB on average, {bytes / 1024.0 / 1024.0:F1} MB in all"));
                output.WriteLine("run  wall-s  pages/s  ms/page");
                for (var run = 1; run <= runCount; run++)
                {
                    var (wall, exitCode) = await TimeExtractAsync(input, Path.Combine(root, "out-" + run.ToString(CultureInfo.InvariantCulture)), cancellationToken);
                    if (exitCode != 0)
                    {
                        parse.InvocationConfiguration.Error.WriteLine($"error: digest extract exited with {exitCode}.");
                        return 1;
                    }

                    output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{run,3}  {wall.TotalSeconds,6:F2}  {count / wall.TotalSeconds,7:F0}  {wall.TotalMilliseconds / count,7:F2}"));
                }

                return 0;
            }
            finally
            {
                if (Directory.Exists(root))
                {
                    Directory.Delete(root, recursive: true);
                }
            }
        });
        return command;
    }

    private static async Task<(TimeSpan Wall, int ExitCode)> TimeExtractAsync(string input, string output, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath ?? throw new InvalidOperationException("The path of this executable is not known."))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };

        // Started as "dotnet digest.dll" the process path is dotnet itself and the entry assembly goes first.
        if (Path.GetFileNameWithoutExtension(start.FileName).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
        {
            start.ArgumentList.Add(typeof(BenchExtractCommand).Assembly.Location);
        }

        foreach (var argument in new[] { "extract", "--input-dir", input, "--output-dir", output })
        {
            start.ArgumentList.Add(argument);
        }

        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start) ?? throw new InvalidOperationException("digest extract did not start.");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        clock.Stop();
        await Task.WhenAll(stdout, stderr);
        return (clock.Elapsed, process.ExitCode);
    }
}

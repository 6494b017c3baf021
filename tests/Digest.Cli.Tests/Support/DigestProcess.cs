using System.Diagnostics;
using System.Globalization;

namespace Digest.Cli.Tests.Support;

/// <summary>The real program in a child process: <c>digest run</c> on the sample corpus at its pinned time.</summary>
internal static class DigestProcess
{
    /// <param name="environment">Variables laid over this process's environment.</param>
    public static Process StartRun(string sourcesFile, string data, string? storage = null, IReadOnlyDictionary<string, string>? environment = null)
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
            "--sources", sourcesFile, "--data", data, "--now", SampleCorpus.Now.ToString("O", CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        if (storage is not null)
        {
            start.ArgumentList.Add("--storage");
            start.ArgumentList.Add(storage);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    /// <summary>Runs to the end; the exit code and everything written to standard error.</summary>
    public static async Task<(int ExitCode, string Error)> RunToEndAsync(string sourcesFile, string data, string? storage = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        using var process = StartRun(sourcesFile, data, storage, environment);
        var error = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await error);
    }
}

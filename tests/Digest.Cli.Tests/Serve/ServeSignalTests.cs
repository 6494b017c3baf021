using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Digest.Cli.Tests.Support;
using Digest.Infrastructure.FileSystem;

namespace Digest.Cli.Tests.Serve;

/// <summary>
/// <c>digest serve</c> as a process, stopped the way a service manager stops it (SIGTERM) while it works: it exits
/// cleanly, says so, and leaves the data folder free for the next start.
/// </summary>
public sealed class ServeSignalTests : SampleSiteTest
{
    [Fact]
    public async Task Sigterm_while_working_stops_serve_cleanly_and_frees_the_data_folder()
    {
        var data = Temp.Sub("data");
        using var process = Start(data, FreePort());
        var lines = new List<string>();
        var working = false;
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120)))
        {
            while (!working && await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
            {
                lines.Add(line);
                // The first feed read queued its pages: the workers are busy now.
                working = line.Contains("queued for download", StringComparison.Ordinal);
            }
        }

        Assert.True(working, "serve did not start working: " + string.Join('\n', lines));
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        var rest = await process.StandardError.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromSeconds(60)), "serve did not stop within 60 s of SIGTERM");
        Assert.Contains("Stopped.", rest, StringComparison.Ordinal);
        Assert.Equal(0, process.ExitCode);
        using (DataFolderLock.Acquire(data))
        {
        }
    }

    private Process Start(string data, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            Path.Combine(AppContext.BaseDirectory, "digest.dll"), "serve", "--sources", SourcesFile, "--data", data,
            "--now", SampleCorpus.Now.ToString("O", CultureInfo.InvariantCulture), "--port", port.ToString(CultureInfo.InvariantCulture),
        })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DIGEST_FUNCTIONS_KEY"] = "signal-test-key";
        start.Environment["FetchSchedule"] = "*/1 * * * * *";
        start.Environment["BriefingSchedule"] = "0 0 0 1 1 *";
        return Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

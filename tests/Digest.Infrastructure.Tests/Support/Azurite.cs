using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Digest.Infrastructure.Tests.Support;

/// <summary>
/// Azurite (the Azure Storage emulator) for one test collection: blob and queue services on free 127.0.0.1 ports, in
/// memory, killed with its whole process tree on dispose. It runs under a small node watchdog that kills it when this
/// test process goes away, so even a test host that crashes or is killed never leaves Azurite behind.
/// </summary>
/// <remarks>
/// Found at <c>$DIGEST_AZURITE</c>, else <c>&lt;repo&gt;/.tools/azurite/node_modules/.bin/azurite</c>, which is installed
/// there from npm (<c>azurite@3.37.0</c>) when missing; tests/run.sh does that up front.
/// This file is shared by the Infrastructure and Cli test projects (linked, not copied).
/// </remarks>
public sealed class AzuriteFixture : IAsyncLifetime
{
    public const string Version = "3.37.0";

    /// <summary>Azurite's well-known development account (public, the same in every Azurite).</summary>
    public const string AccountName = "devstoreaccount1";

    public const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Runs Azurite as a child and kills it (SIGKILL: it ignores SIGTERM for seconds) when its stdin closes, which the
    /// OS does when the test process exits for any reason. It exits with Azurite, so its exit tells us Azurite failed.
    /// </summary>
    private const string Watchdog = """
        const { spawn } = require('child_process');
        const [bin, ...args] = process.argv.slice(1);
        const child = spawn(bin, args, { stdio: ['ignore', 'inherit', 'inherit'] });
        const stop = () => { try { child.kill('SIGKILL'); } catch {} process.exit(0); };
        process.stdin.on('end', stop); process.stdin.on('error', stop); process.stdin.resume();
        process.on('SIGTERM', stop);
        child.on('exit', code => process.exit(code ?? 1));
        """;

    private Process? process;
    private string? workDirectory;
    private readonly List<string> output = [];

    public int BlobPort { get; private set; }

    public int QueuePort { get; private set; }

    /// <summary>Azurite's explicit connection string, equivalent to UseDevelopmentStorage=true on these ports.</summary>
    public string ConnectionString => string.Create(CultureInfo.InvariantCulture,
        $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{BlobPort}/{AccountName};QueueEndpoint=http://127.0.0.1:{QueuePort}/{AccountName};");

    /// <summary>How long start-up took (install excluded), for the record.</summary>
    public TimeSpan StartupTime { get; private set; }

    public async Task InitializeAsync()
    {
        var azurite = await LocateOrInstallAsync();
        var watch = Stopwatch.StartNew();
        // A free port can be taken between our probe and Azurite's bind; then Azurite exits and we try new ports.
        Exception? last = null;
        for (var attempt = 0; attempt < 3; attempt++)
        {
            try
            {
                await StartAsync(azurite);
                StartupTime = watch.Elapsed;
                return;
            }
            catch (InvalidOperationException exception)
            {
                last = exception;
                await StopAsync();
            }
        }

        throw new InvalidOperationException("Azurite did not start after 3 attempts.", last);
    }

    public async Task DisposeAsync() => await StopAsync();

    private async Task StartAsync(string azurite)
    {
        var ports = FreePorts(3);
        BlobPort = ports[0];
        QueuePort = ports[1];
        // In memory: nothing on disk to clean or to leak between runs (Azurite refuses --location with it, so the
        // working folder, where it would put anything else, is a temp folder of our own).
        workDirectory = Path.Combine(Path.GetTempPath(), "digest-azurite-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(workDirectory);
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])
                 [
                     "-e", Watchdog, azurite,
                     "--blobHost", "127.0.0.1", "--blobPort", Text(BlobPort),
                     "--queueHost", "127.0.0.1", "--queuePort", Text(QueuePort),
                     "--tableHost", "127.0.0.1", "--tablePort", Text(ports[2]),
                     "--inMemoryPersistence", "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry",
                 ])
        {
            start.ArgumentList.Add(argument);
        }

        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) => Record(line.Data);
        process.ErrorDataReceived += (_, line) => Record(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var timeout = new CancellationTokenSource(StartTimeout);
        while (!await AcceptsAsync(BlobPort) || !await AcceptsAsync(QueuePort))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException(
                    $"Azurite exited with code {process.ExitCode} while starting: {string.Join(" | ", Snapshot())}");
            }

            if (timeout.IsCancellationRequested)
            {
                throw new InvalidOperationException(
                    $"Azurite did not listen on ports {BlobPort} and {QueuePort} within {StartTimeout}: {string.Join(" | ", Snapshot())}");
            }

            await Task.Delay(100);
        }
    }

    private async Task StopAsync()
    {
        if (process is not null)
        {
            try
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                    using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                    await process.WaitForExitAsync(wait.Token);
                }
            }
            catch (Exception exception) when (exception is InvalidOperationException or OperationCanceledException
                                                  or System.ComponentModel.Win32Exception)
            {
                // Already gone, or not dying within 10 s: closing our end of its stdin below makes the watchdog kill it.
            }

            process.Dispose();
            process = null;
        }

        if (workDirectory is not null)
        {
            try
            {
                Directory.Delete(workDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: temp folders are cleaned by the OS eventually.
            }

            workDirectory = null;
        }
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Add(line);
        }
    }

    private List<string> Snapshot()
    {
        lock (output)
        {
            return [.. output.TakeLast(20)];
        }
    }

    private static async Task<bool> AcceptsAsync(int port)
    {
        using var client = new TcpClient();
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1));
            await client.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException)
        {
            return false;
        }
    }

    private static List<int> FreePorts(int count)
    {
        // Hold all listeners open until every port is chosen, so the ports are distinct.
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        try
        {
            listeners.ForEach(listener => listener.Start());
            return listeners.Select(listener => ((IPEndPoint)listener.LocalEndpoint).Port).ToList();
        }
        finally
        {
            listeners.ForEach(listener => listener.Stop());
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>$DIGEST_AZURITE, else the repo's .tools copy, installing it there (once, under a lock) when missing.</summary>
    private static async Task<string> LocateOrInstallAsync()
    {
        if (Environment.GetEnvironmentVariable("DIGEST_AZURITE") is { Length: > 0 } given)
        {
            return File.Exists(given)
                ? given
                : throw new InvalidOperationException($"DIGEST_AZURITE is '{given}', which does not exist.");
        }

        return await NpmTool.LocateOrInstallAsync("azurite", "azurite@" + Version,
            Path.Combine("node_modules", ".bin", OperatingSystem.IsWindows() ? "azurite.cmd" : "azurite"));
    }
}

/// <summary>The tests that share one Azurite: they run one after another, each in its own containers and queues.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}

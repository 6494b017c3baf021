using System.Diagnostics;

namespace Digest.Infrastructure.Tests.Support;

/// <summary>
/// A test tool from npm, installed once into <c>&lt;repo&gt;/.tools/&lt;folder&gt;</c> (gitignored) when missing, under a file
/// lock so test projects running at once install it once. tests/run.sh installs them up front.
/// This file is shared by the test projects (linked, not copied).
/// </summary>
internal static class NpmTool
{
    /// <summary>The path of <paramref name="relativePath"/> inside the tool's folder, installing <paramref name="package"/> first when it is missing.</summary>
    public static async Task<string> LocateOrInstallAsync(string folder, string package, string relativePath)
    {
        var prefix = Path.Combine(RepoRoot(), ".tools", folder);
        var target = Path.Combine(prefix, relativePath);
        if (File.Exists(target) || Directory.Exists(target))
        {
            return target;
        }

        Directory.CreateDirectory(prefix);
        await using var installLock = await LockAsync(Path.Combine(prefix, "install.lock"));
        if (!File.Exists(target) && !Directory.Exists(target))
        {
            await RunNpmInstallAsync(prefix, package);
        }

        return File.Exists(target) || Directory.Exists(target)
            ? target
            : throw new InvalidOperationException($"npm installed {package}, but '{target}' is missing.");
    }

    public static string RepoRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Digest.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Digest.sln above {AppContext.BaseDirectory}.");
    }

    private static async Task RunNpmInstallAsync(string prefix, string package)
    {
        var start = new ProcessStartInfo("npm")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["install", "--prefix", prefix, package, "--no-audit", "--no-fund"])
        {
            start.ArgumentList.Add(argument);
        }

        using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
        var stdout = npm.StandardOutput.ReadToEndAsync();
        var stderr = npm.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await npm.WaitForExitAsync(timeout.Token);
        if (npm.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm install {package} failed ({npm.ExitCode}): {await stdout} {await stderr}");
        }
    }

    private static async Task<FileStream> LockAsync(string path)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(200, timeout.Token);
            }
        }
    }
}

using Microsoft.Playwright;

namespace Digest.Cli.Tests.Support;

/// <summary>
/// Headless Chromium from the machine's packages (tests/run.sh installs Debian's <c>chromium</c>), driven by Playwright.
/// <c>DIGEST_CHROMIUM</c> names another binary. The flags keep Chromium off the network it cannot reach here.
/// </summary>
internal static class Browser
{
    public static string ExecutablePath => Environment.GetEnvironmentVariable("DIGEST_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
        {
            throw new InvalidOperationException($"Chromium not found at {ExecutablePath}: run tests/run.sh (it installs Debian's chromium) or set DIGEST_CHROMIUM.");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        return (playwright, browser);
    }
}

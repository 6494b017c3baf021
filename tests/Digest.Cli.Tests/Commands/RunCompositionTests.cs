using Digest.Cli.Hosting;
using Digest.Cli.Tests.Support;
using Digest.Infrastructure.Hosting;
using Microsoft.Extensions.Logging;

namespace Digest.Cli.Tests.Commands;

/// <summary>
/// <c>digest run</c> composes the app through the composition root the Functions app uses: the same settings, read
/// from the environment under the same names and checked at start-up, and the same per-stage log categories.
/// </summary>
public sealed class RunCompositionTests : SampleSiteTest
{
    [Fact]
    public async Task A_bad_app_setting_in_the_environment_stops_run_before_any_work_naming_each_setting()
    {
        var data = Temp.Sub("data");
        var (exit, error) = await RunDigestAsync(data, new Dictionary<string, string>
        {
            ["Digest__Mail__Kind"] = "pigeon",
            ["Digest__BriefingHourUtc"] = "25",
        });

        Assert.Equal(2, exit);
        Assert.Contains("error: Digest:Mail:Kind", error, StringComparison.Ordinal);
        Assert.Contains("error: Digest:BriefingHourUtc", error, StringComparison.Ordinal);
        // Checked before the data folder is opened: nothing was created, fetched or queued.
        Assert.False(Directory.Exists(data));
        Assert.DoesNotContain("[fetch]", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mail_settings_from_the_environment_are_the_apps_so_run_sends_where_the_app_would()
    {
        // The app's mail setting reaches run: SMTP without a host is refused up front, rather than run quietly writing
        // .eml files to the outbox while the operator expects mail.
        var (exit, error) = await RunDigestAsync(Temp.Sub("data"), new Dictionary<string, string> { ["Digest__Mail__Kind"] = "smtp" });

        Assert.Equal(2, exit);
        Assert.Contains("error: Digest:Mail:SmtpHost is not set", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Each_stage_logs_under_its_own_category_and_the_terminal_prefixes_its_name_escaping_control_characters()
    {
        var lines = new StringWriter();
        using var provider = new TerminalLoggerProvider(lines);

        provider.CreateLogger(DigestLogCategories.Extract).LogWarning("{Report}", "page\u001b[31m failed");
        provider.CreateLogger(DigestLogCategories.Process).LogInformation("{Report}", "folded");
        provider.CreateLogger(DigestLogCategories.Host).LogInformation("{Report}", "queue recovered");
        provider.CreateLogger(DigestLogCategories.Fetch).LogDebug("{Report}", "not shown");

        Assert.Equal(["[extract] warning: page\\x1B[31m failed", "[process] folded", "queue recovered"],
            lines.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("extract", DigestLogCategories.StageOf(DigestLogCategories.Extract));
        Assert.Null(DigestLogCategories.StageOf("Microsoft.Hosting.Lifetime"));
    }

    private Task<(int ExitCode, string Error)> RunDigestAsync(string data, IReadOnlyDictionary<string, string> environment)
        => DigestProcess.RunToEndAsync(SourcesFile, data, environment: environment);
}

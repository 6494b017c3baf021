using Digest.Functions.Tests.Support;
using Microsoft.Extensions.Options;

namespace Digest.Functions.Tests.Hosting;

/// <summary>A bad configuration stops the app at start-up with one error naming every setting, and never a secret.</summary>
public sealed class StartupValidationTests
{
    [Fact]
    public void Missing_storage_and_sources_are_one_error_naming_both()
    {
        var error = Assert.Throws<OptionsValidationException>(() => DigestApp.Start(new Dictionary<string, string?>()));

        Assert.Contains(error.Failures, f => f.Contains("Digest:Sources is not set", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("AzureWebJobsStorage is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void A_malformed_connection_string_is_named_and_never_echoed()
    {
        const string secret = "AccountName=x;AccountKey=not-base64-SECRET!;Nonsense";
        var error = Assert.Throws<OptionsValidationException>(() => DigestApp.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = secret,
            ["Digest:Sources"] = Path.Combine(RepoPaths.Samples, "sources.json"),
        }));

        Assert.Contains("AzureWebJobsStorage", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_mail_and_schedule_settings_are_refused()
    {
        var error = Assert.Throws<OptionsValidationException>(() => DigestApp.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Digest:Sources"] = Path.Combine(RepoPaths.Samples, "sources.json"),
            ["Digest:Mail:Kind"] = "smtp",
            ["Digest:BriefingHourUtc"] = "24",
        }));

        Assert.Contains(error.Failures, f => f.Contains("Digest:Mail:SmtpHost", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Digest:BriefingHourUtc", StringComparison.Ordinal));
    }

    [Fact]
    public void A_valid_configuration_starts_without_touching_storage()
    {
        // Nothing listens on this port: start-up only parses the connection, it does no work.
        using var app = DigestApp.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Digest:Sources"] = Path.Combine(RepoPaths.Samples, "sources.json"),
            ["Digest:HostJson"] = RepoPaths.HostJson,
        });

        Assert.Equal(5, app.Get<Digest.Infrastructure.Hosting.QueueHostOptions>().MaxDequeueCount);
    }
}

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
        using var app = DigestApp.Start(TestSettings.With(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Digest:Sources"] = Path.Combine(RepoPaths.Samples, "sources.json"),
            ["Digest:HostJson"] = RepoPaths.HostJson,
        }));

        Assert.Equal(5, app.Get<Digest.Infrastructure.Hosting.QueueHostOptions>().MaxDequeueCount);
        // The link builder is built from the settings; the site defaults to the API's address.
        var links = app.Get<Digest.Core.Subscribers.SubscriptionLinks>();
        Assert.StartsWith("https://digest.example/api/subscribers/unsubscribe?token=v1.",
            links.Unsubscribe(new string('a', 32), DateTimeOffset.UnixEpoch).AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal("https://digest.example/briefings/2026-12-01/", links.WebCopy(new DateOnly(2026, 12, 1)).AbsoluteUri);
    }

    [Fact]
    public void The_public_address_and_the_signing_key_are_required_with_storage()
    {
        var error = Assert.Throws<OptionsValidationException>(() => DigestApp.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Digest:Sources"] = Path.Combine(RepoPaths.Samples, "sources.json"),
        }));

        Assert.Contains(error.Failures, f => f.StartsWith("Digest:PublicBaseUrl is not set", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("set Digest:TokenSigningKey", StringComparison.Ordinal));
    }

    [Fact]
    public void Bad_link_settings_are_named_and_never_echoed()
    {
        // 16 bytes of base64: too short. The values themselves must not appear in any message.
        const string shortKey = "U0VDUkVULWtleS0xNmJ5dA==";
        var error = Assert.Throws<OptionsValidationException>(() => DigestApp.Start(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Digest:Sources"] = Path.Combine(RepoPaths.Samples, "sources.json"),
            ["Digest:PublicBaseUrl"] = "ftp://SECRET-host/",
            ["Digest:SiteBaseUrl"] = "https://site.example/?SECRET=1",
            ["Digest:TokenSigningKey"] = shortKey,
            ["Digest:UnsubscribeMailto"] = "SECRET <a@b>, c@d",
        }));

        Assert.Contains(error.Failures, f => f.StartsWith("Digest:UnsubscribeMailto must be one mail address", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Digest:PublicBaseUrl must be an absolute http or https", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.StartsWith("Digest:SiteBaseUrl must be", StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains("Digest:TokenSigningKey must hold at least 32 bytes", StringComparison.Ordinal));
        Assert.DoesNotContain("SECRET", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(shortKey, error.Message, StringComparison.Ordinal);
        var notBase64 = Assert.Throws<OptionsValidationException>(() => DigestApp.Start(TestSettings.With(new Dictionary<string, string?>
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Digest:Sources"] = Path.Combine(RepoPaths.Samples, "sources.json"),
            ["Digest:TokenSigningKey"] = "not base64 SECRET!",
        })));
        Assert.Contains(notBase64.Failures, f => f == "Digest:TokenSigningKey is not base64.");
        Assert.DoesNotContain("SECRET", notBase64.Message, StringComparison.Ordinal);
    }
}

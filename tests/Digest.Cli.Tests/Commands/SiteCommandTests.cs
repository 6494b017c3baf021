using Azure.Storage.Blobs.Models;
using Digest.Cli.Commands;
using Digest.Cli.Tests.Support;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Cli.Tests.Commands;

/// <summary>
/// <c>digest site enable</c> on Azurite: what azd's postprovision hook runs to switch on the static website that
/// serves <c>$web</c>, once and again (idempotent), leaving the account's other blob service settings as they were.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SiteCommandTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Enable_switches_on_static_website_hosting_with_the_sites_documents_and_keeps_other_settings()
    {
        var blobs = StorageConnection.FromConnectionString(azurite.ConnectionString).CreateBlobServiceClient();
        var cors = new BlobCorsRule
        {
            AllowedOrigins = "https://reader.example", AllowedMethods = "GET", AllowedHeaders = "*", ExposedHeaders = "*", MaxAgeInSeconds = 60,
        };
        var before = (await blobs.GetPropertiesAsync()).Value;
        before.Cors = [cors];
        await blobs.SetPropertiesAsync(before);

        var first = await CliRunner.InvokeAsync(SiteCommand.Create(), "site", "enable", "--storage", azurite.ConnectionString);
        var second = await CliRunner.InvokeAsync(SiteCommand.Create(), "site", "enable", "--storage", azurite.ConnectionString);

        Assert.True(first.ExitCode == 0, first.Error);
        Assert.StartsWith("Static website hosting is now on for devstoreaccount1", first.Output, StringComparison.Ordinal);
        Assert.True(second.ExitCode == 0, second.Error);
        Assert.StartsWith("Static website hosting was already on", second.Output, StringComparison.Ordinal);
        var properties = (await blobs.GetPropertiesAsync()).Value;
        Assert.True(properties.StaticWebsite.Enabled);
        Assert.Equal("index.html", properties.StaticWebsite.IndexDocument);
        Assert.Equal("404.html", properties.StaticWebsite.ErrorDocument404Path);
        var kept = Assert.Single(properties.Cors);
        Assert.Equal(cors.AllowedOrigins, kept.AllowedOrigins);
    }

    [Theory]
    [InlineData(new string[0], "give one of --storage")]
    [InlineData(new[] { "--account", "evil.example.org/x" }, "is not a storage account name")]
    [InlineData(new[] { "--account", "Upper" }, "is not a storage account name")]
    [InlineData(new[] { "--storage", "AccountName=x;AccountKey=not base64" }, "AccountKey is empty or not base64")]
    public async Task Enable_without_one_valid_account_says_what_is_wrong_and_touches_nothing(string[] args, string message)
    {
        var result = await CliRunner.InvokeAsync(SiteCommand.Create(), ["site", "enable", .. args]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }

    [Fact]
    public async Task Enable_with_a_wrong_key_reports_the_refusal_in_one_line()
    {
        var wrongKey = azurite.ConnectionString.Replace(AzuriteFixture.AccountKey, Convert.ToBase64String(new byte[64]), StringComparison.Ordinal);

        var result = await CliRunner.InvokeAsync(SiteCommand.Create(), "site", "enable", "--storage", wrongKey);

        Assert.True(result.ExitCode == 1, result.Error);
        Assert.StartsWith("error: the storage account refused to switch on static website hosting: 403", result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.TrimEnd().Split('\n'));
    }
}

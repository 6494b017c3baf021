using Azure.Core;
using Digest.Core.Storage;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Configuration;
using Digest.Infrastructure.Tests.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Digest.Infrastructure.Tests.Azure;

public sealed class StorageConnectionTests
{
    private const string Key = AzuriteFixture.AccountKey;

    /// <summary>Retries fast, so the retry test takes milliseconds.</summary>
    private static readonly StorageRetry Quick = new(3, TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(50),
        TimeSpan.FromSeconds(10));

    [Fact]
    public void Development_storage_means_azurite_on_its_default_ports()
    {
        var connection = StorageConnection.FromConnectionString("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10000/devstoreaccount1"), connection.BlobServiceUri);
        Assert.Equal(new Uri("http://127.0.0.1:10001/devstoreaccount1"), connection.QueueServiceUri);
    }

    [Fact]
    public void Explicit_endpoints_are_used_as_given()
    {
        var connection = StorageConnection.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint=http://127.0.0.1:41000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:41001/devstoreaccount1;");

        Assert.Equal(41000, connection.CreateBlobServiceClient().Uri.Port);
        Assert.Equal(41001, connection.CreateQueueServiceClient().Uri.Port);
        Assert.Equal("devstoreaccount1", connection.CreateBlobServiceClient().AccountName);
    }

    [Fact]
    public void An_account_key_string_points_at_the_accounts_azure_endpoints()
    {
        var connection = StorageConnection.FromConnectionString(
            $"DefaultEndpointsProtocol=https;AccountName=digestnews;AccountKey={Key};EndpointSuffix=core.windows.net");

        Assert.Equal("digestnews.blob.core.windows.net", connection.BlobServiceUri.Host);
        Assert.Equal("digestnews.queue.core.windows.net", connection.QueueServiceUri.Host);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("not a connection string")]
    [InlineData("AccountName=digestnews;AccountKey=")]
    [InlineData("DefaultEndpointsProtocol=http;AccountName=x;AccountKey=not base64!;BlobEndpoint=http://127.0.0.1:1/x")]
    public void A_malformed_string_names_the_setting_and_never_echoes_the_string(string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => StorageConnection.FromConnectionString(value, "--storage"));

        Assert.StartsWith("--storage:", error.Message, StringComparison.Ordinal);
        if (value.Trim().Length > 0)
        {
            Assert.DoesNotContain(value, error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Settings_take_a_connection_string_or_identity_based_service_uris()
    {
        var byString = StorageConnection.FromSettings(
            name => name == "AzureWebJobsStorage" ? "UseDevelopmentStorage=true" : null);
        var byIdentity = StorageConnection.FromSettings(name => name switch
        {
            "Storage__blobServiceUri" => "https://digestnews.blob.core.windows.net",
            "Storage__queueServiceUri" => "https://digestnews.queue.core.windows.net",
            "Storage__clientId" => "00000000-0000-0000-0000-000000000001",
            _ => null,
        }, "Storage");

        Assert.Equal(10000, byString!.BlobServiceUri.Port);
        Assert.Equal("digestnews.queue.core.windows.net", byIdentity!.CreateQueueServiceClient().Uri.Host);
        Assert.Null(StorageConnection.FromSettings(_ => null));
        var error = Assert.Throws<ConfigurationException>(() => StorageConnection.FromSettings(
            name => name == "Storage__blobServiceUri" ? "https://digestnews.blob.core.windows.net" : null, "Storage"));
        Assert.Contains("Storage__queueServiceUri", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_transient_503_is_retried_by_the_sdk()
    {
        var requests = 0;
        await using var server = await LoopbackServer.StartAsync(app => app.MapGet("/devstoreaccount1/raw/a.html",
            (HttpContext context) =>
            {
                // Busy once, then the blob is simply not there: the store must see only the second answer.
                if (Interlocked.Increment(ref requests) == 1)
                {
                    context.Response.Headers["x-ms-error-code"] = "ServerBusy";
                    return Results.StatusCode(503);
                }

                context.Response.Headers["x-ms-error-code"] = "BlobNotFound";
                return Results.StatusCode(404);
            }));
        var connection = StorageConnection.FromConnectionString(
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};BlobEndpoint={server.BaseUri}devstoreaccount1;QueueEndpoint={server.BaseUri}devstoreaccount1;",
            retry: Quick);

        var blob = await new AzureBlobStore(connection.CreateBlobServiceClient()).GetAsync("raw", "a.html");

        Assert.Null(blob);
        Assert.Equal(2, requests);
    }

    [Fact]
    public void Retries_are_exponential_with_a_few_tries_by_default()
    {
        var options = new global::Azure.Storage.Blobs.BlobClientOptions();
        StorageRetry.Default.ApplyTo(options.Retry);

        Assert.Equal(RetryMode.Exponential, options.Retry.Mode);
        Assert.InRange(options.Retry.MaxRetries, 3, 6);
    }
}

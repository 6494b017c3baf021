using Azure.Core;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Digest.Infrastructure.Configuration;

namespace Digest.Infrastructure.Azure;

/// <summary>
/// How to reach one Azure Storage account (or Azurite): a connection string, or the blob and queue service URIs with a
/// token credential (managed identity). It hands out the SDK's service clients, configured once here so that every
/// client retries the same way and speaks a service version both Azure and Azurite accept.
/// </summary>
public sealed class StorageConnection
{
    /// <summary>
    /// Pinned rather than the SDK's latest: 2026-06-06 is the newest version Azurite 3.37.0 accepts, so a plain
    /// <c>azurite</c> (without <c>--skipApiVersionCheck</c>) works, and Azure accepts it too.
    /// </summary>
    private const BlobClientOptions.ServiceVersion BlobVersion = BlobClientOptions.ServiceVersion.V2026_06_06;

    private const QueueClientOptions.ServiceVersion QueueVersion = QueueClientOptions.ServiceVersion.V2026_06_06;

    private readonly string? connectionString;
    private readonly TokenCredential? credential;
    private readonly StorageRetry retry;

    private StorageConnection(string? connectionString, Uri blobServiceUri, Uri queueServiceUri, TokenCredential? credential,
        StorageRetry retry)
    {
        this.connectionString = connectionString;
        this.credential = credential;
        this.retry = retry;
        BlobServiceUri = blobServiceUri;
        QueueServiceUri = queueServiceUri;
    }

    /// <summary>The blob endpoint, for messages: never carries a key.</summary>
    public Uri BlobServiceUri { get; }

    /// <summary>The queue endpoint, for messages: never carries a key.</summary>
    public Uri QueueServiceUri { get; }

    /// <summary>
    /// From a connection string: an account key or SAS string, <c>UseDevelopmentStorage=true</c>, or Azurite's explicit
    /// form with <c>BlobEndpoint</c> and <c>QueueEndpoint</c>. <paramref name="settingName"/> names where the string came
    /// from, for the error when it is malformed (the string itself is never echoed: it holds the key).
    /// </summary>
    /// <exception cref="ConfigurationException">The string is empty, malformed or lacks a blob or queue endpoint.</exception>
    public static StorageConnection FromConnectionString(string connectionString, string settingName = "storage",
        StorageRetry? retry = null)
    {
        ArgumentNullException.ThrowIfNull(settingName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ConfigurationException($"{settingName}: the storage connection string is empty.");
        }

        CheckAccountKey(connectionString, settingName);
        var settings = retry ?? StorageRetry.Default;
        BlobServiceClient blobs;
        QueueServiceClient queues;
        try
        {
            // The SDK parses the string when a client is made; making both now surfaces a bad string at start-up.
            blobs = new BlobServiceClient(connectionString, BlobOptions(settings));
            queues = new QueueServiceClient(connectionString, QueueOptions(settings, QueueMessageEncoding.Base64));
        }
        catch (Exception exception) when (exception is FormatException or ArgumentException or InvalidOperationException
                                              or UriFormatException)
        {
            throw new ConfigurationException(
                $"{settingName}: not a valid Azure Storage connection string (expected e.g. \"UseDevelopmentStorage=true\" or " +
                "\"DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…\" or one with BlobEndpoint=… and QueueEndpoint=…).",
                exception);
        }

        RequireEndpoint(blobs.Uri, settingName, "BlobEndpoint");
        RequireEndpoint(queues.Uri, settingName, "QueueEndpoint");
        return new StorageConnection(connectionString, blobs.Uri, queues.Uri, credential: null, settings);
    }

    /// <summary>
    /// From service URIs with Entra ID: <see cref="DefaultAzureCredential"/>, which on Azure is the managed identity
    /// (the user-assigned one when <paramref name="managedIdentityClientId"/> is given) and locally the developer's login.
    /// </summary>
    public static StorageConnection FromServiceUris(Uri blobServiceUri, Uri queueServiceUri, string? managedIdentityClientId = null,
        StorageRetry? retry = null)
    {
        var options = new DefaultAzureCredentialOptions();
        if (!string.IsNullOrWhiteSpace(managedIdentityClientId))
        {
            options.ManagedIdentityClientId = managedIdentityClientId;
        }

        return FromServiceUris(blobServiceUri, queueServiceUri, new DefaultAzureCredential(options), retry);
    }

    /// <summary>From service URIs and any token credential.</summary>
    public static StorageConnection FromServiceUris(Uri blobServiceUri, Uri queueServiceUri, TokenCredential credential,
        StorageRetry? retry = null)
    {
        ArgumentNullException.ThrowIfNull(blobServiceUri);
        ArgumentNullException.ThrowIfNull(queueServiceUri);
        ArgumentNullException.ThrowIfNull(credential);
        if (!blobServiceUri.IsAbsoluteUri || !queueServiceUri.IsAbsoluteUri)
        {
            throw new ConfigurationException("The blob and queue service URIs must be absolute (https://<account>.blob.core.windows.net).");
        }

        return new StorageConnection(null, blobServiceUri, queueServiceUri, credential, retry ?? StorageRetry.Default);
    }

    /// <summary>
    /// From settings named the way the Functions host names a storage connection <paramref name="name"/>: either
    /// <c>name</c> holds a connection string, or <c>name__blobServiceUri</c> and <c>name__queueServiceUri</c> (with an
    /// optional <c>name__clientId</c>) describe an identity-based one. Returns null when none of them is set.
    /// </summary>
    public static StorageConnection? FromSettings(Func<string, string?> setting, string name = "AzureWebJobsStorage",
        StorageRetry? retry = null)
    {
        ArgumentNullException.ThrowIfNull(setting);
        ArgumentNullException.ThrowIfNull(name);
        if (setting(name) is { Length: > 0 } connectionString)
        {
            return FromConnectionString(connectionString, name, retry);
        }

        var blobUri = setting(name + "__blobServiceUri");
        var queueUri = setting(name + "__queueServiceUri");
        if (string.IsNullOrWhiteSpace(blobUri) && string.IsNullOrWhiteSpace(queueUri))
        {
            return null;
        }

        return FromServiceUris(ParseUri(blobUri, name + "__blobServiceUri"), ParseUri(queueUri, name + "__queueServiceUri"),
            setting(name + "__clientId"), retry);
    }

    /// <summary>A blob service client with this connection's credential, retry policy and service version.</summary>
    public BlobServiceClient CreateBlobServiceClient()
    {
        var options = BlobOptions(retry);
        return connectionString is not null
            ? new BlobServiceClient(connectionString, options)
            : new BlobServiceClient(BlobServiceUri, credential, options);
    }

    /// <summary>
    /// A queue service client. Base64 (the default) is what the Functions queue trigger expects: a message written by
    /// one host is readable by the other. "none" only for a host.json that sets <c>messageEncoding: none</c>.
    /// </summary>
    public QueueServiceClient CreateQueueServiceClient(QueueMessageEncoding encoding = QueueMessageEncoding.Base64)
    {
        var options = QueueOptions(retry, encoding);
        return connectionString is not null
            ? new QueueServiceClient(connectionString, options)
            : new QueueServiceClient(QueueServiceUri, credential, options);
    }

    /// <summary>Maps host.json's <c>extensions.queues.messageEncoding</c> ("base64" or "none") to the SDK's setting.</summary>
    public static QueueMessageEncoding EncodingOf(string hostJsonMessageEncoding)
        => string.Equals(hostJsonMessageEncoding, "none", StringComparison.OrdinalIgnoreCase)
            ? QueueMessageEncoding.None
            : QueueMessageEncoding.Base64;

    private static BlobClientOptions BlobOptions(StorageRetry retry)
    {
        var options = new BlobClientOptions(BlobVersion);
        retry.ApplyTo(options.Retry);
        return options;
    }

    private static QueueClientOptions QueueOptions(StorageRetry retry, QueueMessageEncoding encoding)
    {
        var options = new QueueClientOptions(QueueVersion) { MessageEncoding = encoding };
        retry.ApplyTo(options.Retry);
        return options;
    }

    /// <summary>
    /// The SDK takes an empty or non-base64 AccountKey without complaint and fails every request later with 403;
    /// say so at start-up instead.
    /// </summary>
    private static void CheckAccountKey(string connectionString, string settingName)
    {
        foreach (var pair in connectionString.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0 && string.Equals(pair[..equals].Trim(), "AccountKey", StringComparison.OrdinalIgnoreCase))
            {
                var key = pair[(equals + 1)..].Trim();
                if (key.Length == 0 || !Convert.TryFromBase64String(key, new byte[key.Length], out _))
                {
                    throw new ConfigurationException($"{settingName}: the storage connection string's AccountKey is empty or not base64.");
                }
            }
        }
    }

    private static void RequireEndpoint(Uri? endpoint, string settingName, string key)
    {
        if (endpoint is null || !endpoint.IsAbsoluteUri || string.IsNullOrEmpty(endpoint.Host))
        {
            throw new ConfigurationException($"{settingName}: the storage connection string gives no {key}.");
        }
    }

    private static Uri ParseUri(string? value, string settingName)
        => Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http"
            ? uri
            : throw new ConfigurationException($"{settingName}: must be an absolute http(s) URI, e.g. https://<account>.blob.core.windows.net.");
}

/// <summary>
/// The SDK's retry policy for every storage call: exponential back-off over a few tries, so that a transient 503,
/// a 500, a timeout or a dropped connection is retried by the SDK before the pipeline ever sees it.
/// </summary>
public sealed record StorageRetry(int MaxRetries, TimeSpan Delay, TimeSpan MaxDelay, TimeSpan NetworkTimeout)
{
    /// <summary>5 retries, 0.8 s doubling up to 30 s (about a minute in all), 100 s per try: rides out a throttling spike.</summary>
    public static StorageRetry Default { get; } =
        new(5, TimeSpan.FromMilliseconds(800), TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(100));

    internal void ApplyTo(RetryOptions options)
    {
        options.Mode = RetryMode.Exponential;
        options.MaxRetries = MaxRetries;
        options.Delay = Delay;
        options.MaxDelay = MaxDelay;
        options.NetworkTimeout = NetworkTimeout;
    }
}

using Digest.Core.Sources;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Configuration;
using Microsoft.Extensions.Configuration;

namespace Digest.Infrastructure.Hosting;

/// <summary>
/// The settings resolved into what the app runs on: the sources file read, the storage connection parsed, host.json
/// read. Every problem is collected, so a bad configuration is one error naming each setting, before any work.
/// Secrets (connection strings, keys) are never part of a message.
/// </summary>
public sealed record DigestSettings(
    SourcesConfig Sources,
    StorageConnection? Storage,
    string DataDirectory,
    QueueHostOptions Queues,
    DigestOptions Options,
    SubscriptionSettings Subscriptions)
{
    /// <summary>The Functions host's storage connection, which the app shares unless <c>Digest:Storage</c> names another.</summary>
    public const string HostStorageSetting = "AzureWebJobsStorage";

    /// <summary>Resolves <paramref name="options"/>; <paramref name="errors"/> gets one line per problem.</summary>
    public static DigestSettings? TryResolve(DigestOptions options, IConfiguration configuration, string baseDirectory,
        DigestHostOptions host, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(host);
        var requireSharedStorage = host.RequireSharedStorage;
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(errors);
        var sources = ReadSources(options, baseDirectory, errors);
        var storage = ResolveStorage(options, configuration, requireSharedStorage, errors);
        var queues = ReadHostJson(options, baseDirectory, errors);
        var subscriptions = SubscriptionSettings.TryResolve(options, host.DefaultPublicBaseUrl, sharedStorage: storage is not null && !host.SigningKeyOptional, errors);
        if (options.Mail.Kind is not ("outbox" or "smtp" or "sendgrid"))
        {
            errors.Add("Digest:Mail:Kind must be \"outbox\", \"smtp\" or \"sendgrid\".");
        }
        else if (options.Mail.Kind == "smtp" && string.IsNullOrWhiteSpace(options.Mail.SmtpHost))
        {
            errors.Add("Digest:Mail:SmtpHost is not set, and Digest:Mail:Kind is \"smtp\".");
        }
        else if (options.Mail.Kind == "sendgrid" && string.IsNullOrWhiteSpace(options.Mail.SendGridApiKey))
        {
            errors.Add("Digest:Mail:SendGridApiKey is not set, and Digest:Mail:Kind is \"sendgrid\".");
        }

        if (options.Mail.SmtpSecurity is not ("starttls" or "tls" or "none"))
        {
            errors.Add("Digest:Mail:SmtpSecurity must be \"starttls\", \"tls\" or \"none\".");
        }

        if ((options.Mail.SmtpUserName is null) != (options.Mail.SmtpPassword is null))
        {
            errors.Add("Digest:Mail:SmtpUserName and Digest:Mail:SmtpPassword go together.");
        }

        if (options.Mail.SmtpPort is < 1 or > 65535)
        {
            errors.Add("Digest:Mail:SmtpPort must be between 1 and 65535.");
        }

        if (options.BriefingHourUtc is < 0 or > 23)
        {
            errors.Add("Digest:BriefingHourUtc must be between 0 and 23.");
        }

        if (string.IsNullOrWhiteSpace(options.Data))
        {
            errors.Add("Digest:Data must name a folder.");
        }

        return errors.Count == 0 && sources is not null && queues is not null && subscriptions is not null
            ? new DigestSettings(sources, storage, Path.GetFullPath(options.Data, baseDirectory), queues, options, subscriptions)
            : null;
    }

    private static SourcesConfig? ReadSources(DigestOptions options, string baseDirectory, List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(options.Sources))
        {
            errors.Add("Digest:Sources is not set: it names the sources file (app setting Digest__Sources).");
            return null;
        }

        try
        {
            return SourcesFileReader.Read(Path.GetFullPath(options.Sources, baseDirectory));
        }
        catch (Exception exception) when (exception is ConfigurationException or IOException or UnauthorizedAccessException)
        {
            errors.Add($"Digest:Sources: {exception.Message}");
            return null;
        }
    }

    private static StorageConnection? ResolveStorage(DigestOptions options, IConfiguration configuration, bool required,
        List<string> errors)
    {
        try
        {
            if (!string.IsNullOrWhiteSpace(options.Storage))
            {
                return StorageConnection.FromConnectionString(options.Storage, "Digest:Storage");
            }

            // Environment variables spell sections with "__"; configuration keys with ":".
            var connection = StorageConnection.FromSettings(name => configuration[name.Replace("__", ":", StringComparison.Ordinal)],
                HostStorageSetting);
            if (connection is null && required)
            {
                errors.Add($"{HostStorageSetting} is not set: it needs a connection string or {HostStorageSetting}__blobServiceUri and __queueServiceUri.");
            }

            return connection;
        }
        catch (ConfigurationException exception)
        {
            errors.Add(exception.Message);
            return null;
        }
    }

    private static QueueHostOptions? ReadHostJson(DigestOptions options, string baseDirectory, List<string> errors)
    {
        try
        {
            return HostSettings.LoadOrDefault(Path.GetFullPath(options.HostJson, baseDirectory));
        }
        catch (Exception exception) when (exception is InvalidDataException or IOException)
        {
            errors.Add(exception.Message);
            return null;
        }
    }
}

using System.CommandLine;
using System.Globalization;
using Azure;
using Azure.Identity;
using Digest.Core.Safety;
using Digest.Infrastructure.Azure;
using Digest.Infrastructure.Configuration;

namespace Digest.Cli.Commands;

/// <summary>
/// <c>digest site enable</c>: switches on the storage account's static website hosting, which serves the archive site
/// from <c>$web</c>. azd runs it after each provision (azure.yaml's postprovision hook), since Bicep cannot set it.
/// </summary>
internal static class SiteCommand
{
    public static Command Create() => new("site", "The archive site in storage.") { Enable() };

    private static Command Enable()
    {
        var storage = new Option<string?>("--storage")
        {
            Description = "An Azure Storage connection string (e.g. UseDevelopmentStorage=true for Azurite).",
        };
        var account = new Option<string?>("--account")
        {
            Description = "A storage account's name, reached with your Azure login (azd auth login, az login, or a managed identity).",
        };
        var command = new Command("enable", "Switch on static website hosting (index.html, 404.html) for the archive site in $web.") { storage, account };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            StorageConnection connection;
            try
            {
                connection = Connect(parse.GetValue(storage), parse.GetValue(account));
            }
            catch (ConfigurationException exception)
            {
                stderr.WriteLine($"error: {SafeText.ForTerminal(exception.Message)}");
                return 2;
            }

            try
            {
                var blobs = connection.CreateBlobServiceClient();
                var changed = await StaticWebsiteHosting.EnableAsync(blobs, cancellationToken);
                stdout.WriteLine($"{(changed ? "Static website hosting is now on" : "Static website hosting was already on")} for " +
                                 $"{SafeText.ForTerminal(blobs.AccountName)}: the archive site in $web is served with " +
                                 $"{StaticWebsiteHosting.IndexDocument} and {StaticWebsiteHosting.ErrorDocument}.");
                return 0;
            }
            catch (ConfigurationException missingRole)
            {
                // The account refused for want of a role: a refusal (1), not a bad argument (2).
                stderr.WriteLine($"error: {SafeText.ForTerminal(missingRole.Message)}");
                return 1;
            }
            catch (RequestFailedException failure)
            {
                // The SDK's message spans many lines of headers; the status and the service's error code say what failed.
                stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"error: the storage account refused to switch on static website hosting: {failure.Status} {SafeText.ForTerminal(failure.ErrorCode ?? "")}"));
                return 1;
            }
            catch (AuthenticationFailedException failure)
            {
                stderr.WriteLine($"error: no Azure login to reach the account with (azd auth login or az login): {SafeText.ForTerminal(failure.Message)}");
                return 1;
            }
        });
        return command;
    }

    private static StorageConnection Connect(string? connectionString, string? account)
    {
        if ((connectionString is null) == (account is null))
        {
            throw new ConfigurationException("give one of --storage (a connection string) or --account (a storage account's name).");
        }

        if (connectionString is not null)
        {
            return StorageConnection.FromConnectionString(connectionString, "--storage");
        }

        // Azure's rule for account names; checking it first keeps anything else out of the endpoint's host name.
        if (account!.Length is < 3 or > 24 || !account.All(c => c is >= 'a' and <= 'z' or >= '0' and <= '9'))
        {
            throw new ConfigurationException($"--account: \"{SafeText.ForTerminal(account)}\" is not a storage account name (3 to 24 lowercase letters and digits).");
        }

        return StorageConnection.FromServiceUris(new Uri($"https://{account}.blob.core.windows.net/"), new Uri($"https://{account}.queue.core.windows.net/"));
    }
}

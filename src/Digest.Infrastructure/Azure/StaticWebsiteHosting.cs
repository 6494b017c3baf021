using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Digest.Core.Site;
using Digest.Infrastructure.Configuration;

namespace Digest.Infrastructure.Azure;

/// <summary>
/// Switches on Azure Storage's static website hosting, which serves the archive site the app writes to <c>$web</c>.
/// It is a blob service property, not a resource property, so Bicep cannot set it: <c>digest site enable</c> does, run
/// by azd after each provision (azure.yaml's postprovision hook) with the deployer's login.
/// </summary>
public static class StaticWebsiteHosting
{
    /// <summary>The document a folder address answers with: every page of the site is a folder's.</summary>
    public const string IndexDocument = SitePaths.Home;

    /// <summary>The document a missing address answers with, status 404.</summary>
    public const string ErrorDocument = SitePaths.NotFound;

    /// <summary>
    /// Turns hosting on with the site's index and error documents; true when it changed something, false when it was
    /// already so (nothing is written then). It writes back the properties it read with only the static website changed,
    /// so CORS, logging and retention configured elsewhere stay as they are.
    /// </summary>
    /// <exception cref="ConfigurationException">The identity may not change the account's service properties.</exception>
    public static async Task<bool> EnableAsync(BlobServiceClient blobs, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(blobs);
        try
        {
            var properties = (await blobs.GetPropertiesAsync(cancellationToken).ConfigureAwait(false)).Value;
            if (IsEnabled(properties.StaticWebsite))
            {
                return false;
            }

            properties.StaticWebsite = new BlobStaticWebsite { Enabled = true, IndexDocument = IndexDocument, ErrorDocument404Path = ErrorDocument };
            await blobs.SetPropertiesAsync(properties, cancellationToken).ConfigureAwait(false);
            return true;
        }
        // A wrong key, an expired login or a firewall rule is 403 too, with another code: only a missing role earns this advice.
        catch (RequestFailedException failure) when (failure.Status == 403 && failure.ErrorCode == "AuthorizationPermissionMismatch")
        {
            throw new ConfigurationException(
                $"{blobs.AccountName}: not allowed to change the account's blob service properties ({failure.ErrorCode}). Switching on static " +
                "website hosting needs the Storage Account Contributor role (Contributor and Owner include it) on the account.", failure);
        }
    }

    /// <summary>Whether hosting is on with exactly the site's documents.</summary>
    private static bool IsEnabled(BlobStaticWebsite? website)
        => website is { Enabled: true }
           && string.Equals(website.IndexDocument, IndexDocument, StringComparison.Ordinal)
           && string.Equals(website.ErrorDocument404Path, ErrorDocument, StringComparison.Ordinal);
}

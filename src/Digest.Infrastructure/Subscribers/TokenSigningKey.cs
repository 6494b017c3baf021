using System.Security.Cryptography;
using Digest.Core.Subscribers;

namespace Digest.Infrastructure.Subscribers;

/// <summary>
/// The key that signs subscription tokens and keys subscriber ids: given in configuration (base64, at least
/// <see cref="SubscriptionToken.MinKeyBytes"/> bytes; on Azure a Key Vault reference), else, on the embedded data folder
/// only, the folder's own key, made once at <c>&lt;data&gt;/keys/token-signing.key</c> with mode 0600. Shared storage needs
/// the configured key, so every host computes the same ids.
/// </summary>
public static class TokenSigningKey
{
    /// <summary>The environment variable the CLI reads (the app reads <c>Digest:TokenSigningKey</c>).</summary>
    public const string Variable = "DIGEST_TOKEN_SIGNING_KEY";

    /// <param name="configured">The configured key (base64), or null.</param>
    /// <param name="settingName">How the setting is named in an error.</param>
    /// <param name="dataDirectory">The embedded data folder.</param>
    /// <param name="sharedStorage">True when state lives in a storage account, where a folder's own key would not match other hosts'.</param>
    public static byte[] Resolve(string? configured, string settingName, string dataDirectory, bool sharedStorage)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(configured.Trim());
            }
            catch (FormatException)
            {
                throw new ArgumentException($"{settingName} is not base64.");
            }

            return bytes.Length >= SubscriptionToken.MinKeyBytes
                ? bytes
                : throw new ArgumentException($"{settingName} must hold at least {SubscriptionToken.MinKeyBytes} bytes (base64).");
        }

        if (sharedStorage)
        {
            throw new InvalidOperationException($"With a storage account, set {settingName} to the app's token-signing key (base64), so ids and links match the app's.");
        }

        var path = Path.Combine(dataDirectory, "keys", "token-signing.key");
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(path, options);
                stream.Write(RandomNumberGenerator.GetBytes(32));
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process made it first: use theirs.
            }
        }

        return File.ReadAllBytes(path);
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Digest.Core.Subscribers;

/// <summary>
/// A subscriber's storage name and token subject: HMAC-SHA256 of the lower-cased address under the token-signing key,
/// 32 hex characters. Keyed, so neither the blob names nor the suppression list can be matched against a list of
/// addresses by anyone without the key.
/// </summary>
public static class SubscriberId
{
    public const int Length = 32;

    public static string Of(string address, ReadOnlySpan<byte> key) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes("subscriber:" + address.Trim().ToLowerInvariant())))[..Length];

    public static bool IsWellFormed(string? id)
    {
        if (id is null || id.Length != Length)
        {
            return false;
        }

        foreach (var c in id)
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>An address as logs may show it: the first character of the local part and the domain ("j***@example.org").</summary>
    public static string Masked(string address)
    {
        var at = address.LastIndexOf('@');
        return at <= 0 ? "***" : address[0] + "***" + address[at..];
    }
}

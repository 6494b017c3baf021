using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Digest.Core.Subscribers;

/// <summary>What a signed link may do. A token made for one purpose is refused for every other.</summary>
public enum TokenPurpose
{
    /// <summary>The double opt-in link of the confirmation mail.</summary>
    Confirm,

    /// <summary>The unsubscribe link and the one-click List-Unsubscribe URL of every briefing.</summary>
    Unsubscribe,
}

/// <summary>
/// Signed links for subscribers: <c>v1.&lt;payload&gt;.&lt;signature&gt;</c>, both base64url, the payload
/// <c>purpose|subscriberId|expiry-unix-seconds</c>, the signature HMAC-SHA256 over <c>v1.</c> and the payload with the
/// key from configuration. The token names the subscriber by <see cref="SubscriberId"/> (a keyed hash), never by
/// address, so links in mail logs and browser histories give nothing away. A forged, altered, expired or
/// wrong-purpose token gets the same answer: refused, with no hint of which check failed or whether anyone is behind it.
/// </summary>
public sealed class SubscriptionToken
{
    /// <summary>Keys shorter than this are refused at start-up: HMAC-SHA256 wants at least its output length.</summary>
    public const int MinKeyBytes = 32;

    private const string Version = "v1";

    private readonly byte[] _key;

    public SubscriptionToken(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinKeyBytes)
        {
            throw new ArgumentException($"The token-signing key must be at least {MinKeyBytes} bytes.", nameof(key));
        }

        _key = key.ToArray();
    }

    public string Create(TokenPurpose purpose, string subscriberId, DateTimeOffset expires)
    {
        var payload = string.Create(CultureInfo.InvariantCulture, $"{PurposeName(purpose)}|{subscriberId}|{expires.ToUnixTimeSeconds()}");
        var encoded = Base64Url(Encoding.UTF8.GetBytes(payload));
        return Version + "." + encoded + "." + Base64Url(Sign(encoded));
    }

    /// <summary>The subscriber a valid token names, or null for any token that is not valid for <paramref name="purpose"/> at <paramref name="now"/>.</summary>
    public string? Verify(string? token, TokenPurpose purpose, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 512)
        {
            return null;
        }

        var parts = token.Split('.');
        if (parts.Length != 3 || parts[0] != Version || !TryDecode(parts[2], out var signature))
        {
            return null;
        }

        // Constant time, so the comparison leaks nothing about how much of a forged signature was right.
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(parts[1])) || !TryDecode(parts[1], out var payloadBytes))
        {
            return null;
        }

        var fields = Encoding.UTF8.GetString(payloadBytes).Split('|');
        if (fields.Length != 3 || fields[0] != PurposeName(purpose) || !SubscriberId.IsWellFormed(fields[1])
            || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expiry))
        {
            return null;
        }

        return now.ToUnixTimeSeconds() < expiry ? fields[1] : null;
    }

    private byte[] Sign(string encodedPayload) => HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(Version + "." + encodedPayload));

    private static string PurposeName(TokenPurpose purpose) => purpose switch
    {
        TokenPurpose.Confirm => "confirm",
        TokenPurpose.Unsubscribe => "unsubscribe",
        _ => throw new ArgumentOutOfRangeException(nameof(purpose)),
    };

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryDecode(string text, out byte[] bytes)
    {
        bytes = [];
        if (text.Length == 0 || text.Length > 400)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return false;
            }
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => "!" };
        try
        {
            bytes = Convert.FromBase64String(padded);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

using System.Diagnostics.CodeAnalysis;

namespace Digest.Core.Safety;

/// <summary>
/// The one rule for every URL Digest emits (briefing HTML and text, email, archive, JSON): absolute http or https,
/// nothing else. A <c>javascript:</c>, <c>data:</c> or <c>file:</c> link from a page or a feed is dropped, never shown.
/// </summary>
public static class SafeUrl
{
    /// <summary>Whether <paramref name="uri"/> is an absolute http(s) URL with a host: the only kind Digest emits as a link.</summary>
    public static bool IsHttp([NotNullWhen(true)] Uri? uri)
        => uri is { IsAbsoluteUri: true }
           && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
           && !string.IsNullOrEmpty(uri.Host);

    /// <summary><paramref name="uri"/> when it is an absolute http(s) URL, otherwise null.</summary>
    public static Uri? HttpOrNull(Uri? uri) => IsHttp(uri) ? uri : null;

    /// <summary>Parses <paramref name="text"/> as an absolute http(s) URL (relative to <paramref name="baseUri"/> when given), or null.</summary>
    public static Uri? ParseHttp(string? text, Uri? baseUri = null)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var trimmed = text.Trim();
        Uri? parsed;
        if (baseUri is { IsAbsoluteUri: true })
        {
            Uri.TryCreate(baseUri, trimmed, out parsed);
        }
        else
        {
            Uri.TryCreate(trimmed, UriKind.Absolute, out parsed);
        }

        return HttpOrNull(parsed);
    }
}

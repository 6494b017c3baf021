using System.Globalization;
using System.Net;
using System.Text;

namespace Digest.Core.Feeds;

/// <summary>
/// Rewrites HTML named entities (<c>&amp;nbsp;</c>, <c>&amp;eacute;</c>, ...) that a publisher used in XML without
/// declaring them into numeric character references, which XML always understands. Only applied after a first
/// parse failed, and only names HTML itself defines: an entity a hostile DTD declares (<c>&amp;xxe;</c>) is not an
/// HTML entity, stays as it is and keeps the document refused.
/// </summary>
internal static class HtmlEntityRepair
{
    private const int MaxNameLength = 32;

    private static readonly HashSet<string> XmlEntities = new(StringComparer.Ordinal) { "amp", "lt", "gt", "quot", "apos" };

    /// <summary>
    /// The repaired bytes, or null when nothing was repaired or the document is not in an ASCII-compatible encoding
    /// (rewriting bytes of UTF-16 text would corrupt it).
    /// </summary>
    public static byte[]? TryRepair(byte[] content)
    {
        if (!IsAsciiCompatible(content))
        {
            return null;
        }

        using var output = new MemoryStream(content.Length + 64);
        var changed = false;
        var copiedUpTo = 0;
        for (var ampersand = Array.IndexOf(content, (byte)'&'); ampersand >= 0; ampersand = Array.IndexOf(content, (byte)'&', ampersand + 1))
        {
            var nameEnd = ampersand + 1;
            while (nameEnd < content.Length && nameEnd - ampersand <= MaxNameLength && IsAsciiLetterOrDigit(content[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == ampersand + 1 || nameEnd >= content.Length || content[nameEnd] != (byte)';')
            {
                continue;
            }

            var name = Encoding.ASCII.GetString(content, ampersand + 1, nameEnd - ampersand - 1);
            if (XmlEntities.Contains(name))
            {
                continue;
            }

            var decoded = WebUtility.HtmlDecode("&" + name + ";");
            if (decoded.Length == 0 || decoded[0] == '&')
            {
                continue;
            }

            output.Write(content, copiedUpTo, ampersand - copiedUpTo);
            foreach (var rune in decoded.EnumerateRunes())
            {
                output.Write(Encoding.ASCII.GetBytes("&#x" + rune.Value.ToString("X", CultureInfo.InvariantCulture) + ";"));
            }

            copiedUpTo = nameEnd + 1;
            changed = true;
        }

        if (!changed)
        {
            return null;
        }

        output.Write(content, copiedUpTo, content.Length - copiedUpTo);
        return output.ToArray();
    }

    private static bool IsAsciiLetterOrDigit(byte value) => value < 128 && char.IsAsciiLetterOrDigit((char)value);

    /// <summary>False for UTF-16 and UTF-32, recognised by their BOM or by NUL bytes around the first "&lt;".</summary>
    private static bool IsAsciiCompatible(byte[] content)
    {
        if (content.Length >= 2 && ((content[0] == 0xFF && content[1] == 0xFE) || (content[0] == 0xFE && content[1] == 0xFF)))
        {
            return false;
        }

        return Array.IndexOf(content, (byte)0, 0, Math.Min(content.Length, 1024)) < 0;
    }
}

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

    /// <summary>The repaired document, or null when nothing was repaired.</summary>
    /// <remarks>Works on the decoded text, so it is the same for every encoding (UTF-16 included).</remarks>
    public static string? TryRepair(string content)
    {
        StringBuilder? output = null;
        var copiedUpTo = 0;
        for (var ampersand = content.IndexOf('&', StringComparison.Ordinal); ampersand >= 0; ampersand = content.IndexOf('&', ampersand + 1))
        {
            var nameEnd = ampersand + 1;
            while (nameEnd < content.Length && nameEnd - ampersand <= MaxNameLength && char.IsAsciiLetterOrDigit(content[nameEnd]))
            {
                nameEnd++;
            }

            if (nameEnd == ampersand + 1 || nameEnd >= content.Length || content[nameEnd] != ';')
            {
                continue;
            }

            var name = content[(ampersand + 1)..nameEnd];
            if (XmlEntities.Contains(name))
            {
                continue;
            }

            var decoded = WebUtility.HtmlDecode("&" + name + ";");
            if (decoded.Length == 0 || decoded[0] == '&')
            {
                continue;
            }

            output ??= new StringBuilder(content.Length + 64);
            output.Append(content, copiedUpTo, ampersand - copiedUpTo);
            foreach (var rune in decoded.EnumerateRunes())
            {
                output.Append("&#x").Append(rune.Value.ToString("X", CultureInfo.InvariantCulture)).Append(';');
            }

            copiedUpTo = nameEnd + 1;
        }

        if (output is null)
        {
            return null;
        }

        output.Append(content, copiedUpTo, content.Length - copiedUpTo);
        return output.ToString();
    }
}

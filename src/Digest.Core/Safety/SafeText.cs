using System.Globalization;
using System.Text;

namespace Digest.Core.Safety;

/// <summary>
/// Text from pages and feeds is written by strangers. These are the two places it is made safe: once when it becomes
/// a field of ours (<see cref="Inline"/>: titles, names, bylines), and again when anything is printed on a terminal
/// (<see cref="ForTerminal"/>), since an archive written by an older version may still hold raw characters.
/// </summary>
public static class SafeText
{
    /// <summary>
    /// One line of plain text: C0 and C1 control characters (NUL, ESC, BEL, CR, LF, TAB…), DEL, and the invisible
    /// bidirectional overrides and isolates (which can make a line read differently from what it holds) are removed;
    /// line breaks and tabs become spaces; runs of white space collapse to one; the result is trimmed. Null or blank
    /// input gives null.
    /// </summary>
    public static string? Inline(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!NeedsCleaning(value))
        {
            var trimmed = value.Trim();
            return trimmed.Length == 0 ? null : trimmed;
        }

        var builder = new StringBuilder(value.Length);
        var pendingSpace = false;
        foreach (var c in value)
        {
            if (c is '\t' or '\n' or '\r' or '\f' or '\v' || char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (IsUnsafe(c))
            {
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.Length == 0 ? null : builder.ToString();
    }

    /// <summary>
    /// Multi-line plain text (an article body): as <see cref="Inline"/> but line feeds are kept (CR LF and lone CR
    /// become LF), and white space is otherwise left as it is.
    /// </summary>
    public static string Multiline(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var hasUnsafe = false;
        foreach (var c in value)
        {
            if (c != '\n' && (c == '\r' || IsUnsafe(c)))
            {
                hasUnsafe = true;
                break;
            }
        }

        if (!hasUnsafe)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\r')
            {
                if (i + 1 < value.Length && value[i + 1] == '\n')
                {
                    continue;
                }

                builder.Append('\n');
            }
            else if (c == '\t')
            {
                builder.Append(' ');
            }
            else if (c == '\n' || !IsUnsafe(c))
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Text for a terminal line: every control character and bidi control (except <paramref name="keepNewlines"/>'s
    /// LF) is shown as a visible escape such as <c>\x1B</c> or <c>\u202E</c>, so a hostile title can neither move the
    /// cursor, change colours, ring the bell nor reverse the line.
    /// </summary>
    public static string ForTerminal(string? value, bool keepNewlines = false)
    {
        if (string.IsNullOrEmpty(value))
        {
            return value ?? "";
        }

        var clean = true;
        foreach (var c in value)
        {
            if (IsUnsafe(c) || c == '\r' || (c == '\n' && !keepNewlines))
            {
                clean = false;
                break;
            }
        }

        if (clean)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 16);
        foreach (var c in value)
        {
            if (c == '\n' && keepNewlines)
            {
                builder.Append(c);
            }
            else if (c < 0x100 && (IsUnsafe(c) || c is '\r' or '\n'))
            {
                builder.Append("\\x").Append(((int)c).ToString("X2", CultureInfo.InvariantCulture));
            }
            else if (IsUnsafe(c))
            {
                builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }

    /// <summary>Control characters other than TAB/LF/CR handling, DEL, C1 controls, bidi embedding/override/isolate marks.</summary>
    public static bool IsUnsafe(char c)
        => (c < 0x20 && c != '\n') || (c >= 0x7F && c <= 0x9F)
           || c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069')
           || c is '\uFFFE' or '\uFFFF';

    /// <summary>Anything the slow path would change besides trimming, including two spaces in a row.</summary>
    private static bool NeedsCleaning(string value)
    {
        var previous = '\0';
        foreach (var c in value)
        {
            if (c < 0x20 || (c >= 0x7F && c <= 0x9F) || c > '\u2000' || (c == ' ' ? previous == ' ' : char.IsWhiteSpace(c)))
            {
                return true;
            }

            previous = c;
        }

        return false;
    }
}

using System.Text;

namespace Digest.Infrastructure.Mail;

/// <summary>Quoted-printable body encoding (RFC 2045 section 6.7) of UTF-8 text.</summary>
internal static class QuotedPrintable
{
    /// <summary>RFC 2045: encoded lines are at most 76 characters, the soft line break's "=" included.</summary>
    public const int MaxLineLength = 76;

    private const string HexDigits = "0123456789ABCDEF";

    /// <summary>
    /// Encodes <paramref name="text"/> as UTF-8 quoted-printable. Line breaks of any convention (CRLF, LF, CR) become
    /// CRLF hard breaks; longer lines get soft breaks; "=", control characters and non-ASCII bytes are escaped, and so
    /// is whitespace at the end of a line (transports may strip it). A "." at the start of a line is left to SMTP
    /// dot-stuffing, which is the transport's job.
    /// </summary>
    public static string Encode(string text)
    {
        var output = new StringBuilder(text.Length + (text.Length / 8));
        var lines = SplitLines(text);
        for (var index = 0; index < lines.Count; index++)
        {
            if (index > 0)
            {
                output.Append("\r\n");
            }

            EncodeLine(Encoding.UTF8.GetBytes(lines[index]), output);
        }

        return output.ToString();
    }

    private static void EncodeLine(byte[] line, StringBuilder output)
    {
        var lineLength = 0;
        for (var i = 0; i < line.Length; i++)
        {
            var value = line[i];
            var isLast = i == line.Length - 1;
            var escape = value switch
            {
                (byte)'=' => true,
                (byte)' ' or (byte)'\t' => isLast,
                < 32 or > 126 => true,
                _ => false,
            };
            var width = escape ? 3 : 1;

            // Leave room for the "=" of a soft break, except for the line's last token, which may use the full width.
            var limit = isLast ? MaxLineLength : MaxLineLength - 1;
            if (lineLength + width > limit)
            {
                output.Append("=\r\n");
                lineLength = 0;
            }

            if (escape)
            {
                output.Append('=').Append(HexDigits[value >> 4]).Append(HexDigits[value & 0xF]);
            }
            else
            {
                output.Append((char)value);
            }

            lineLength += width;
        }
    }

    private static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] is '\r' or '\n')
            {
                lines.Add(text[start..i]);
                if (text[i] == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                start = i + 1;
            }
        }

        lines.Add(text[start..]);
        return lines;
    }
}

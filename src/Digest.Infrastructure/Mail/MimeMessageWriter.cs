using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Digest.Core.Mail;

namespace Digest.Infrastructure.Mail;

/// <summary>
/// Writes a <see cref="MailMessage"/> as an RFC 5322 / MIME message: a multipart/alternative with a text/plain part
/// followed by a text/html part (clients show the last part they understand, so the richer one goes last), both
/// UTF-8 in quoted-printable. The output is 7-bit ASCII with CRLF line endings, and it is a pure function of the
/// message: the boundary comes from the Message-ID, the Date header from <see cref="MailMessage.Date"/>, so the
/// same message always gives the same bytes.
/// </summary>
public static class MimeMessageWriter
{
    /// <summary>
    /// Builds the message bytes. If <see cref="MailMessage.MessageId"/> has no "@", the domain of the From address
    /// is appended (Message-ID needs the form left@right); surrounding angle brackets are optional.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// An address is not a plain ASCII local@domain or contains CR, LF or NUL, or the Message-ID contains a line break,
    /// whitespace or angle brackets. Subject and display names never cause it: their control characters are removed.
    /// </exception>
    public static byte[] Write(MailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.TextBody, nameof(message));
        ArgumentNullException.ThrowIfNull(message.HtmlBody, nameof(message));

        // From first: it validates the address whose domain completes a Message-ID without "@".
        var from = MailHeaders.Mailbox("From", message.From);
        var messageId = MessageIdOf(message);
        var boundary = BoundaryOf(message.MessageId);
        var output = new StringBuilder(256 + (2 * (message.TextBody.Length + message.HtmlBody.Length)));
        output.Append(from)
            .Append(MailHeaders.Mailbox("To", message.To))
            .Append(MailHeaders.Unstructured("Subject", message.Subject))
            .Append("Date: ").Append(FormatDate(message.Date)).Append("\r\n")
            .Append("Message-ID: ").Append(messageId).Append("\r\n")
            .Append("MIME-Version: 1.0\r\n")
            .Append("Content-Type: multipart/alternative;\r\n boundary=\"").Append(boundary).Append("\"\r\n")
            .Append("\r\n")
            .Append("This is a multi-part message in MIME format.\r\n");

        AppendPart(output, boundary, "text/plain", message.TextBody);
        AppendPart(output, boundary, "text/html", message.HtmlBody);
        output.Append("\r\n--").Append(boundary).Append("--\r\n");

        // Everything above is ASCII by construction (encoded-words, quoted-printable).
        return Encoding.ASCII.GetBytes(output.ToString());
    }

    /// <summary>
    /// "=_digest_" + 32 hex characters of SHA-256(Message-ID). Quoted-printable output always writes "=" as "=3D",
    /// so a boundary that starts with "=_" can never occur inside an encoded part.
    /// </summary>
    internal static string BoundaryOf(string messageId)
        => "=_digest_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(messageId)))[..32];

    /// <summary>RFC 5322 date-time, e.g. "Sat, 21 Nov 2026 07:00:00 +0100", always in the invariant culture.</summary>
    internal static string FormatDate(DateTimeOffset date)
    {
        var offset = date.Offset;
        var sign = offset < TimeSpan.Zero ? '-' : '+';
        var absolute = offset.Duration();
        return date.ToString("ddd, dd MMM yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + sign + absolute.Hours.ToString("00", CultureInfo.InvariantCulture)
            + absolute.Minutes.ToString("00", CultureInfo.InvariantCulture);
    }

    private static string MessageIdOf(MailMessage message)
    {
        MailHeaders.RejectLineBreaks(message.MessageId, "Message-ID");
        var id = message.MessageId.Trim();
        if (id.StartsWith('<') && id.EndsWith('>'))
        {
            id = id[1..^1];
        }

        foreach (var c in id)
        {
            if (c is <= ' ' or >= (char)127 or '<' or '>')
            {
                throw new ArgumentException(
                    $"The Message-ID '{message.MessageId}' must be printable ASCII without spaces or angle brackets.", nameof(message));
            }
        }

        if (id.Length == 0)
        {
            throw new ArgumentException("The Message-ID is empty.", nameof(message));
        }

        if (!id.Contains('@', StringComparison.Ordinal))
        {
            var from = message.From.Address;
            id += from[from.LastIndexOf('@')..];
        }

        return "<" + id + ">";
    }

    private static void AppendPart(StringBuilder output, string boundary, string mediaType, string body)
    {
        output.Append("\r\n--").Append(boundary).Append("\r\n")
            .Append("Content-Type: ").Append(mediaType).Append("; charset=utf-8\r\n")
            .Append("Content-Transfer-Encoding: quoted-printable\r\n")
            .Append("\r\n")
            .Append(QuotedPrintable.Encode(body));
    }
}

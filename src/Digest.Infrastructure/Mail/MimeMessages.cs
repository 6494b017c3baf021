using Digest.Core.Mail;
using Digest.Core.Safety;
using MimeKit;
using MimeKit.Text;

namespace Digest.Infrastructure.Mail;

/// <summary>
/// Builds the MIME message every mail adapter sends, with MimeKit: multipart/alternative with the plain-text part
/// first and the HTML part second (clients show the last part they can render), UTF-8 in quoted-printable, and the
/// headers of a bulk mail that behaves: a stable <c>Message-ID</c>, <c>Date</c>, <c>Auto-Submitted: auto-generated</c>
/// (RFC 3834, so auto-responders stay quiet), and when the message has unsubscribe targets <c>List-Unsubscribe</c>
/// (the https URL, then the mailto) with <c>List-Unsubscribe-Post: List-Unsubscribe=One-Click</c> (RFC 8058).
/// Display names and the subject are made one safe line first; MimeKit encodes them (RFC 2047) as needed.
/// </summary>
public static class MimeMessages
{
    public static MimeMessage Build(MailMessage message)
    {
        Validate(message);
        var mime = new MimeMessage();
        mime.From.Add(Mailbox(message.From));
        mime.To.Add(Mailbox(message.To));
        mime.Subject = SafeText.Inline(message.Subject) ?? string.Empty;
        mime.Date = message.Date;
        mime.MessageId = message.MessageId.Trim('<', '>');
        mime.Headers.Add("Auto-Submitted", "auto-generated");
        if (message.Unsubscribe is { } unsubscribe)
        {
            var targets = "<" + unsubscribe.OneClickUrl.AbsoluteUri + ">";
            if (unsubscribe.Mailto is { } mailto)
            {
                targets += ", <" + mailto + ">";
            }

            mime.Headers.Add("List-Unsubscribe", targets);
            mime.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        // The boundary comes from the Message-ID rather than a random source, so the same message is the same bytes
        // (the outbox replaces a file only with an identical one, and runs compare byte for byte).
        var (text, html) = MailBatch.Personalized(message);
        var alternative = new MultipartAlternative
        {
            Part(TextFormat.Plain, text),
            Part(TextFormat.Html, html),
        };
        alternative.Boundary = "=_digest_" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(mime.MessageId)))[..24];
        mime.Body = alternative;
        return mime;
    }

    /// <summary>The message as it goes on the wire and into an .eml file: CRLF line ends.</summary>
    public static byte[] ToBytes(MimeMessage message)
    {
        using var stream = new MemoryStream();
        var options = FormatOptions.Default.Clone();
        options.NewLineFormat = NewLineFormat.Dos;
        message.WriteTo(options, stream);
        return stream.ToArray();
    }

    private static TextPart Part(TextFormat format, string body)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText("utf-8", body);
        return part;
    }

    private static MailboxAddress Mailbox(MailAddress address) =>
        new(SafeText.Inline(address.DisplayName) ?? string.Empty, address.Address);

    private static void Validate(MailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        foreach (var address in new[] { message.From, message.To })
        {
            if (address is null)
            {
                throw new ArgumentException("A message needs a sender and a recipient.", nameof(message));
            }

            if (!MailAddressParser.TryParse(address.Address, out _, out var error))
            {
                throw new ArgumentException($"Cannot send to or from '{SafeText.ForTerminal(address.Address)}': {error}.", nameof(message));
            }
        }

        MailBatch.ValidateSubstitutions(message);
        var id = message.MessageId?.Trim('<', '>') ?? string.Empty;
        if (id.Length == 0 || id.Contains('@') is false || id.Any(c => c <= ' ' || c > '~' || c is '<' or '>'))
        {
            throw new ArgumentException("The Message-ID must be a printable id-left@id-right without spaces.", nameof(message));
        }

        if (message.Unsubscribe is { } unsubscribe)
        {
            if (unsubscribe.OneClickUrl.Scheme != Uri.UriSchemeHttps)
            {
                throw new ArgumentException("The one-click unsubscribe URL must be https (RFC 8058).", nameof(message));
            }

            if (unsubscribe.Mailto is { } mailto && (!mailto.StartsWith("mailto:", StringComparison.Ordinal) || mailto.Any(c => c <= ' ' || c is '<' or '>' or ',')))
            {
                throw new ArgumentException("The unsubscribe mailto must be a mailto: URI without spaces.", nameof(message));
            }
        }
    }
}

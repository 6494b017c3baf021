using Digest.Core.Mail;
using Digest.Infrastructure.Mail;
using MimeKit;

namespace Digest.Infrastructure.Tests.Mail;

public sealed class MimeMessagesTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 21, 7, 0, 0, TimeSpan.FromHours(1));

    private const string TextBody = "Guten Morgen, Zoë!\n\nBrücke über die Weser: drei neue Berichte.\n.a line starting with a dot\nEmoji 📰 and CJK 新聞 too.";

    private const string HtmlBody = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body><h1>Guten Morgen, Zoë!</h1></body></html>";

    private static MailMessage Message(string subject = "Ihr Morgenbriefing: Brücke über die Weser", string? fromName = "Digest Briefing",
        MailUnsubscribe? unsubscribe = null) => new(
        new MailAddress("briefing@digest.example", fromName),
        new MailAddress("zoe.angstrom@mail.example", "Zoë Ångström"),
        subject, TextBody, HtmlBody, "briefing-2026-11-21-zoe@digest.example", Morning, unsubscribe);

    private static MimeMessage RoundTrip(MailMessage message) => MimeMessage.Load(new MemoryStream(MimeMessages.ToBytes(MimeMessages.Build(message))));

    [Fact]
    public void A_multipart_alternative_with_text_then_html_that_parses_back_to_the_bodies()
    {
        var parsed = RoundTrip(Message());

        var alternative = Assert.IsType<MultipartAlternative>(parsed.Body);
        Assert.Equal(2, alternative.Count);
        Assert.Equal("text/plain", alternative[0].ContentType.MimeType);
        Assert.Equal("text/html", alternative[1].ContentType.MimeType);
        Assert.Equal(TextBody, parsed.TextBody!.TrimEnd('\r', '\n'));
        Assert.Equal(HtmlBody, parsed.HtmlBody!.TrimEnd('\r', '\n'));
        Assert.Equal("Ihr Morgenbriefing: Brücke über die Weser", parsed.Subject);
        Assert.Equal("Zoë Ångström", ((MailboxAddress)parsed.To[0]).Name);
    }

    [Fact]
    public void Headers_carry_a_stable_message_id_the_date_and_auto_submitted()
    {
        var parsed = RoundTrip(Message());

        Assert.Equal("briefing-2026-11-21-zoe@digest.example", parsed.MessageId);
        Assert.Equal(Morning, parsed.Date);
        Assert.Equal("auto-generated", parsed.Headers["Auto-Submitted"]);
        Assert.Null(parsed.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public void One_click_unsubscribe_headers_follow_rfc_8058()
    {
        var parsed = RoundTrip(Message(unsubscribe: new MailUnsubscribe(new Uri("https://digest.example/unsubscribe?token=v1.a.b"), "mailto:leave@digest.example")));

        Assert.Equal("<https://digest.example/unsubscribe?token=v1.a.b>, <mailto:leave@digest.example>", parsed.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", parsed.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public void An_http_unsubscribe_url_is_refused()
    {
        Assert.Throws<ArgumentException>(() => MimeMessages.Build(Message(unsubscribe: new MailUnsubscribe(new Uri("http://digest.example/u")))));
    }

    [Theory]
    [InlineData("Briefing\r\nBcc: victim@example.org")]
    [InlineData("Briefing\nX-Injected: yes")]
    [InlineData("Briefing\u0000\u001b[31m red")]
    public void Line_breaks_and_controls_in_the_subject_and_names_never_make_a_header(string hostile)
    {
        var bytes = MimeMessages.ToBytes(MimeMessages.Build(Message(subject: hostile, fromName: hostile)));
        var parsed = MimeMessage.Load(new MemoryStream(bytes));

        Assert.Null(parsed.Headers["Bcc"]);
        Assert.Null(parsed.Headers["X-Injected"]);
        Assert.Empty(parsed.Bcc);
        Assert.DoesNotContain(parsed.Subject ?? string.Empty, c => char.IsControl(c));
        Assert.DoesNotContain((byte)0, bytes);
        Assert.DoesNotContain((byte)0x1b, bytes);
    }

    [Fact]
    public void The_same_message_is_the_same_bytes()
    {
        Assert.Equal(MimeMessages.ToBytes(MimeMessages.Build(Message())), MimeMessages.ToBytes(MimeMessages.Build(Message())));
    }

    [Fact]
    public void Every_line_ends_with_crlf_and_is_7_bit()
    {
        var bytes = MimeMessages.ToBytes(MimeMessages.Build(Message()));

        Assert.All(bytes, b => Assert.True(b < 128, $"byte {b} is not 7-bit"));
        var text = System.Text.Encoding.ASCII.GetString(bytes);
        Assert.DoesNotContain("\n", text.Replace("\r\n", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.All(text.Split("\r\n"), line => Assert.True(line.Length <= 998, $"line of {line.Length}"));
    }

    [Theory]
    [InlineData("not an address")]
    [InlineData("a@b\r\nBcc: x@y")]
    public void An_invalid_recipient_is_refused(string address)
    {
        var message = Message() with { To = new MailAddress(address) };

        Assert.Throws<ArgumentException>(() => MimeMessages.Build(message));
    }
}

using Digest.Core.Mail;
using Digest.Infrastructure.Mail;

namespace Digest.Infrastructure.Tests.Mail;

public sealed class MimeMessageWriterTests
{
    private static readonly DateTimeOffset Morning = new(2026, 11, 21, 7, 0, 0, TimeSpan.FromHours(1));

    private const string TextBody = """
        Guten Morgen, Zoë!

        Brücke über die Weser: drei neue Berichte seit gestern. Die Straßenbauverwaltung bestätigt die Sperrung bis Freitag; eine Umleitung über die Nordstraße ist ausgeschildert und die Fähre fährt im Halbstundentakt.
        a=b and 100% = true
        .a line starting with a dot
        trailing spaces   
        trailing tab	
        Emoji 📰 and CJK 新聞 too.
        """;

    private const string HtmlBody = """
        <!DOCTYPE html><html><head><meta charset="utf-8"><title>Briefing</title></head><body><h1>Guten Morgen, Zoë!</h1><p style="font-family: Georgia, serif; color: #333">Brücke über die Weser: drei neue Berichte seit gestern. Die Straßenbauverwaltung bestätigt die Sperrung bis Freitag.</p></body></html>
        """;

    private static MailMessage Message(
        string subject = "Ihr Morgenbriefing: Brücke über die Weser – drei neue Berichte und ein Kommentar aus Bremen",
        string messageId = "briefing-2026-11-21-zoe@digest.example",
        MailAddress? from = null,
        MailAddress? to = null,
        DateTimeOffset? date = null,
        string textBody = TextBody,
        string htmlBody = HtmlBody)
        => new(
            from ?? new MailAddress("briefing@digest.example", "Digest Briefing"),
            to ?? new MailAddress("zoe.angstrom@mail.example", "Zoë Ångström"),
            subject, textBody, htmlBody, messageId, date ?? Morning);

    private static string Crlf(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace("\n", "\r\n", StringComparison.Ordinal);

    [Fact]
    public void Writes_a_multipart_alternative_with_text_then_html_that_decodes_back_to_the_bodies()
    {
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message()));

        Assert.Equal("1.0", parsed.Header("MIME-Version"));
        Assert.Equal(2, parsed.Parts.Count);
        Assert.Equal("text/plain; charset=utf-8", parsed.Parts[0].Header("Content-Type"));
        Assert.Equal("text/html; charset=utf-8", parsed.Parts[1].Header("Content-Type"));
        Assert.All(parsed.Parts, part => Assert.Equal("quoted-printable", part.Header("Content-Transfer-Encoding")));

        Assert.Equal(Crlf(TextBody), parsed.Parts[0].DecodedBody);
        Assert.Equal(Crlf(HtmlBody), parsed.Parts[1].DecodedBody);
    }

    [Fact]
    public void Every_line_is_short_and_ends_with_crlf()
    {
        var raw = ParsedMessage.Parse(MimeMessageWriter.Write(Message())).Raw;

        Assert.EndsWith("\r\n", raw, StringComparison.Ordinal);
        Assert.All(raw.Split("\r\n"), line => Assert.True(line.Length <= 76, $"{line.Length} characters: {line}"));
    }

    [Fact]
    public void Quoted_printable_escapes_equals_non_ascii_and_trailing_whitespace()
    {
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message()));
        var encodedLines = parsed.Parts[0].EncodedBody.Split("\r\n");

        Assert.Contains("a=3Db and 100% =3D true", encodedLines);
        Assert.Contains("trailing spaces  =20", encodedLines);
        Assert.Contains("trailing tab=09", encodedLines);
        Assert.Contains("Guten Morgen, Zo=C3=AB!", encodedLines);
        Assert.All(encodedLines, line => Assert.False(line.EndsWith(' ') || line.EndsWith('\t'), $"trailing whitespace: '{line}'"));
        Assert.Contains(encodedLines, line => line.Length == 76 || line.Length == 75 || line.Length == 74);
    }

    [Fact]
    public void A_non_ascii_subject_becomes_folded_utf8_encoded_words_that_decode_to_the_original()
    {
        var message = Message();
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(message));

        Assert.StartsWith("=?utf-8?B?", parsed.Header("Subject"), StringComparison.Ordinal);
        Assert.Equal(message.Subject, parsed.DecodedHeader("Subject"));
        Assert.Contains("\r\nSubject: =?utf-8?B?", parsed.Raw, StringComparison.Ordinal);
        Assert.Matches(@"\?=\r\n =\?utf-8\?B\?", parsed.Raw);
    }

    [Fact]
    public void Encoded_words_never_split_a_character()
    {
        var subject = string.Concat(Enumerable.Repeat("📰新é", 20));
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(subject: subject)));

        // Each word must decode on its own, so decode them one by one.
        var words = parsed.Header("Subject").Split(' ');
        Assert.True(words.Length > 1);
        Assert.Equal(subject, string.Concat(words.Select(ParsedMessage.DecodeEncodedWords)));
        Assert.DoesNotContain('\uFFFD', string.Concat(words.Select(ParsedMessage.DecodeEncodedWords)));
    }

    [Fact]
    public void An_ascii_subject_is_written_as_is_and_folded_at_spaces()
    {
        var subject = "Your morning briefing: the harbour bridge, the council budget vote and eleven other stories from yesterday";
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(subject: subject)));

        var rawSubject = parsed.Raw.Split("\r\nSubject:")[1].Split("\r\nDate:")[0];
        Assert.Equal(subject, parsed.Header("Subject"));
        Assert.DoesNotContain("=?", rawSubject, StringComparison.Ordinal);
        Assert.Contains("\r\n ", rawSubject, StringComparison.Ordinal);
    }

    [Fact]
    public void Ascii_text_that_looks_like_an_encoded_word_is_encoded()
    {
        var subject = "Literal =?utf-8?B?SGk=?= is not a word";
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(subject: subject)));

        Assert.Equal(subject, parsed.DecodedHeader("Subject"));
    }

    [Fact]
    public void Display_names_are_quoted_or_encoded()
    {
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(
            from: new MailAddress("desk@digest.example", "The \"Morning\" Desk \\ Digest"),
            to: new MailAddress("zoe@mail.example", "Zoë Ångström"))));

        Assert.Equal("\"The \\\"Morning\\\" Desk \\\\ Digest\" <desk@digest.example>", parsed.Header("From"));
        Assert.EndsWith(" <zoe@mail.example>", parsed.Header("To"), StringComparison.Ordinal);
        Assert.Equal("Zoë Ångström <zoe@mail.example>", parsed.DecodedHeader("To"));
    }

    [Fact]
    public void A_mailbox_without_display_name_is_the_bare_address()
    {
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(to: new MailAddress("reader@mail.example"))));
        Assert.Equal("reader@mail.example", parsed.Header("To"));
    }

    [Theory]
    [InlineData(1, "Sat, 21 Nov 2026 07:00:00 +0100")]
    [InlineData(-5.5, "Sat, 21 Nov 2026 07:00:00 -0530")]
    [InlineData(0, "Sat, 21 Nov 2026 07:00:00 +0000")]
    public void Date_is_rfc_5322_from_the_message(double offsetHours, string expected)
    {
        var date = new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.FromHours(offsetHours));
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(date: date)));

        Assert.Equal(expected, parsed.Header("Date"));
    }

    [Theory]
    [InlineData("briefing-1@digest.example", "<briefing-1@digest.example>")]
    [InlineData("<briefing-1@digest.example>", "<briefing-1@digest.example>")]
    [InlineData("briefing-1", "<briefing-1@digest.example>")]
    public void Message_id_is_angle_bracketed_and_completed_with_the_sender_domain(string id, string expected)
    {
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(messageId: id)));
        Assert.Equal(expected, parsed.Header("Message-ID"));
    }

    [Fact]
    public void The_same_message_gives_the_same_bytes_and_the_boundary_follows_the_message_id()
    {
        var first = MimeMessageWriter.Write(Message());
        var second = MimeMessageWriter.Write(Message());
        var other = MimeMessageWriter.Write(Message(messageId: "briefing-2026-11-22-zoe@digest.example"));

        Assert.Equal(first, second);
        var boundary = ParsedMessage.Parse(first).Boundary;
        Assert.Matches("^=_digest_[0-9a-f]{32}$", boundary);
        Assert.NotEqual(boundary, ParsedMessage.Parse(other).Boundary);
    }

    [Fact]
    public void A_body_that_contains_the_boundary_text_cannot_break_the_structure()
    {
        var boundary = MimeMessageWriter.BoundaryOf("briefing-2026-11-21-zoe@digest.example");
        var hostile = $"before\n--{boundary}\nContent-Type: text/html\n\nafter\n--{boundary}--\n";
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(textBody: hostile)));

        Assert.Equal(2, parsed.Parts.Count);
        Assert.Equal(Crlf(hostile), parsed.Parts[0].DecodedBody);
    }

    [Fact]
    public void Empty_bodies_and_long_unbroken_lines_round_trip()
    {
        var longLine = string.Concat(Enumerable.Repeat("ünbröken", 100));
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(textBody: "", htmlBody: longLine)));

        Assert.Equal("", parsed.Parts[0].DecodedBody);
        Assert.Equal(longLine, parsed.Parts[1].DecodedBody);
        Assert.All(parsed.Raw.Split("\r\n"), line => Assert.True(line.Length <= 76));
    }

    public static TheoryData<MailMessage> Injections => new()
    {
        Message(from: new MailAddress("desk@digest.example\r\nBcc: victim@mail.example")),
        Message(to: new MailAddress("zoe@mail.example\n")),
        Message(messageId: "id@digest.example\r\nBcc: victim@mail.example"),
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public void Line_breaks_in_header_values_are_rejected(MailMessage message)
    {
        var error = Assert.Throws<ArgumentException>(() => MimeMessageWriter.Write(message));
        Assert.Contains("line break", error.Message, StringComparison.Ordinal);
    }

    // ---- Subject and display names carry headlines and outlet names: made safe, never a reason to fail ----

    [Theory]
    [InlineData("Briefing\r\nBcc: victim@mail.example", "Briefing Bcc: victim@mail.example")]
    [InlineData("Briefing\nX-Injected: 1", "Briefing X-Injected: 1")]
    [InlineData("Briefing\rX-Injected: 1", "Briefing X-Injected: 1")]
    [InlineData("Harbour\0 reopens", "Harbour reopens")]
    [InlineData("Harbour \u202Esnepoer", "Harbour snepoer")]
    [InlineData("\u001B[2J\u0007Harbour reopens", "[2JHarbour reopens")]
    [InlineData("Digest 3 Jun: Harbour\0 reopens\r\nBcc: x@y \u202E+ 2 more", "Digest 3 Jun: Harbour reopens Bcc: x@y + 2 more")]
    [InlineData("Zoë\r\n\r\nBody text", "Zoë Body text")]
    public void Control_characters_and_line_breaks_in_the_subject_are_removed_not_injected(string subject, string expected)
    {
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(subject: subject)));

        Assert.Equal(expected, parsed.DecodedHeader("Subject"));
        AssertOnlyOurHeaders(parsed);
        Assert.Equal(Crlf(TextBody), parsed.Parts[0].DecodedBody);
    }

    [Theory]
    [InlineData("Valley Post\r\nBcc: victim@mail.example", "\"Valley Post Bcc: victim@mail.example\" <desk@digest.example>")]
    [InlineData("Valley\0 Post\u202E", "\"Valley Post\" <desk@digest.example>")]
    [InlineData("\u0000\u001B\u202E", "desk@digest.example")]
    public void Control_characters_and_line_breaks_in_a_display_name_are_removed_not_injected(string name, string expectedFrom)
    {
        var parsed = ParsedMessage.Parse(MimeMessageWriter.Write(Message(
            from: new MailAddress("desk@digest.example", name),
            to: new MailAddress("zoe@mail.example", "Zoë\r\nBcc: victim@mail.example"))));

        Assert.Equal(expectedFrom, parsed.Header("From"));
        Assert.Equal("Zoë Bcc: victim@mail.example <zoe@mail.example>", parsed.DecodedHeader("To"));
        AssertOnlyOurHeaders(parsed);
    }

    private static void AssertOnlyOurHeaders(ParsedMessage parsed)
    {
        Assert.Equal(["From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type"], parsed.Headers.Select(h => h.Name));
        Assert.DoesNotContain('\0', parsed.Raw);
        ParsedMessage.AssertCrlfOnly(parsed.Raw);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("two@at@signs.example")]
    [InlineData("spaces in@mail.example")]
    [InlineData("<angle@mail.example>")]
    [InlineData("zoë@mail.example")]
    [InlineData("@mail.example")]
    [InlineData("zoe@")]
    public void Malformed_addresses_are_rejected(string address)
    {
        Assert.Throws<ArgumentException>(() => MimeMessageWriter.Write(Message(to: new MailAddress(address))));
    }

    [Fact]
    public void A_message_id_with_spaces_is_rejected()
    {
        Assert.Throws<ArgumentException>(() => MimeMessageWriter.Write(Message(messageId: "has space@digest.example")));
    }
}

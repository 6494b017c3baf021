using System.Net;
using System.Net.Sockets;
using System.Text;
using Digest.Core.Mail;
using Digest.Infrastructure.Mail;

namespace Digest.Infrastructure.Tests.Mail;

public sealed class SmtpMailSenderTests
{
    private static MailMessage Message() => new(
        new MailAddress("briefing@digest.example", "Digest Briefing"),
        new MailAddress("zoe@mail.example", "Zoë Ångström"),
        "Morgenbriefing: Brücke gesperrt",
        "Guten Morgen!\n.this line starts with a dot\n..and this with two\n.\nEnd.",
        "<p>Guten Morgen!</p>\n.<p>dot</p>",
        "briefing-2026-11-21-zoe@digest.example",
        new DateTimeOffset(2026, 11, 21, 7, 0, 0, TimeSpan.FromHours(1)));

    private static SmtpMailSender SenderFor(LoopbackSmtpServer server)
        => new(new SmtpOptions("127.0.0.1", server.Port, ClientName: "digest.test", Timeout: TimeSpan.FromSeconds(20)));

    [Fact]
    public async Task Delivers_the_mime_message_with_the_smtp_conversation()
    {
        await using var server = new LoopbackSmtpServer().Start();

        await SenderFor(server).SendAsync(Message());
        await server.CompletionAsync();

        Assert.Equal(
            ["EHLO digest.test", "MAIL FROM:<briefing@digest.example>", "RCPT TO:<zoe@mail.example>", "DATA", "QUIT"],
            server.Commands);

        // What the server stores, once dot-stuffing is undone, is exactly the written message.
        Assert.Equal(MimeMessageWriter.Write(Message()), server.UnstuffedData());
        var parsed = ParsedMessage.Parse(server.UnstuffedData());
        Assert.Equal("Guten Morgen!\r\n.this line starts with a dot\r\n..and this with two\r\n.\r\nEnd.", parsed.Parts[0].DecodedBody);
    }

    [Fact]
    public async Task Lines_starting_with_a_dot_are_dot_stuffed_on_the_wire()
    {
        await using var server = new LoopbackSmtpServer().Start();

        await SenderFor(server).SendAsync(Message());
        await server.CompletionAsync();

        var wire = Encoding.ASCII.GetString(server.RawData!);
        Assert.Contains("\r\n..this line starts with a dot\r\n", wire, StringComparison.Ordinal);
        Assert.Contains("\r\n...and this with two\r\n", wire, StringComparison.Ordinal);
        Assert.Contains("\r\n..\r\n", wire, StringComparison.Ordinal);
    }

    [Fact]
    public void Dot_stuffing_also_terminates_data_that_lacks_a_final_line_break()
    {
        var stuffed = SmtpMailSender.DotStuff(Encoding.ASCII.GetBytes(".a\r\nb\r\n.c"));
        Assert.Equal("..a\r\nb\r\n..c\r\n", Encoding.ASCII.GetString(stuffed));
    }

    [Fact]
    public async Task A_permanent_rejection_names_the_command_and_the_server_reply()
    {
        await using var server = new LoopbackSmtpServer().Reply("RCPT", "550 5.1.1 <zoe@mail.example>: Recipient unknown").Start();

        var error = await Assert.ThrowsAsync<SmtpException>(() => SenderFor(server).SendAsync(Message()));

        Assert.Equal(550, error.ReplyCode);
        Assert.False(error.IsTransient);
        Assert.Contains("RCPT TO:<zoe@mail.example>", error.Message, StringComparison.Ordinal);
        Assert.Contains("Recipient unknown", error.Message, StringComparison.Ordinal);
        Assert.Null(server.RawData);
    }

    [Fact]
    public async Task A_temporary_rejection_is_transient()
    {
        await using var server = new LoopbackSmtpServer("421 4.3.2 Service shutting down").Start();

        var error = await Assert.ThrowsAsync<SmtpException>(() => SenderFor(server).SendAsync(Message()));

        Assert.Equal(421, error.ReplyCode);
        Assert.True(error.IsTransient);
        Assert.Contains("greeting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_message_body_is_reported()
    {
        await using var server = new LoopbackSmtpServer().Reply("END-DATA", "554 5.7.1 Message rejected as spam").Start();

        var error = await Assert.ThrowsAsync<SmtpException>(() => SenderFor(server).SendAsync(Message()));

        Assert.Equal(554, error.ReplyCode);
        Assert.Contains("end of message", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Falls_back_to_helo_when_ehlo_is_not_understood()
    {
        await using var server = new LoopbackSmtpServer().Reply("EHLO", "502 5.5.2 Command not recognized").Start();

        await SenderFor(server).SendAsync(Message());
        await server.CompletionAsync();

        Assert.Equal(["EHLO digest.test", "HELO digest.test"], server.Commands.Take(2));
        Assert.NotNull(server.RawData);
    }

    [Fact]
    public async Task A_dropped_connection_is_a_clear_transient_error()
    {
        await using var server = new LoopbackSmtpServer().Reply("MAIL", LoopbackSmtpServer.Close).Start();

        var error = await Assert.ThrowsAsync<SmtpException>(() => SenderFor(server).SendAsync(Message()));

        Assert.True(error.IsTransient);
        Assert.Contains("MAIL FROM", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_garbled_reply_is_an_error()
    {
        await using var server = new LoopbackSmtpServer("hello, I am not an SMTP server").Start();

        var error = await Assert.ThrowsAsync<SmtpException>(() => SenderFor(server).SendAsync(Message()));

        Assert.Contains("malformed reply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_listening_is_a_clear_error()
    {
        // Reserve a port and release it, so that nothing listens there.
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var sender = new SmtpMailSender(new SmtpOptions("127.0.0.1", port, Timeout: TimeSpan.FromSeconds(20)));
        var error = await Assert.ThrowsAsync<SmtpException>(() => sender.SendAsync(Message()));

        Assert.Contains("Cannot connect", error.Message, StringComparison.Ordinal);
        Assert.True(error.IsTransient);
    }

    [Fact]
    public async Task An_invalid_message_is_refused_before_connecting()
    {
        await using var server = new LoopbackSmtpServer().Start();
        // A malformed address is refused; a line break in the subject is merely removed (MimeMessageWriterTests).
        var bad = Message() with { To = new MailAddress("reader@mail.example\r\nBcc: victim@mail.example") };

        await Assert.ThrowsAsync<ArgumentException>(() => SenderFor(server).SendAsync(bad));

        Assert.Empty(server.Commands);
    }
}

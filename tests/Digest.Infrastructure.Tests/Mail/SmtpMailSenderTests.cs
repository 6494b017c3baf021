using Digest.Core.Mail;
using Digest.Infrastructure.Mail;
using Digest.Infrastructure.Tests.Support;
using MimeKit;

namespace Digest.Infrastructure.Tests.Mail;

/// <summary>The SMTP adapter against a real SMTP server on 127.0.0.1 with TLS and AUTH required.</summary>
[Collection(SmtpServerCollection.Name)]
public sealed class SmtpMailSenderTests(SmtpServerFixture server)
{
    private static readonly DateTimeOffset Morning = new(2027, 2, 1, 7, 0, 0, TimeSpan.FromHours(1));

    private static MailMessage Message(string to, string subject = "Your morning briefing: harbour talks") => new(
        new MailAddress("briefing@digest.example", "Digest Briefing"),
        new MailAddress(to, "Zoë Ångström"),
        subject,
        "Good morning.\n\n.A line that starts with a dot\nHarbour talks resume.",
        "<!DOCTYPE html><html><body><p>Good morning.</p></body></html>",
        $"briefing-2027-02-01-{Guid.NewGuid():N}@digest.example",
        Morning,
        new MailUnsubscribe(new Uri("https://digest.example/api/unsubscribe?token=abc"), "mailto:unsubscribe@digest.example?subject=unsubscribe"));

    private SmtpOptions Options(SmtpSecurity security = SmtpSecurity.StartTls, string? password = SmtpServerFixture.Password) => new(
        "127.0.0.1",
        security == SmtpSecurity.ImplicitTls ? server.ImplicitTlsPort : server.StartTlsPort,
        security,
        SmtpServerFixture.UserName,
        password,
        TimeSpan.FromSeconds(20),
        server.CertificateSha256);

    [Theory]
    [InlineData(SmtpSecurity.StartTls)]
    [InlineData(SmtpSecurity.ImplicitTls)]
    public async Task Delivers_over_tls_with_auth_and_the_server_receives_the_message_as_built(SmtpSecurity security)
    {
        var to = $"reader-{security}@mail.example".ToLowerInvariant();
        var message = Message(to);

        await new SmtpMailSender(Options(security)).SendAsync(message);

        var received = Assert.Single(server.ReceivedFor(to));
        Assert.True(received.Envelope.Secure);
        Assert.Equal(SmtpServerFixture.UserName, received.Envelope.User);
        Assert.Equal("briefing@digest.example", received.Envelope.From);
        var parsed = MimeMessage.Load(new MemoryStream(received.Raw));
        Assert.Equal(message.MessageId, parsed.MessageId);
        Assert.Equal(message.Subject, parsed.Subject);
        Assert.Equal(message.TextBody, parsed.TextBody!.TrimEnd('\r', '\n'));
        Assert.Equal("List-Unsubscribe=One-Click", parsed.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task A_batch_goes_over_one_connection_and_a_refused_recipient_fails_only_its_message()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var recipients = new[] { $"batch-a-{id}@mail.example", $"batch-b-{id}@mail.example", $"reject-batch-{id}@mail.example", $"batch-c-{id}@mail.example" };
        var messages = recipients.Select(to => Message(to)).ToList();

        var results = await new SmtpMailSender(Options()).SendBatchAsync(messages);

        Assert.Equal([true, true, false, true], results.Select(r => r.Sent));
        var refused = Assert.IsType<SmtpDeliveryException>(results[2].Error);
        Assert.False(refused.IsTransient);
        Assert.Contains("550", refused.Message, StringComparison.Ordinal);
        var received = recipients.Where(to => !to.StartsWith("reject", StringComparison.Ordinal)).Select(to => Assert.Single(server.ReceivedFor(to))).ToList();
        Assert.Equal([messages[0].MessageId, messages[1].MessageId, messages[3].MessageId],
            received.Select(r => MimeMessage.Load(new MemoryStream(r.Raw)).MessageId));
        var session = Assert.Single(received.Select(r => r.Envelope.Session).Distinct());
        Assert.False(string.IsNullOrEmpty(session));
        Assert.All(received, r => Assert.True(r.Envelope.Secure));
    }

    [Fact]
    public async Task A_server_closing_the_connection_mid_batch_fails_that_message_and_the_next_goes_over_a_new_connection()
    {
        var id = Guid.NewGuid().ToString("N")[..8];
        var recipients = new[] { $"first-{id}@mail.example", $"drop-{id}@mail.example", $"after-{id}@mail.example" };

        var results = await new SmtpMailSender(Options()).SendBatchAsync(recipients.Select(to => Message(to)).ToList());

        Assert.Equal([true, false, true], results.Select(r => r.Sent));
        var dropped = Assert.IsType<SmtpDeliveryException>(results[1].Error);
        Assert.True(dropped.IsTransient, dropped.Message);
        var before = Assert.Single(server.ReceivedFor(recipients[0]));
        var after = Assert.Single(server.ReceivedFor(recipients[2]));
        Assert.NotEqual(before.Envelope.Session, after.Envelope.Session);
        Assert.Empty(server.ReceivedFor(recipients[1]));
    }

    [Fact]
    public async Task A_batch_that_cannot_log_in_fails_every_message_with_that_error()
    {
        var results = await new SmtpMailSender(Options(password: "wrong-password-456")).SendBatchAsync([Message("auth-a@mail.example"), Message("auth-b@mail.example")]);

        Assert.All(results, r => Assert.Contains("refused the login", Assert.IsType<SmtpDeliveryException>(r.Error).Message, StringComparison.Ordinal));
        Assert.Empty(server.ReceivedFor("auth-a@mail.example"));
    }

    [Fact]
    public async Task A_wrong_password_is_a_permanent_error_that_does_not_show_the_password()
    {
        var sender = new SmtpMailSender(Options(password: "wrong-password-123"));

        var error = await Assert.ThrowsAsync<SmtpDeliveryException>(() => sender.SendAsync(Message("auth@mail.example")));

        Assert.False(error.IsTransient);
        Assert.Contains("refused the login", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-123", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.ReceivedFor("auth@mail.example"));
    }

    [Fact]
    public async Task A_permanent_rejection_names_the_server_and_its_reply()
    {
        var error = await Assert.ThrowsAsync<SmtpDeliveryException>(() => new SmtpMailSender(Options()).SendAsync(Message("reject-me@mail.example")));

        Assert.False(error.IsTransient);
        Assert.Contains("550", error.Message, StringComparison.Ordinal);
        Assert.Contains("Mailbox unavailable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_temporary_rejection_is_transient()
    {
        var error = await Assert.ThrowsAsync<SmtpDeliveryException>(() => new SmtpMailSender(Options()).SendAsync(Message("later@mail.example")));

        Assert.True(error.IsTransient);
        Assert.Contains("451", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unpinned_self_signed_certificate_is_not_trusted()
    {
        var options = Options() with { PinnedCertificateSha256 = null };

        var error = await Assert.ThrowsAsync<SmtpDeliveryException>(() => new SmtpMailSender(options).SendAsync(Message("untrusted@mail.example")));

        Assert.False(error.IsTransient);
        Assert.Contains("TLS", error.Message, StringComparison.Ordinal);
        Assert.Empty(server.ReceivedFor("untrusted@mail.example"));
    }

    [Fact]
    public async Task Nobody_listening_is_a_transient_error_naming_the_server()
    {
        var port = System.Net.Sockets.TcpListener.Create(0);
        port.Start();
        var free = ((System.Net.IPEndPoint)port.LocalEndpoint).Port;
        port.Stop();
        var options = Options() with { Port = free };

        var error = await Assert.ThrowsAsync<SmtpDeliveryException>(() => new SmtpMailSender(options).SendAsync(Message("nobody@mail.example")));

        Assert.True(error.IsTransient);
        Assert.Contains($"127.0.0.1:{free}", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_over_a_plain_connection_to_another_host_is_refused_at_start_up()
    {
        Assert.Throws<ArgumentException>(() => new SmtpMailSender(new SmtpOptions("mail.example", 25, SmtpSecurity.None, "user", "pass")));
    }
}

using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Digest.Core.Mail;
using Digest.Core.Safety;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Digest.Infrastructure.Mail;

/// <summary>How the connection to the SMTP server is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS after connecting, required: a server that does not offer it is an error (port 587).</summary>
    StartTls,

    /// <summary>TLS from the first byte (port 465).</summary>
    ImplicitTls,

    /// <summary>No TLS: only for a relay on localhost or a trusted private network (port 25).</summary>
    None,
}

/// <summary>Where and how <see cref="SmtpMailSender"/> delivers.</summary>
/// <param name="Host">The SMTP server.</param>
/// <param name="Port">587 for STARTTLS, 465 for implicit TLS, 25 for a plain relay.</param>
/// <param name="Security">How the connection is secured; STARTTLS by default.</param>
/// <param name="UserName">For AUTH; with <paramref name="Password"/>. Without them no AUTH is tried.</param>
/// <param name="Password">For AUTH.</param>
/// <param name="Timeout">Each network operation's time limit, so a stalled server cannot hang the briefing.</param>
/// <param name="PinnedCertificateSha256">
/// Trust exactly the server certificate with this SHA-256 fingerprint (hex) instead of the system's trust store: for a
/// relay with a self-signed certificate. Without it the certificate must chain to a trusted root and match the host.
/// </param>
public sealed record SmtpOptions(
    string Host,
    int Port = 587,
    SmtpSecurity Security = SmtpSecurity.StartTls,
    string? UserName = null,
    string? Password = null,
    TimeSpan? Timeout = null,
    string? PinnedCertificateSha256 = null);

/// <summary>
/// Sends through an SMTP server with MailKit: STARTTLS or implicit TLS, AUTH when credentials are configured, a time
/// limit on every operation, one connection for a whole batch. Rejections become an <see cref="SmtpDeliveryException"/> that names the server and its
/// words (never the credentials) and tells a temporary failure (4xx, a broken connection, a time-out) from a permanent
/// one (5xx), so the caller can retry the first and report the second.
/// </summary>
public sealed class SmtpMailSender(SmtpOptions options) : IMailSender
{
    private readonly SmtpOptions options = Validate(options);

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        var result = (await SendBatchAsync([message], cancellationToken))[0];
        if (result.Error is { } error)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(error);
        }
    }

    /// <summary>
    /// Sends the messages over one connection, connected and authenticated once. A refused recipient fails only its
    /// message; a broken connection fails the message being sent and the next one reconnects. When connecting or
    /// logging in fails, the remaining messages fail with that error rather than trying again for each.
    /// </summary>
    public async Task<IReadOnlyList<MailSendResult>> SendBatchAsync(IReadOnlyList<MailMessage> messages, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var results = new List<MailSendResult>(messages.Count);
        var server = $"{options.Host}:{options.Port}";
        using var client = new SmtpClient { Timeout = (int)(options.Timeout ?? TimeSpan.FromSeconds(60)).TotalMilliseconds };
        if (options.PinnedCertificateSha256 is { } pinned)
        {
            client.ServerCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && Matches(certificate, pinned);
        }

        SmtpDeliveryException? cannotConnect = null;
        foreach (var message in messages)
        {
            if (cannotConnect is not null)
            {
                results.Add(new MailSendResult(message, cannotConnect));
                continue;
            }

            MimeKit.MimeMessage mime;
            try
            {
                mime = MimeMessages.Build(message);
            }
            catch (ArgumentException e)
            {
                results.Add(new MailSendResult(message, e));
                continue;
            }

            if (!client.IsConnected)
            {
                try
                {
                    await ConnectAsync(client, cancellationToken);
                }
                catch (Exception e) when (Translate(e, server, cancellationToken) is { } error)
                {
                    cannotConnect = error;
                    results.Add(new MailSendResult(message, error));
                    continue;
                }
            }

            try
            {
                await client.SendAsync(mime, cancellationToken);
                results.Add(new MailSendResult(message));
            }
            catch (Exception e) when (Translate(e, server, cancellationToken) is { } error)
            {
                results.Add(new MailSendResult(message, error));
                if (client.IsConnected && e is not SmtpCommandException)
                {
                    // A broken exchange: start the next message on a fresh connection.
                    await QuietDisconnectAsync(client, quit: false);
                }
            }
        }

        // The messages are accepted at this point; a failing QUIT must not make the caller send them twice.
        await QuietDisconnectAsync(client, quit: true);
        return results;
    }

    private async Task ConnectAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        await client.ConnectAsync(options.Host, options.Port, SocketOptions(options.Security), cancellationToken);
        if (options.UserName is { } user)
        {
            await client.AuthenticateAsync(user, options.Password ?? string.Empty, cancellationToken);
        }
    }

    private static async Task QuietDisconnectAsync(SmtpClient client, bool quit)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            await client.DisconnectAsync(quit, CancellationToken.None);
        }
        catch (Exception exception) when (exception is IOException or SocketException or ProtocolException or OperationCanceledException or TimeoutException)
        {
            // Nothing to do: the server has what it accepted.
        }
    }

    /// <summary>MailKit's failures as one <see cref="SmtpDeliveryException"/> each; null for what is not a delivery failure (cancellation).</summary>
    private SmtpDeliveryException? Translate(Exception exception, string server, CancellationToken cancellationToken) => exception switch
    {
        AuthenticationException => new SmtpDeliveryException($"The SMTP server {server} refused the login: {Clean(exception.Message)}", transient: false, exception),
        SmtpCommandException command => new SmtpDeliveryException(
            $"The SMTP server {server} refused the message ({(int)command.StatusCode}): {Clean(exception.Message)}",
            transient: (int)command.StatusCode is >= 400 and < 500, exception),
        SmtpProtocolException => new SmtpDeliveryException($"The SMTP server {server} broke the protocol: {Clean(exception.Message)}", transient: true, exception),
        SslHandshakeException => new SmtpDeliveryException($"TLS with the SMTP server {server} failed (untrusted or mismatched certificate?): {Clean(exception.Message)}", transient: false, exception),
        NotSupportedException when options.Security == SmtpSecurity.StartTls => new SmtpDeliveryException($"The SMTP server {server} does not offer STARTTLS: {Clean(exception.Message)}", transient: false, exception),
        TimeoutException => new SmtpDeliveryException($"The SMTP server {server} did not answer in time.", transient: true, exception),
        OperationCanceledException when !cancellationToken.IsCancellationRequested => new SmtpDeliveryException($"The SMTP server {server} did not answer in time.", transient: true, exception),
        SocketException => new SmtpDeliveryException($"Cannot connect to the SMTP server {server}: {Clean(exception.Message)}", transient: true, exception),
        IOException => new SmtpDeliveryException($"The connection to the SMTP server {server} failed: {Clean(exception.Message)}", transient: true, exception),
        OperationCanceledException => null,
        _ => new SmtpDeliveryException($"Sending through the SMTP server {server} failed: {Clean(exception.Message)}", transient: true, exception),
    };

    private static SecureSocketOptions SocketOptions(SmtpSecurity security) => security switch
    {
        SmtpSecurity.StartTls => SecureSocketOptions.StartTls,
        SmtpSecurity.ImplicitTls => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.None,
    };

    private static bool Matches(X509Certificate certificate, string pinnedSha256)
    {
        var actual = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(certificate.GetRawCertData()));
        return string.Equals(actual, pinnedSha256.Replace(":", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A server's words can hold anything; they reach logs and terminals as one safe line.</summary>
    private static string Clean(string text) => SafeText.Inline(text) ?? string.Empty;

    private static SmtpOptions Validate(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        if ((options.UserName is null) != (options.Password is null))
        {
            throw new ArgumentException("SMTP AUTH needs both a user name and a password.", nameof(options));
        }

        if (options.UserName is not null && options.Security == SmtpSecurity.None && !IsLoopback(options.Host))
        {
            throw new ArgumentException($"Refusing to send an SMTP password to {options.Host} without TLS.", nameof(options));
        }

        return options;
    }

    private static bool IsLoopback(string host) => host is "localhost" || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}

/// <summary>A message the SMTP server did not take.</summary>
public sealed class SmtpDeliveryException : Exception
{
    public SmtpDeliveryException() { }

    public SmtpDeliveryException(string message) : base(message) { }

    public SmtpDeliveryException(string message, Exception innerException) : base(message, innerException) { }

    public SmtpDeliveryException(string message, bool transient, Exception? innerException = null) : base(message, innerException)
        => IsTransient = transient;

    /// <summary>True for 4xx replies, broken connections and time-outs: trying again later may succeed. False for 5xx.</summary>
    public bool IsTransient { get; }
}

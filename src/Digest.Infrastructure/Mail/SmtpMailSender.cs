using System.Globalization;
using System.Net.Sockets;
using System.Text;
using Digest.Core.Mail;

namespace Digest.Infrastructure.Mail;

/// <summary>Where and how <see cref="SmtpMailSender"/> delivers.</summary>
/// <param name="Host">The SMTP relay, typically a local MTA or a relay on the private network.</param>
/// <param name="Port">25 by default (587 relays normally require STARTTLS and AUTH, which this client does not do).</param>
/// <param name="ClientName">The name announced in EHLO/HELO; the machine name when not given.</param>
/// <param name="Timeout">The whole conversation's time limit, so a stalled server cannot hang the briefing.</param>
public sealed record SmtpOptions(string Host, int Port = 25, string? ClientName = null, TimeSpan? Timeout = null);

/// <summary>
/// A minimal SMTP client (RFC 5321) for an unauthenticated relay: EHLO (HELO when EHLO is refused), MAIL FROM,
/// RCPT TO, DATA with dot-stuffing, QUIT. The message bytes come from <see cref="MimeMessageWriter"/>, which writes
/// 7-bit ASCII, so no 8BITMIME or SMTPUTF8 extension is needed. There is no STARTTLS and no AUTH: use it only with a
/// relay on localhost or a trusted network. Every negative reply becomes an <see cref="SmtpException"/> naming the
/// command and the server's words; 4xx replies are marked transient so a caller can retry later.
/// </summary>
public sealed class SmtpMailSender(SmtpOptions options) : IMailSender
{
    // RFC 5321 4.5.3.1.5: a reply line is at most 512 octets; some servers exceed it, so allow more but not unbounded.
    private const int MaxReplyLineBytes = 4096;
    private const int MaxReplyLines = 200;

    private readonly SmtpOptions options = Validate(options);

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        var bytes = MimeMessageWriter.Write(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.Timeout ?? TimeSpan.FromSeconds(60));

        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(options.Host, options.Port, timeout.Token);
            await using var stream = client.GetStream();
            var session = new Session(stream, $"{options.Host}:{options.Port}");

            await session.ExpectAsync(null, 220, timeout.Token);
            var clientName = options.ClientName ?? Environment.MachineName;
            var ehlo = await session.CommandAsync($"EHLO {clientName}", timeout.Token);
            if (ehlo.Code != 250)
            {
                // Pre-ESMTP servers answer 500/502 to EHLO; RFC 5321 4.1.4 says to fall back to HELO.
                await session.CommandAsync($"HELO {clientName}", [250], timeout.Token);
            }

            await session.CommandAsync($"MAIL FROM:<{message.From.Address}>", [250], timeout.Token);
            await session.CommandAsync($"RCPT TO:<{message.To.Address}>", [250, 251], timeout.Token);
            await session.CommandAsync("DATA", [354], timeout.Token);
            await session.SendDataAsync(bytes, timeout.Token);
            await session.ExpectAsync("DATA (end of message)", 250, timeout.Token);

            // The message is accepted at this point; a failing QUIT must not make the caller send it twice.
            await session.TryQuitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new SmtpException(
                $"The SMTP server {options.Host}:{options.Port} did not complete the conversation within the time limit.",
                replyCode: null);
        }
        catch (SocketException exception)
        {
            throw new SmtpException($"Cannot connect to the SMTP server {options.Host}:{options.Port}: {exception.Message}", replyCode: null, exception);
        }
        catch (IOException exception)
        {
            throw new SmtpException($"The connection to the SMTP server {options.Host}:{options.Port} failed: {exception.Message}", replyCode: null, exception);
        }
    }

    /// <summary>
    /// Dot-stuffing (RFC 5321 4.5.2): a line starting with "." gets one more "."; the data is made to end with CRLF
    /// so that the terminating "." is on a line of its own.
    /// </summary>
    internal static byte[] DotStuff(byte[] message)
    {
        using var output = new MemoryStream(message.Length + 64);
        var lineStart = true;
        foreach (var value in message)
        {
            if (lineStart && value == (byte)'.')
            {
                output.WriteByte((byte)'.');
            }

            output.WriteByte(value);
            lineStart = value == (byte)'\n';
        }

        if (!lineStart)
        {
            output.Write("\r\n"u8);
        }

        return output.ToArray();
    }

    private static SmtpOptions Validate(SmtpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.Host);
        ArgumentOutOfRangeException.ThrowIfLessThan(options.Port, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535);
        if (options.ClientName is not null)
        {
            MailHeaders.RejectLineBreaks(options.ClientName, "SMTP client name");
        }

        return options;
    }

    /// <summary>One SMTP conversation over a connected stream.</summary>
    private sealed class Session(Stream stream, string server)
    {
        private readonly byte[] buffer = new byte[8192];
        private int buffered;
        private int position;

        public async Task<SmtpReply> CommandAsync(string command, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(Encoding.ASCII.GetBytes(command + "\r\n"), cancellationToken);
            await stream.FlushAsync(cancellationToken);
            return await ReadReplyAsync(command, cancellationToken);
        }

        public async Task CommandAsync(string command, int[] expected, CancellationToken cancellationToken)
        {
            var reply = await CommandAsync(command, cancellationToken);
            if (!expected.Contains(reply.Code))
            {
                throw Rejected(command, reply);
            }
        }

        public async Task ExpectAsync(string? step, int expected, CancellationToken cancellationToken)
        {
            var reply = await ReadReplyAsync(step ?? "greeting", cancellationToken);
            if (reply.Code != expected)
            {
                throw Rejected(step ?? "the greeting", reply);
            }
        }

        /// <summary>Sends the message dot-stuffed, then the terminating ".".</summary>
        public async Task SendDataAsync(byte[] message, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(DotStuff(message), cancellationToken);
            await stream.WriteAsync(".\r\n"u8.ToArray(), cancellationToken);
            await stream.FlushAsync(cancellationToken);
        }

        public async Task TryQuitAsync(CancellationToken cancellationToken)
        {
            try
            {
                await CommandAsync("QUIT", cancellationToken);
            }
            catch (Exception exception) when (exception is IOException or SmtpException)
            {
                // Delivery already succeeded; see the caller.
            }
        }

        private SmtpException Rejected(string step, SmtpReply reply)
        {
            var kind = reply.Code is >= 400 and < 500 ? "temporarily refused" : "refused";
            return new SmtpException(
                $"The SMTP server {server} {kind} {step} with {reply.Code.ToString(CultureInfo.InvariantCulture)} {reply.Text}",
                reply.Code);
        }

        /// <summary>Reads a possibly multi-line reply ("250-first", "250-second", "250 last").</summary>
        private async Task<SmtpReply> ReadReplyAsync(string step, CancellationToken cancellationToken)
        {
            var text = new StringBuilder();
            for (var lines = 0; lines < MaxReplyLines; lines++)
            {
                var line = await ReadLineAsync(cancellationToken)
                    ?? throw new SmtpException($"The SMTP server {server} closed the connection during {step}.", replyCode: null);
                if (line.Length < 3 || !int.TryParse(line.AsSpan(0, 3), NumberStyles.None, CultureInfo.InvariantCulture, out var code)
                    || (line.Length > 3 && line[3] is not (' ' or '-')))
                {
                    throw new SmtpException($"The SMTP server {server} sent a malformed reply during {step}: '{line}'", replyCode: null);
                }

                if (text.Length > 0)
                {
                    text.Append(" / ");
                }

                text.Append(line.Length > 4 ? line[4..] : "");
                if (line.Length == 3 || line[3] == ' ')
                {
                    return new SmtpReply(code, text.ToString());
                }
            }

            throw new SmtpException($"The SMTP server {server} sent more than {MaxReplyLines} reply lines during {step}.", replyCode: null);
        }

        private async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new List<byte>(128);
            while (true)
            {
                if (position == buffered)
                {
                    buffered = await stream.ReadAsync(buffer, cancellationToken);
                    position = 0;
                    if (buffered == 0)
                    {
                        return null;
                    }
                }

                var value = buffer[position++];
                if (value == (byte)'\n')
                {
                    if (line.Count > 0 && line[^1] == (byte)'\r')
                    {
                        line.RemoveAt(line.Count - 1);
                    }

                    return Encoding.ASCII.GetString([.. line]);
                }

                if (line.Count >= MaxReplyLineBytes)
                {
                    throw new SmtpException($"The SMTP server {server} sent a reply line longer than {MaxReplyLineBytes} bytes.", replyCode: null);
                }

                line.Add(value);
            }
        }
    }

    private readonly record struct SmtpReply(int Code, string Text);
}

/// <summary>An SMTP conversation failed: refused by the server, broken off, or timed out.</summary>
public sealed class SmtpException : Exception
{
    public SmtpException() { }

    public SmtpException(string message) : base(message) { }

    public SmtpException(string message, Exception innerException) : base(message, innerException) { }

    public SmtpException(string message, int? replyCode, Exception? innerException = null) : base(message, innerException)
        => ReplyCode = replyCode;

    /// <summary>The server's reply code, when the failure was a reply.</summary>
    public int? ReplyCode { get; }

    /// <summary>
    /// True for 4xx replies and for broken connections and time-outs: trying again later may succeed. False for 5xx.
    /// </summary>
    public bool IsTransient => ReplyCode is null or (>= 400 and < 500);
}

using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Digest.Infrastructure.Tests.Mail;

/// <summary>
/// A scripted SMTP server on 127.0.0.1 for one connection. It answers like a permissive relay unless a reply is
/// overridden for a verb, records every command line, and records the DATA exactly as it arrived on the wire.
/// </summary>
internal sealed class LoopbackSmtpServer : IAsyncDisposable
{
    /// <summary>An override value that makes the server drop the connection instead of replying.</summary>
    public const string Close = "<close>";

    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly Dictionary<string, string> overrides = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource stop = new(TimeSpan.FromSeconds(30));
    private Task? serving;

    public LoopbackSmtpServer(string greeting = "220 loopback.test ESMTP ready")
    {
        Greeting = greeting;
        listener.Start();
    }

    public string Greeting { get; }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public List<string> Commands { get; } = [];

    /// <summary>The bytes between the 354 reply and the terminating ".", dot-stuffing included.</summary>
    public byte[]? RawData { get; private set; }

    /// <summary>Replaces the reply to a verb ("EHLO", "RCPT", ... or "END-DATA" for the end of the message).</summary>
    public LoopbackSmtpServer Reply(string verb, string reply)
    {
        overrides[verb] = reply;
        return this;
    }

    public LoopbackSmtpServer Start()
    {
        serving = ServeOneAsync(stop.Token);
        return this;
    }

    /// <summary>RawData with dot-stuffing undone, as a receiving MTA would store it.</summary>
    public byte[] UnstuffedData()
    {
        var text = Encoding.ASCII.GetString(RawData ?? throw new InvalidOperationException("No DATA was received."));
        var lines = text.Split("\r\n");
        return Encoding.ASCII.GetBytes(string.Join("\r\n", lines.Select(line => line.StartsWith('.') ? line[1..] : line)));
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        if (serving is not null)
        {
            try
            {
                await serving;
            }
            catch (OperationCanceledException)
            {
            }
        }

        stop.Dispose();
    }

    /// <summary>Waits until the conversation is over so that the recordings are complete.</summary>
    public async Task CompletionAsync()
    {
        if (serving is not null)
        {
            await serving;
        }
    }

    private async Task ServeOneAsync(CancellationToken cancellationToken)
    {
        using var client = await listener.AcceptTcpClientAsync(cancellationToken);
        await using var stream = client.GetStream();
        var reader = new LineReader(stream);
        if (!await SendAsync(stream, Greeting, cancellationToken))
        {
            return;
        }

        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            var command = line.TrimEnd('\r', '\n');
            Commands.Add(command);
            var verb = command.Split(' ', ':')[0].ToUpperInvariant();
            var reply = verb switch
            {
                "EHLO" => "250-loopback.test greets you\r\n250-PIPELINING\r\n250 SIZE 10485760",
                "HELO" or "MAIL" or "RCPT" => "250 OK",
                "DATA" => "354 End data with <CR><LF>.<CR><LF>",
                "QUIT" => "221 Bye",
                _ => "500 Unknown command",
            };
            if (!await SendAsync(stream, overrides.GetValueOrDefault(verb, reply), cancellationToken))
            {
                return;
            }

            if (verb == "DATA" && !overrides.ContainsKey("DATA"))
            {
                RawData = await ReadDataAsync(reader, cancellationToken);
                if (!await SendAsync(stream, overrides.GetValueOrDefault("END-DATA", "250 2.0.0 Queued as 4F2A"), cancellationToken))
                {
                    return;
                }
            }

            if (verb == "QUIT")
            {
                return;
            }
        }
    }

    private static async Task<byte[]> ReadDataAsync(LineReader reader, CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line && line != ".\r\n")
        {
            data.Append(line);
        }

        return Encoding.ASCII.GetBytes(data.ToString());
    }

    private static async Task<bool> SendAsync(Stream stream, string reply, CancellationToken cancellationToken)
    {
        if (reply == Close)
        {
            return false;
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes(reply + "\r\n"), cancellationToken);
        return true;
    }

    /// <summary>Reads lines keeping their line ending, byte for byte.</summary>
    private sealed class LineReader(Stream stream)
    {
        private readonly byte[] one = new byte[1];

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new StringBuilder();
            while (await stream.ReadAsync(one, cancellationToken) == 1)
            {
                line.Append((char)one[0]);
                if (one[0] == '\n')
                {
                    return line.ToString();
                }
            }

            return line.Length == 0 ? null : line.ToString();
        }
    }
}

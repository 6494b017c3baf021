using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;

namespace Digest.Infrastructure.Tests.Support;

/// <summary>
/// A real SMTP server for the mail tests: nodemailer's <c>smtp-server</c> (npm, the engine maildev is built on) on
/// 127.0.0.1, with a self-signed certificate made here, AUTH required (PLAIN/LOGIN, only after TLS), STARTTLS on one
/// port and implicit TLS on another. Every accepted message is saved as <c>&lt;n&gt;.eml</c> beside a
/// <c>&lt;n&gt;.json</c> of its envelope, the authenticated user and whether the session was encrypted. Recipients whose
/// local part starts with "reject" get a 550, "later" a 451, "drop" a 421 and the connection closed.
/// </summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    public const string Package = "smtp-server@3.21.6";
    public const string UserName = "digest";
    public const string Password = "s3cret-pass";

    private const string Script = """
        const [modulePath, keyFile, certFile, outDir, user, pass] = process.argv.slice(1);
        const { SMTPServer } = require(modulePath);
        const fs = require('fs'); const path = require('path');
        let count = 0;
        const options = (secure) => ({
          secure, key: fs.readFileSync(keyFile), cert: fs.readFileSync(certFile), logger: false,
          authMethods: ['PLAIN', 'LOGIN'], authOptional: false, allowInsecureAuth: false, size: 10 * 1024 * 1024,
          onAuth(auth, session, cb) {
            if (auth.username === user && auth.password === pass) return cb(null, { user: auth.username });
            cb(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
          },
          onRcptTo(address, session, cb) {
            if (address.address.startsWith('reject')) return cb(Object.assign(new Error('Mailbox unavailable'), { responseCode: 550 }));
            if (address.address.startsWith('later')) return cb(Object.assign(new Error('Try again later'), { responseCode: 451 }));
            // A 421 closes the connection (smtp-server ends the session after sending it): a server going away mid-batch.
            if (address.address.startsWith('drop')) return cb(Object.assign(new Error('Closing connection'), { responseCode: 421 }));
            cb();
          },
          onData(stream, session, cb) {
            const chunks = [];
            stream.on('data', c => chunks.push(c));
            stream.on('end', () => {
              const name = String(++count).padStart(4, '0');
              fs.writeFileSync(path.join(outDir, name + '.json'), JSON.stringify({
                from: session.envelope.mailFrom && session.envelope.mailFrom.address,
                to: session.envelope.rcptTo.map(r => r.address), user: session.user || null, secure: !!session.secure,
                session: session.id }));
              fs.writeFileSync(path.join(outDir, name + '.eml.tmp'), Buffer.concat(chunks));
              fs.renameSync(path.join(outDir, name + '.eml.tmp'), path.join(outDir, name + '.eml'));
              cb(null, 'Queued as ' + name);
            });
          },
        });
        const ports = {};
        let ready = 0;
        for (const [name, secure] of [['starttls', false], ['implicit', true]]) {
          const server = new SMTPServer(options(secure));
          server.on('error', e => console.error('smtp error: ' + e.message));
          server.listen(0, '127.0.0.1', () => {
            ports[name] = server.server.address().port;
            if (++ready === 2) console.log('PORTS ' + JSON.stringify(ports));
          });
        }
        process.stdin.on('end', () => process.exit(0)); process.stdin.on('error', () => process.exit(0)); process.stdin.resume();
        """;

    private static readonly JsonSerializerOptions CaseInsensitive = new() { PropertyNameCaseInsensitive = true };

    private Process? process;
    private string? folder;

    public int StartTlsPort { get; private set; }

    public int ImplicitTlsPort { get; private set; }

    /// <summary>SHA-256 of the server certificate, hex: what the sender pins to trust it.</summary>
    public string CertificateSha256 { get; private set; } = string.Empty;

    public string MailFolder => Path.Combine(folder ?? throw new InvalidOperationException("Not started."), "mail");

    public async Task InitializeAsync()
    {
        var module = await NpmTool.LocateOrInstallAsync("smtp-server", Package, Path.Combine("node_modules", "smtp-server"));
        folder = Path.Combine(Path.GetTempPath(), "digest-smtp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(MailFolder);
        var (keyFile, certFile, sha256) = WriteCertificate(folder);
        CertificateSha256 = sha256;

        var start = new ProcessStartInfo("node") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-e", Script, module, keyFile, certFile, MailFolder, UserName, Password])
        {
            start.ArgumentList.Add(argument);
        }

        process = Process.Start(start) ?? throw new InvalidOperationException("Could not start node.");
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var line = await process.StandardOutput.ReadLineAsync(timeout.Token);
        if (line is null || !line.StartsWith("PORTS ", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"smtp-server did not start: {line} {(process.HasExited ? await errors : string.Empty)}");
        }

        var ports = JsonSerializer.Deserialize<Dictionary<string, int>>(line["PORTS ".Length..])!;
        StartTlsPort = ports["starttls"];
        ImplicitTlsPort = ports["implicit"];
    }

    public Task DisposeAsync()
    {
        if (process is not null)
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }

            process.Dispose();
        }

        if (folder is not null && Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        return Task.CompletedTask;
    }

    /// <summary>The messages received so far whose envelope includes <paramref name="recipient"/>, oldest first.</summary>
    public IReadOnlyList<ReceivedMail> ReceivedFor(string recipient)
    {
        var result = new List<ReceivedMail>();
        foreach (var eml in Directory.GetFiles(MailFolder, "*.eml").Order(StringComparer.Ordinal))
        {
            var envelope = JsonSerializer.Deserialize<Envelope>(File.ReadAllText(Path.ChangeExtension(eml, ".json")), CaseInsensitive)!;
            if (envelope.To.Contains(recipient, StringComparer.OrdinalIgnoreCase))
            {
                result.Add(new ReceivedMail(envelope, File.ReadAllBytes(eml)));
            }
        }

        return result;
    }

    private static (string Key, string Certificate, string Sha256) WriteCertificate(string folder)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var key = Path.Combine(folder, "key.pem");
        var cert = Path.Combine(folder, "cert.pem");
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        return (key, cert, Convert.ToHexString(SHA256.HashData(certificate.RawData)));
    }

    /// <param name="Session">The server's id of the connection that delivered the message.</param>
    public sealed record Envelope(string? From, string[] To, string? User, bool Secure, string? Session = null);

    public sealed record ReceivedMail(Envelope Envelope, byte[] Raw);
}

[CollectionDefinition(Name)]
public sealed class SmtpServerCollection : ICollectionFixture<SmtpServerFixture>
{
    public const string Name = "SMTP server";
}

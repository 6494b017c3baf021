namespace Digest.Infrastructure.Hosting;

/// <summary>
/// The app's settings, section <c>Digest</c> (app settings <c>Digest__Sources</c> and so on; README, "Settings"). Bound
/// and checked at start-up by <see cref="DigestServiceCollectionExtensions.AddDigest"/>.
/// </summary>
public sealed class DigestOptions
{
    public const string SectionName = "Digest";

    /// <summary>The sources file; a relative path is taken from the app's folder. Required.</summary>
    public string? Sources { get; set; }

    /// <summary>The embedded store's data folder (blobs, queues, outbox) when no storage account is configured.</summary>
    public string Data { get; set; } = "digest-data";

    /// <summary>
    /// A storage connection string. When empty, the Functions host's own connection <c>AzureWebJobsStorage</c> is used
    /// (a connection string, or identity-based <c>AzureWebJobsStorage__blobServiceUri</c>/<c>__queueServiceUri</c>).
    /// </summary>
    public string? Storage { get; set; }

    /// <summary>host.json, whose queue settings the local queue workers honour; relative to the app's folder.</summary>
    public string HostJson { get; set; } = "host.json";

    /// <summary>The UTC hour from which the hourly briefing timer sends the day's briefing.</summary>
    public int BriefingHourUtc { get; set; } = 6;

    public DigestMailOptions Mail { get; set; } = new();

    /// <summary>
    /// Where the HTTP API answers from outside (absolute http(s), e.g. <c>https://digest.example/</c>): the confirm and
    /// unsubscribe links of every mail point here. Required on the Functions app; <c>digest serve</c> defaults to
    /// its own <c>http://127.0.0.1:&lt;port&gt;/</c>.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>Where the archive site is served (the web copy of a briefing); default <see cref="PublicBaseUrl"/>.</summary>
    public string? SiteBaseUrl { get; set; }

    /// <summary>
    /// The key that signs subscription links and keys subscriber ids (base64, at least 32 bytes; on Azure a Key Vault
    /// reference). Required with a storage account; on the embedded data folder its own key is made once.
    /// </summary>
    public string? TokenSigningKey { get; set; }

    /// <summary>
    /// An address that handles unsubscribe requests by mail (someone or something reads it), given as the
    /// <c>List-Unsubscribe</c> header's mailto beside the https link; none by default, as an unread mailbox would
    /// swallow them.
    /// </summary>
    public string? UnsubscribeMailto { get; set; }
}

/// <summary>Section <c>Digest:Mail</c>: where briefings go.</summary>
public sealed class DigestMailOptions
{
    /// <summary><c>outbox</c> (.eml files in the data folder's <c>outbox/</c>), <c>smtp</c> or <c>sendgrid</c>.</summary>
    public string Kind { get; set; } = "outbox";

    public string? SmtpHost { get; set; }

    public int SmtpPort { get; set; } = 587;

    /// <summary><c>starttls</c> (default, required), <c>tls</c> (implicit, port 465) or <c>none</c> (a trusted relay).</summary>
    public string SmtpSecurity { get; set; } = "starttls";

    public string? SmtpUserName { get; set; }

    public string? SmtpPassword { get; set; }

    /// <summary>Trust exactly this server certificate (SHA-256, hex) instead of the system's roots.</summary>
    public string? SmtpCertificateSha256 { get; set; }

    /// <summary>The SendGrid API key (a Key Vault reference on Azure); required when <see cref="Kind"/> is <c>sendgrid</c>.</summary>
    public string? SendGridApiKey { get; set; }
}

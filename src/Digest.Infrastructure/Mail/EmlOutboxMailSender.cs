using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Digest.Core.Feeds;
using Digest.Core.Mail;

namespace Digest.Infrastructure.Mail;

/// <summary>
/// The embedded mail adapter: instead of sending, writes each message as an .eml file (RFC 5322, openable by any
/// mail client) into an outbox directory. The file name is a function of the message, so sending the same message
/// again replaces its file instead of adding a duplicate; the write is atomic (temporary file, then rename), so a
/// reader never sees half a message.
/// </summary>
public sealed class EmlOutboxMailSender(string outboxDirectory) : IMailSender
{
    private readonly string outboxDirectory = ValidateDirectory(outboxDirectory);

    /// <summary>The directory the .eml files go to.</summary>
    public string OutboxDirectory => outboxDirectory;

    public async Task SendAsync(MailMessage message, CancellationToken cancellationToken = default)
    {
        var bytes = MimeMessages.ToBytes(MimeMessages.Build(message));
        Directory.CreateDirectory(outboxDirectory);
        var path = PathFor(message);

        // The temporary file lives in the outbox itself so the rename stays on one file system and is atomic. Its
        // name starts with "." and ends with ".tmp" so outbox readers that look for "*.eml" never pick it up.
        var temporary = Path.Combine(outboxDirectory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true))
            {
                await stream.WriteAsync(bytes, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>The full path of the file <paramref name="message"/> is (or would be) written to.</summary>
    public string PathFor(MailMessage message) => Path.Combine(outboxDirectory, FileNameFor(message));

    /// <summary>
    /// <c>yyyy-MM-dd-recipient-hash8.eml</c>: the calendar date of <see cref="MailMessage.Date"/> in its own offset,
    /// the recipient address as a slug (lowercase ASCII letters and digits joined by hyphens, at most 64 characters),
    /// and the first 8 hex characters of SHA-256 of <see cref="MailMessage.MessageId"/>. For example
    /// <c>2026-11-21-jane-doe-example-org-1a2b3c4d.eml</c>.
    /// </summary>
    public static string FileNameFor(MailMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(message.To, nameof(message));
        ArgumentNullException.ThrowIfNull(message.MessageId, nameof(message));
        var date = message.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var recipient = ItemIdentity.Slug(message.To.Address, maxLength: 64);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(message.MessageId)))[..8];
        return recipient.Length == 0 ? $"{date}-{hash}.eml" : $"{date}-{recipient}-{hash}.eml";
    }

    private static string ValidateDirectory(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        return Path.GetFullPath(directory);
    }
}

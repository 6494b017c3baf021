using Digest.Core.Mail;
using Digest.Infrastructure.Mail;

namespace Digest.Infrastructure.Tests.Mail;

public sealed class EmlOutboxMailSenderTests : IDisposable
{
    private readonly string outbox = Path.Combine(Path.GetTempPath(), "digest-outbox-tests", Guid.NewGuid().ToString("N"));

    private static MailMessage Message(string to = "jane.doe@example.org", string messageId = "briefing-2026-11-21-jane@digest.example", string text = "Hello")
        => new(
            new MailAddress("briefing@digest.example", "Digest"),
            new MailAddress(to, "Jane Doe"),
            "Morning briefing",
            text,
            $"<p>{text}</p>",
            messageId,
            new DateTimeOffset(2026, 11, 21, 23, 30, 0, TimeSpan.FromHours(-5)));

    public void Dispose()
    {
        if (Directory.Exists(outbox))
        {
            Directory.Delete(outbox, recursive: true);
        }
    }

    [Fact]
    public void File_name_is_date_recipient_slug_and_message_id_hash()
    {
        // Hash computed outside .NET:
        // python3 -c "import hashlib; print(hashlib.sha256(b'briefing-2026-11-21-jane@digest.example').hexdigest()[:8])"
        Assert.Equal("2026-11-21-jane-doe-example-org-d4ea388e.eml", EmlOutboxMailSender.FileNameFor(Message()));
    }

    [Fact]
    public async Task Writes_the_mime_message_into_the_outbox()
    {
        var sender = new EmlOutboxMailSender(outbox);
        var message = Message();

        await sender.SendAsync(message);

        var path = sender.PathFor(message);
        Assert.Equal(Path.Combine(Path.GetFullPath(outbox), "2026-11-21-jane-doe-example-org-d4ea388e.eml"), path);
        Assert.Equal(MimeMessages.ToBytes(MimeMessages.Build(message)), await File.ReadAllBytesAsync(path));
        var parsed = MimeKit.MimeMessage.Load(path);
        Assert.Equal("Hello", parsed.TextBody!.TrimEnd('\r', '\n'));
    }

    [Fact]
    public async Task Sending_the_same_message_again_replaces_its_file_and_leaves_no_temporary_files()
    {
        var sender = new EmlOutboxMailSender(outbox);

        await sender.SendAsync(Message(text: "First attempt"));
        await sender.SendAsync(Message(text: "Retried"));

        var file = Assert.Single(Directory.GetFiles(outbox, "*", SearchOption.AllDirectories));
        Assert.EndsWith(".eml", file, StringComparison.Ordinal);
        Assert.Equal("Retried", MimeKit.MimeMessage.Load(file).TextBody!.TrimEnd('\r', '\n'));
    }

    [Fact]
    public async Task Different_recipients_and_messages_get_different_files()
    {
        var sender = new EmlOutboxMailSender(outbox);

        await sender.SendAsync(Message());
        await sender.SendAsync(Message(to: "omar@example.net", messageId: "briefing-2026-11-21-omar@digest.example"));
        await sender.SendAsync(Message(messageId: "briefing-2026-11-22-jane@digest.example"));

        Assert.Equal(3, Directory.GetFiles(outbox, "*.eml").Length);
    }

    [Fact]
    public async Task An_invalid_message_writes_nothing()
    {
        var sender = new EmlOutboxMailSender(outbox);

        await Assert.ThrowsAsync<ArgumentException>(() => sender.SendAsync(Message(to: "jane@example.org\r\nBcc: x@example.org")));

        Assert.False(Directory.Exists(outbox) && Directory.EnumerateFileSystemEntries(outbox).Any());
    }
}

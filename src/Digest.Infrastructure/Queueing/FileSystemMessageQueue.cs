using System.Globalization;
using System.Text;
using System.Text.Json;
using Digest.Core.Queueing;
using Digest.Infrastructure.FileSystem;

namespace Digest.Infrastructure.Queueing;

/// <summary>
/// A durable <see cref="IMessageQueue"/> in a folder, with the semantics of Azure Storage Queues: <c>&lt;root&gt;/&lt;queue&gt;/</c>
/// holds one JSON file per message, named by an insertion sequence number so that messages come out first in, first out.
/// Every operation runs under the queue's lock file, so threads and processes can share a queue; every change rewrites
/// the message file atomically, so a crash never loses or half-writes a message.
/// </summary>
/// <remarks>
/// Message text is carried as is. The Functions host base64-decodes queue messages by default (host.json
/// <c>messageEncoding</c>), so the Azure adapter, not this queue, encodes and decodes base64. Texts are limited to
/// 48 KiB of UTF-8 so that a message that works here also fits Azure's 64 KiB once base64-encoded.
/// </remarks>
public sealed class FileSystemMessageQueue(string rootDirectory, TimeProvider clock, Action<string>? log = null) : IMessageQueue
{
    /// <summary>Azure caps one receive at 32 messages.</summary>
    public const int MaxMessagesPerReceive = 32;

    /// <summary>Where unreadable message files are moved, inside the queue's folder (hidden from listing).</summary>
    public const string QuarantineFolderName = ".quarantine";

    /// <summary>48 KiB of text is 64 KiB once base64-encoded, Azure's message size limit.</summary>
    public const int MaxTextBytes = 48 * 1024;

    /// <summary>Azure's maximum visibility timeout: 7 days.</summary>
    public static readonly TimeSpan MaxVisibilityTimeout = TimeSpan.FromDays(7);

    private const string LockFileName = ".lock";
    private const string MessageSuffix = ".json";
    private const int SequenceDigits = 19;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly string root = Path.GetFullPath(rootDirectory);

    public string RootDirectory => root;

    public Task EnqueueAsync(string queue, string text, CancellationToken cancellationToken = default)
        => EnqueueAsync(queue, text, TimeSpan.Zero, cancellationToken);

    public async Task EnqueueAsync(string queue, string text, TimeSpan initialVisibilityDelay, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        ValidateQueueName(queue);
        ValidateVisibility(initialVisibilityDelay);
        var size = Encoding.UTF8.GetByteCount(text);
        if (size > MaxTextBytes)
        {
            throw new ArgumentException(
                $"Message of {size} bytes is larger than {MaxTextBytes} bytes, the most Azure queues accept once base64-encoded.",
                nameof(text));
        }

        var folder = QueueFolder(queue);
        Directory.CreateDirectory(folder);
        using (await FileLock.AcquireAsync(Path.Combine(folder, LockFileName), cancellationToken))
        {
            AtomicFile.DeleteStaleTempFiles(folder);
            var sequence = ListMessageFiles(folder).Select(file => file.Sequence).DefaultIfEmpty(0).Max() + 1;
            var now = clock.GetUtcNow();
            var id = Guid.NewGuid().ToString("D");
            var record = new MessageRecord(id, text, now, 0, now + initialVisibilityDelay, PopReceipt: null);
            await WriteAsync(Path.Combine(folder, FileName(sequence, id)), record, cancellationToken);
        }
    }

    public async Task<IReadOnlyList<QueueMessage>> ReceiveAsync(string queue, int maxMessages, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ValidateQueueName(queue);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxMessages, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxMessages, MaxMessagesPerReceive);
        ValidateVisibility(visibilityTimeout);
        var folder = QueueFolder(queue);
        if (!Directory.Exists(folder))
        {
            return [];
        }

        using (await FileLock.AcquireAsync(Path.Combine(folder, LockFileName), cancellationToken))
        {
            var now = clock.GetUtcNow();
            var received = new List<QueueMessage>();
            // Files are in insertion order and in-flight messages are few, so this reads little more than the batch.
            foreach (var file in ListMessageFiles(folder))
            {
                var record = await ReadAsync(file.Path, cancellationToken);
                if (record is null || record.NextVisibleOn > now)
                {
                    continue;
                }

                var taken = record with
                {
                    DequeueCount = record.DequeueCount + 1,
                    NextVisibleOn = now + visibilityTimeout,
                    PopReceipt = NewPopReceipt(),
                };
                await WriteAsync(file.Path, taken, cancellationToken);
                received.Add(new QueueMessage(taken.Id, taken.PopReceipt!, taken.Text, taken.DequeueCount, taken.InsertedOn));
                if (received.Count == maxMessages)
                {
                    break;
                }
            }

            return received;
        }
    }

    public async Task DeleteAsync(string queue, QueueMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        await UpdateIfCurrentAsync(queue, message, (file, _) =>
        {
            File.Delete(file);
            return Task.CompletedTask;
        }, cancellationToken);
    }

    public async Task ReleaseAsync(string queue, QueueMessage message, TimeSpan visibilityTimeout,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ValidateVisibility(visibilityTimeout);
        await UpdateIfCurrentAsync(queue, message, (file, record) =>
        {
            // Like Azure's Update Message: a new pop receipt, so the old one cannot delete the message once it is back.
            var released = record with { NextVisibleOn = clock.GetUtcNow() + visibilityTimeout, PopReceipt = NewPopReceipt() };
            return WriteAsync(file, released, cancellationToken);
        }, cancellationToken);
    }

    /// <summary>
    /// Makes every hidden message visible again and returns how many there were. Only for a host that holds the data
    /// folder's run lock: then nobody else can be handling them, so a hidden message was left in flight by a run that
    /// died, and waiting out its visibility timeout (10 minutes) would only delay the work.
    /// </summary>
    public async Task<int> RecoverInFlightAsync(string queue, CancellationToken cancellationToken = default)
    {
        ValidateQueueName(queue);
        var folder = QueueFolder(queue);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        using (await FileLock.AcquireAsync(Path.Combine(folder, LockFileName), cancellationToken))
        {
            var now = clock.GetUtcNow();
            var recovered = 0;
            foreach (var file in ListMessageFiles(folder))
            {
                var record = await ReadAsync(file.Path, cancellationToken);
                if (record is not null && record.NextVisibleOn > now)
                {
                    await WriteAsync(file.Path, record with { NextVisibleOn = now, PopReceipt = NewPopReceipt() }, cancellationToken);
                    recovered++;
                }
            }

            return recovered;
        }
    }

    public async Task<int> CountAsync(string queue, CancellationToken cancellationToken = default)
    {
        ValidateQueueName(queue);
        var folder = QueueFolder(queue);
        if (!Directory.Exists(folder))
        {
            return 0;
        }

        using (await FileLock.AcquireAsync(Path.Combine(folder, LockFileName), cancellationToken))
        {
            return ListMessageFiles(folder).Count;
        }
    }

    /// <summary>Azure's queue-name rules: 3-63 of [a-z0-9-], starting and ending with a letter or digit, no "--".</summary>
    public static bool IsValidQueueName(string? name)
        => name is { Length: >= 3 and <= 63 }
           && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-')
           && name[0] != '-' && name[^1] != '-'
           && !name.Contains("--", StringComparison.Ordinal);

    private static void ValidateQueueName(string queue)
    {
        ArgumentNullException.ThrowIfNull(queue);
        if (!IsValidQueueName(queue))
        {
            throw new ArgumentException(
                $"Invalid queue name '{queue}': use 3-63 lowercase letters, digits and single hyphens, starting and ending with a letter or digit.",
                nameof(queue));
        }
    }

    private static void ValidateVisibility(TimeSpan visibilityTimeout)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(visibilityTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(visibilityTimeout, MaxVisibilityTimeout);
    }

    /// <summary>
    /// Runs <paramref name="update"/> on the message's file if the message is still there and <paramref name="message"/>'s
    /// pop receipt is the current one. Otherwise does nothing, as the Functions host swallows PopReceiptMismatch and
    /// MessageNotFound.
    /// </summary>
    private async Task UpdateIfCurrentAsync(string queue, QueueMessage message, Func<string, MessageRecord, Task> update,
        CancellationToken cancellationToken)
    {
        ValidateQueueName(queue);
        var folder = QueueFolder(queue);
        if (!Directory.Exists(folder))
        {
            return;
        }

        // Ids are GUIDs we made; anything else cannot name a message here (and must not reach a file-name pattern).
        if (!Guid.TryParseExact(message.Id, "D", out _))
        {
            return;
        }

        using (await FileLock.AcquireAsync(Path.Combine(folder, LockFileName), cancellationToken))
        {
            var file = Directory.EnumerateFiles(folder, "*_" + message.Id + MessageSuffix).FirstOrDefault();
            if (file is null)
            {
                return;
            }

            var record = await ReadAsync(file, cancellationToken);
            if (record is not null && string.Equals(record.PopReceipt, message.PopReceipt, StringComparison.Ordinal))
            {
                await update(file, record);
            }
        }
    }

    private string QueueFolder(string queue) => Path.Combine(root, queue);

    private static string FileName(long sequence, string id)
        => sequence.ToString("D" + SequenceDigits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
           + "_" + id + MessageSuffix;

    /// <summary>Message files in insertion order. Hidden files (lock, temp files of interrupted writes) are skipped.</summary>
    private static List<MessageFile> ListMessageFiles(string folder)
    {
        var files = new List<MessageFile>();
        foreach (var path in Directory.EnumerateFiles(folder, "*" + MessageSuffix))
        {
            var name = Path.GetFileName(path);
            var separator = name.IndexOf('_', StringComparison.Ordinal);
            if (name.StartsWith('.') || separator != SequenceDigits
                || !long.TryParse(name.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                continue;
            }

            files.Add(new MessageFile(path, sequence));
        }

        files.Sort((a, b) => a.Sequence.CompareTo(b.Sequence));
        return files;
    }

    /// <summary>
    /// Reads one message file, or moves it to the queue's <c>.quarantine/</c> folder and returns null when it is not a
    /// valid message (truncated by a full disk, or edited by hand): one bad file must not stop the queue, and moving it
    /// keeps its bytes for whoever wants to look.
    /// </summary>
    private async Task<MessageRecord?> ReadAsync(string file, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(file, cancellationToken);
        string reason;
        try
        {
            var record = JsonSerializer.Deserialize<MessageRecord>(bytes, JsonOptions);
            if (record is { Id: not null, Text: not null })
            {
                return record;
            }

            reason = "empty or incomplete";
        }
        catch (JsonException exception)
        {
            reason = exception.Message;
        }

        var quarantine = Path.Combine(Path.GetDirectoryName(file)!, QuarantineFolderName);
        Directory.CreateDirectory(quarantine);
        var target = Path.Combine(quarantine, Path.GetFileName(file));
        File.Move(file, target, overwrite: true);
        log?.Invoke($"Queue message file '{file}' is not a valid message ({reason}); moved to '{target}'.");
        return null;
    }

    private static Task WriteAsync(string file, MessageRecord record, CancellationToken cancellationToken)
        => AtomicFile.WriteAsync(file, JsonSerializer.SerializeToUtf8Bytes(record, JsonOptions), cancellationToken);

    private static string NewPopReceipt() => Guid.NewGuid().ToString("N");

    private readonly record struct MessageFile(string Path, long Sequence);

    /// <summary>The file format of one message.</summary>
    private sealed record MessageRecord(
        string Id,
        string Text,
        DateTimeOffset InsertedOn,
        int DequeueCount,
        DateTimeOffset NextVisibleOn,
        string? PopReceipt);
}

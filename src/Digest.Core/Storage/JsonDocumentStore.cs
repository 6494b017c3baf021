using System.Text.Json;
using Digest.Core.Diagnostics;
using Digest.Core.Json;

namespace Digest.Core.Storage;

/// <summary>
/// Typed JSON documents on top of <see cref="IBlobStore"/>, with the optimistic-concurrency loop every shared document
/// needs: read with its ETag, change, write If-Match, and start again if someone else wrote in between.
/// </summary>
/// <remarks>
/// A document that is not valid JSON (truncated by a full disk, emptied by an outside edit) is never a reason to stop:
/// it is moved to <c>quarantine/&lt;container&gt;/&lt;path&gt;.&lt;hash&gt;</c> (kept byte for byte, so nothing is lost), the move is
/// reported by name, and the read answers as if the document were absent, so the stage rebuilds what it can and goes on.
/// A <paramref name="readOnly"/> store (archive browsing) reports and skips the document but leaves it where it is.
/// </remarks>
public sealed class JsonDocumentStore(IBlobStore blobs, IRunReporter? reporter = null, bool readOnly = false)
{
    private const int MaxAttempts = 30;
    private const int BaseBackoffMilliseconds = 2;
    private const int MaxBackoffMilliseconds = 250;

    public IBlobStore Blobs => blobs;

    public async Task<Versioned<T>?> ReadAsync<T>(string container, string path, CancellationToken cancellationToken = default)
        where T : class
    {
        var blob = await blobs.GetAsync(container, path, cancellationToken);
        if (blob is null)
        {
            return null;
        }

        try
        {
            return new Versioned<T>(DigestJson.Deserialize<T>(blob.Content.Span), blob.ETag);
        }
        catch (JsonException exception)
        {
            await QuarantineAsync(container, path, blob, exception.Message, cancellationToken);
            return null;
        }
    }

    /// <summary>
    /// Moves an unreadable document aside. The copy is written before the original is deleted, and the delete is
    /// conditional on the ETag that was read, so a good version written meanwhile by another worker is never removed.
    /// </summary>
    private async Task QuarantineAsync(string container, string path, StoredBlob blob, string reason, CancellationToken cancellationToken)
    {
        if (readOnly)
        {
            reporter?.Warning($"{container}/{path} is not a valid document ({reason}); skipped.");
            return;
        }

        // One copy per distinct content, so a document that breaks twice keeps both broken versions.
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(blob.Content.Span))[..12];
        var quarantinePath = container + "/" + path + "." + hash;
        await blobs.PutAsync(Containers.Quarantine, quarantinePath, blob.Content, blob.ContentType, cancellationToken: cancellationToken);
        try
        {
            await blobs.DeleteAsync(container, path, BlobCondition.IfMatches(blob.ETag), cancellationToken);
        }
        catch (BlobPreconditionFailedException)
        {
            // Rewritten since we read it: the new version is someone else's to read.
        }

        reporter?.Warning($"{container}/{path} is not a valid document ({reason}); moved to {Containers.Quarantine}/{quarantinePath} and carrying on without it.");
    }

    public async Task<T?> GetAsync<T>(string container, string path, CancellationToken cancellationToken = default)
        where T : class
        => (await ReadAsync<T>(container, path, cancellationToken))?.Value;

    public Task<string> WriteAsync<T>(string container, string path, T value, BlobCondition condition = default,
        CancellationToken cancellationToken = default)
        => blobs.PutAsync(container, path, DigestJson.Serialize(value), "application/json", condition, cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> to the current document (null when absent) and writes the result conditionally,
    /// retrying on conflict. <paramref name="change"/> may run several times, so it must be a pure function of its input.
    /// Returning the same instance skips the write.
    /// </summary>
    public async Task<T> UpdateAsync<T>(string container, string path, Func<T?, T> change,
        CancellationToken cancellationToken = default)
        where T : class
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await ReadAsync<T>(container, path, cancellationToken);
            var next = change(current?.Value);
            if (current is not null && ReferenceEquals(next, current.Value))
            {
                return next;
            }

            var condition = current is null ? BlobCondition.IfNotExists : BlobCondition.IfMatches(current.ETag);
            try
            {
                await WriteAsync(container, path, next, condition, cancellationToken);
                return next;
            }
            catch (BlobPreconditionFailedException) when (attempt < MaxAttempts)
            {
                // Someone else wrote first: read their version and apply the change again, after a short random
                // pause that grows with each conflict, so that many writers of one hot document spread out instead of
                // colliding in lockstep until they run out of attempts.
                var ceiling = Math.Min(MaxBackoffMilliseconds, BaseBackoffMilliseconds << Math.Min(attempt, 8));
                await Task.Delay(Random.Shared.Next(ceiling / 2, ceiling + 1), cancellationToken);
            }
        }
    }
}

/// <summary>A document together with the ETag of the version it was read from.</summary>
public sealed record Versioned<T>(T Value, string ETag);

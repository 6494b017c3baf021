using System.Globalization;
using Digest.Core.Diagnostics;
using Digest.Core.Storage;

namespace Digest.Core.Subscribers;

/// <summary>
/// One subscriber's briefing of one local day, in the ledger at <c>deliveries/subscribers/&lt;local day&gt;/&lt;id&gt;.json</c>
/// (README, "Blob layout"). <see cref="SentAt"/> is null while a run is sending it.
/// </summary>
public sealed record DeliveryEntry
{
    public required string SubscriberId { get; init; }
    public required DateOnly LocalDay { get; init; }
    public required string MessageId { get; init; }
    public required DateTimeOffset ClaimedAt { get; init; }

    public DateTimeOffset? SentAt { get; init; }
}

/// <summary>A claim this run holds on one (subscriber, local day): the entry as written, with its version.</summary>
public sealed record DeliveryClaim(DeliveryEntry Entry, string ETag);

/// <summary>
/// The send ledger: each (subscriber, local day) is claimed in storage before its message goes out (a blob written only if
/// absent, so of two overlapping runs or a timer that fired twice only one sends) and marked sent after. A send that fails
/// releases its claim, so the next run tries again. The one window left is a run that dies after the provider accepted
/// the message and before the ledger says so: its claim goes stale, the next run sends again with the same Message-ID
/// (receivers can drop the copy) and logs that it may be a duplicate.
/// </summary>
/// <param name="blobs">The store.</param>
/// <param name="reporter">Where warnings go.</param>
/// <param name="soleWriter">
/// True when this process holds the store alone (the embedded data folder, under its lock): a claim not marked sent was
/// left by a run that died, whatever its age, and is taken over at once.
/// </param>
/// <param name="folder">The ledger's folder in the deliveries container: <c>subscribers</c> for stored subscribers,
/// <c>recipients</c> for a manual run's one recipient (keyed by <see cref="Briefings.BriefHandler.RecipientKey"/>).</param>
public sealed class DeliveryLedger(IBlobStore blobs, IRunReporter reporter, bool soleWriter = false, string folder = DeliveryLedger.SubscribersFolder)
{
    public const string SubscribersFolder = "subscribers";

    public const string RecipientsFolder = "recipients";

    /// <summary>A claim older than this was left by a run that died: a later run takes it over.</summary>
    public static readonly TimeSpan StaleClaim = TimeSpan.FromMinutes(15);

    private readonly JsonDocumentStore documents = new(blobs, reporter);

    /// <summary><c>subscribers/&lt;yyyy-mm-dd&gt;/&lt;subscriber id&gt;.json</c> in the deliveries container.</summary>
    public static string PathOf(DateOnly localDay, string subscriberId) => PathOf(SubscribersFolder, localDay, subscriberId);

    /// <summary><c>&lt;folder&gt;/&lt;yyyy-mm-dd&gt;/&lt;id&gt;.json</c> in the deliveries container.</summary>
    public static string PathOf(string folder, DateOnly localDay, string subscriberId)
        => folder + "/" + localDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + subscriberId + ".json";

    public async Task<DeliveryEntry?> GetAsync(string subscriberId, DateOnly localDay, CancellationToken cancellationToken = default)
        => await documents.GetAsync<DeliveryEntry>(Containers.Deliveries, PathOf(folder, localDay, subscriberId), cancellationToken);

    /// <summary>
    /// Claims the day's briefing of a subscriber for this run, or returns null: it was sent, another run is sending it, or
    /// another run took it over a moment ago.
    /// </summary>
    public async Task<DeliveryClaim?> ClaimAsync(string subscriberId, DateOnly localDay, string messageId, DateTimeOffset now,
        CancellationToken cancellationToken = default)
    {
        var path = PathOf(folder, localDay, subscriberId);
        var existing = await documents.ReadAsync<DeliveryEntry>(Containers.Deliveries, path, cancellationToken);
        var entry = new DeliveryEntry { SubscriberId = subscriberId, LocalDay = localDay, MessageId = messageId, ClaimedAt = now };
        var condition = BlobCondition.IfNotExists;
        if (existing is not null)
        {
            if (existing.Value.SentAt is not null || (!soleWriter && now - existing.Value.ClaimedAt < StaleClaim))
            {
                return null;
            }

            reporter.Warning($"The briefing of {localDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} for subscriber "
                + $"{subscriberId[..8]}… was claimed at {existing.Value.ClaimedAt:O} by a run that did not finish: sending it again "
                + "with the same Message-ID, so it may arrive twice if that run's message was accepted.");
            entry = entry with { MessageId = existing.Value.MessageId };
            condition = BlobCondition.IfMatches(existing.ETag);
        }

        try
        {
            var etag = await documents.WriteAsync(Containers.Deliveries, path, entry, condition, cancellationToken);
            return new DeliveryClaim(entry, etag);
        }
        catch (BlobPreconditionFailedException)
        {
            // Another run claimed it between the read and the write.
            return null;
        }
    }

    /// <summary>Records the claimed message as sent.</summary>
    public Task MarkSentAsync(DeliveryClaim claim, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return documents.WriteAsync(Containers.Deliveries, PathOf(folder, claim.Entry.LocalDay, claim.Entry.SubscriberId),
            claim.Entry with { SentAt = sentAt }, BlobCondition.IfMatches(claim.ETag), cancellationToken);
    }

    /// <summary>Gives a claim up after the message was not sent (the provider refused it): the next run tries again.</summary>
    public Task ReleaseAsync(DeliveryClaim claim, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(claim);
        return blobs.DeleteAsync(Containers.Deliveries, PathOf(folder, claim.Entry.LocalDay, claim.Entry.SubscriberId),
            BlobCondition.IfMatches(claim.ETag), cancellationToken);
    }
}

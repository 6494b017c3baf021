using System.Globalization;
using Digest.Core.Diagnostics;
using Digest.Core.Storage;

namespace Digest.Core.Subscribers;

/// <summary>What happened to a subscribe request; the same for known and unknown addresses where the outside can see it.</summary>
public enum SubscribeOutcome
{
    /// <summary>A new unconfirmed subscriber was stored (a confirmation mail is due).</summary>
    Pending,

    /// <summary>Stored as confirmed (operator's <c>--confirmed</c>), or already confirmed and updated.</summary>
    Confirmed,

    /// <summary>The address unsubscribed before; it comes back only by the operator or a fresh confirmation.</summary>
    Suppressed,
}

/// <summary>
/// Subscribers in blob storage: one document per subscriber, written atomically with the documents' ETag loop, so two
/// workers changing the same subscriber never lose each other's change.
/// </summary>
public sealed class SubscriberStore(IBlobStore blobs, ReadOnlyMemory<byte> key, IRunReporter? reporter = null)
{
    private readonly JsonDocumentStore _documents = new(blobs, reporter);

    public string IdOf(string address) => SubscriberId.Of(address, key.Span);

    public static string ActivePath(string id) => $"active/{id}.json";

    public static string SuppressedPath(string id) => $"suppressed/{id}.json";

    /// <summary>
    /// Adds or updates the subscriber for <paramref name="address"/>. A suppressed address is only re-added by the
    /// operator (<paramref name="confirmed"/>), which lifts the suppression.
    /// </summary>
    public async Task<SubscribeOutcome> SubscribeAsync(string address, string timeZone, int sendHour, IReadOnlyList<string> keywords,
        IReadOnlyList<string> outlets, bool confirmed, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var id = IdOf(address);
        if (await blobs.GetAsync(Containers.Subscribers, SuppressedPath(id), cancellationToken) is not null)
        {
            if (!confirmed)
            {
                return SubscribeOutcome.Suppressed;
            }

            await blobs.DeleteAsync(Containers.Subscribers, SuppressedPath(id), cancellationToken: cancellationToken);
        }

        var saved = await _documents.UpdateAsync<Subscriber>(Containers.Subscribers, ActivePath(id), existing => new Subscriber
        {
            Id = id,
            Address = address.Trim(),
            TimeZone = timeZone,
            SendHour = sendHour,
            Keywords = keywords,
            Outlets = outlets,
            CreatedAt = existing?.CreatedAt ?? now,
            ConfirmedAt = existing?.ConfirmedAt ?? (confirmed ? now : null),
            LastBriefingDay = existing?.LastBriefingDay,
            LastBriefingAt = existing?.LastBriefingAt,
            ConfirmationSentAt = existing?.ConfirmationSentAt,
        }, cancellationToken);
        return saved.IsConfirmed ? SubscribeOutcome.Confirmed : SubscribeOutcome.Pending;
    }

    /// <summary>Confirms the subscriber a verified confirm token named; false when there is none (unsubscribed since, never existed).</summary>
    public async Task<bool> ConfirmAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!SubscriberId.IsWellFormed(id) || await GetAsync(id, cancellationToken) is null)
        {
            return false;
        }

        await _documents.UpdateAsync<Subscriber>(Containers.Subscribers, ActivePath(id),
            existing => existing is null ? throw new InvalidOperationException("The subscriber went away while being confirmed.") : existing with { ConfirmedAt = existing.ConfirmedAt ?? now },
            cancellationToken);
        return true;
    }

    /// <summary>
    /// Removes the subscriber and leaves a suppression entry. Idempotent: unsubscribing twice, or an id that was never
    /// subscribed, ends in the same state and the same answer.
    /// </summary>
    public async Task UnsubscribeAsync(string id, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        if (!SubscriberId.IsWellFormed(id))
        {
            return;
        }

        // Suppression first: a crash between the two leaves the address suppressed, never subscribed-but-unsuppressible.
        await _documents.WriteAsync(Containers.Subscribers, SuppressedPath(id), new Suppression(id, now), cancellationToken: cancellationToken);
        await blobs.DeleteAsync(Containers.Subscribers, ActivePath(id), cancellationToken: cancellationToken);
    }

    public Task<Subscriber?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _documents.GetAsync<Subscriber>(Containers.Subscribers, ActivePath(id), cancellationToken);

    /// <summary>Every stored subscriber, in id order.</summary>
    public async Task<IReadOnlyList<Subscriber>> ListAsync(CancellationToken cancellationToken = default)
    {
        var result = new List<Subscriber>();
        var names = new List<string>();
        await foreach (var name in blobs.ListAsync(Containers.Subscribers, "active/", cancellationToken))
        {
            names.Add(name);
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            if (await _documents.GetAsync<Subscriber>(Containers.Subscribers, name, cancellationToken) is { } subscriber)
            {
                result.Add(subscriber);
            }
        }

        return result;
    }

    /// <summary>Records that the briefing of <paramref name="localDay"/> went to the subscriber at <paramref name="sentAt"/>.</summary>
    public Task MarkSentAsync(string id, DateOnly localDay, DateTimeOffset sentAt, CancellationToken cancellationToken = default) =>
        _documents.UpdateAsync<Subscriber>(Containers.Subscribers, ActivePath(id), existing => existing is null
            ? throw new InvalidOperationException("The subscriber unsubscribed while the briefing was sent.")
            : existing with { LastBriefingDay = existing.LastBriefingDay is { } day && day > localDay ? day : localDay, LastBriefingAt = sentAt },
            cancellationToken);

    /// <summary>
    /// Marks a local day done without a briefing (nothing matched): the day is not tried again, and the next briefing
    /// still covers the time since the last one sent.
    /// </summary>
    public Task MarkDayWithoutBriefingAsync(string id, DateOnly localDay, CancellationToken cancellationToken = default) =>
        _documents.UpdateAsync<Subscriber>(Containers.Subscribers, ActivePath(id), existing => existing is null
            ? throw new InvalidOperationException("The subscriber unsubscribed while the briefing was composed.")
            : existing with { LastBriefingDay = existing.LastBriefingDay is { } day && day > localDay ? day : localDay },
            cancellationToken);

    /// <summary>
    /// Adds an address the operator listed (the sources file's <c>subscribers</c>) as a confirmed subscriber, unless it is
    /// already a subscriber (whose settings stay as they are) or unsubscribed (a listed address does not undo that).
    /// </summary>
    /// <returns>True when it was added.</returns>
    public async Task<bool> ImportAsync(string address, string timeZone, int sendHour, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        var id = IdOf(address);
        if (await blobs.GetAsync(Containers.Subscribers, SuppressedPath(id), cancellationToken) is not null
            || await GetAsync(id, cancellationToken) is not null)
        {
            return false;
        }

        await SubscribeAsync(address, timeZone, sendHour, [], [], confirmed: true, now, cancellationToken);
        return true;
    }

    /// <summary>Records when a confirmation mail was sent (see <see cref="Subscriber.ConfirmationSentAt"/>).</summary>
    public Task MarkConfirmationSentAsync(string id, DateTimeOffset sentAt, CancellationToken cancellationToken = default) =>
        _documents.UpdateAsync<Subscriber>(Containers.Subscribers, ActivePath(id), existing => existing is null
            ? throw new InvalidOperationException("The subscriber was removed while the confirmation mail was sent.")
            : existing with { ConfirmationSentAt = sentAt },
            cancellationToken);

    /// <summary>
    /// Takes the operator's list (the sources file's <c>subscribers</c>) into the store, each by <see cref="ImportAsync"/>,
    /// in UTC at <paramref name="sendHour"/>.
    /// </summary>
    /// <returns>How many were added.</returns>
    public async Task<int> ImportListedAsync(IEnumerable<string> addresses, int sendHour, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var added = 0;
        foreach (var address in addresses)
        {
            if (await ImportAsync(address, "UTC", sendHour, now, cancellationToken))
            {
                added++;
                reporter?.Info(string.Create(CultureInfo.InvariantCulture,
                    $"Subscriber {SubscriberId.Masked(address)} from the sources file added (UTC, {sendHour}:00)."));
            }
        }

        return added;
    }
}

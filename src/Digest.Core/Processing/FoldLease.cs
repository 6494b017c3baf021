using Digest.Core.Storage;

namespace Digest.Core.Processing;

/// <summary>
/// Who may fold now: one holder at a time across every instance, kept as a small document written with ETag conditions
/// (<c>state/fold/lease.json</c>), so it works on any <see cref="IBlobStore"/>. A holder that dies leaves a lease that
/// expires after <see cref="Duration"/>; a live holder renews it as it goes.
/// </summary>
public sealed class FoldLease : IAsyncDisposable
{
    public const string PathInState = "fold/lease.json";
    /// <summary>
    /// Long enough for the work between two renewals (50 articles, or one step of a rewind) on remote storage; short
    /// enough that a holder that died does not hold up the next fold for long.
    /// </summary>
    public static readonly TimeSpan Duration = TimeSpan.FromSeconds(45);

    private readonly JsonDocumentStore documents;
    private readonly TimeProvider clock;
    private readonly string owner;
    private string etag;

    private FoldLease(JsonDocumentStore documents, TimeProvider clock, string owner, string etag)
    {
        this.documents = documents;
        this.clock = clock;
        this.owner = owner;
        this.etag = etag;
    }

    /// <summary>Takes the lease, or returns null when someone else holds one that has not expired.</summary>
    public static async Task<FoldLease?> TryAcquireAsync(JsonDocumentStore documents, TimeProvider clock, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        ArgumentNullException.ThrowIfNull(clock);
        var owner = Guid.NewGuid().ToString("N");
        var current = await documents.ReadAsync<LeaseDocument>(Containers.State, PathInState, cancellationToken);
        if (current is not null && current.Value.ExpiresAt > clock.GetUtcNow())
        {
            return null;
        }

        var condition = current is null ? BlobCondition.IfNotExists : BlobCondition.IfMatches(current.ETag);
        try
        {
            var etag = await documents.WriteAsync(Containers.State, PathInState, new LeaseDocument(owner, clock.GetUtcNow() + Duration),
                condition, cancellationToken);
            return new FoldLease(documents, clock, owner, etag);
        }
        catch (BlobPreconditionFailedException)
        {
            return null;
        }
    }

    /// <summary>
    /// Removes a lease whatever its expiry. Only for a host that knows no one else can hold it (the embedded host, which
    /// holds the data folder's lock): a lease left by a run that died would otherwise block folding until it expires.
    /// </summary>
    public static async Task BreakAsync(JsonDocumentStore documents, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(documents);
        await documents.Blobs.DeleteAsync(Containers.State, PathInState, cancellationToken: cancellationToken);
    }

    /// <summary>Extends the lease; throws <see cref="BlobPreconditionFailedException"/> when it was lost (expired and taken).</summary>
    public async Task RenewAsync(CancellationToken cancellationToken)
        => etag = await documents.WriteAsync(Containers.State, PathInState, new LeaseDocument(owner, clock.GetUtcNow() + Duration),
            BlobCondition.IfMatches(etag), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        try
        {
            await documents.Blobs.DeleteAsync(Containers.State, PathInState, BlobCondition.IfMatches(etag));
        }
        catch (BlobPreconditionFailedException)
        {
            // Lost already: the new holder's lease is not ours to remove.
        }
    }

    private sealed record LeaseDocument(string Owner, DateTimeOffset ExpiresAt);
}

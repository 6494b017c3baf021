namespace Digest.Infrastructure.Fetching;

/// <summary>
/// Per-host manners, however many fetches run concurrently: at most a fixed number of requests in flight at one host,
/// and optionally a minimum time between the starts of two requests to it.
/// </summary>
/// <remarks>
/// A host's entry lives while someone holds or awaits a slot, and after that only until its minimum delay has passed,
/// so the table is bounded by the fetches in flight and the hosts of the last delay window, not by every host seen.
/// </remarks>
internal sealed class HostGate
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly int perHost;
    private readonly TimeSpan minDelay;
    private readonly TimeProvider clock;

    public HostGate(int perHost, TimeSpan minDelay, TimeProvider clock)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(perHost, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(minDelay, TimeSpan.Zero);
        ArgumentNullException.ThrowIfNull(clock);
        this.perHost = perHost;
        this.minDelay = minDelay;
        this.clock = clock;
    }

    public HostGate(int perHost) : this(perHost, TimeSpan.Zero, TimeProvider.System)
    {
    }

    /// <summary>Waits for a slot at <paramref name="host"/> (and for its turn); disposing the result gives the slot back.</summary>
    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (gate)
        {
            PruneIdle();
            if (!entries.TryGetValue(host, out entry!))
            {
                entry = new Entry(new SemaphoreSlim(perHost, perHost));
                entries[host] = entry;
            }

            entry.Users++;
        }

        var acquired = false;
        try
        {
            await entry.Slots.WaitAsync(cancellationToken);
            acquired = true;
            if (minDelay > TimeSpan.Zero)
            {
                await WaitForTurnAsync(entry, cancellationToken);
            }
        }
        catch
        {
            Leave(entry, release: acquired);
            throw;
        }

        return new Slot(this, entry);
    }

    /// <summary>Hosts the gate keeps an entry for; for tests of the cleanup.</summary>
    internal int TrackedHosts
    {
        get
        {
            lock (gate)
            {
                PruneIdle();
                return entries.Count;
            }
        }
    }

    /// <summary>Starts at one host are spaced by the minimum delay: each start books the next one's earliest time.</summary>
    private async Task WaitForTurnAsync(Entry entry, CancellationToken cancellationToken)
    {
        TimeSpan wait;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            var start = entry.NextStart > now ? entry.NextStart : now;
            entry.NextStart = start + minDelay;
            wait = start - now;
        }

        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, clock, cancellationToken);
        }
    }

    private void Leave(Entry entry, bool release)
    {
        if (release)
        {
            entry.Slots.Release();
        }

        lock (gate)
        {
            entry.Users--;
            PruneIdle();
        }
    }

    /// <summary>Drops entries nobody uses whose delay has passed. Called under the lock.</summary>
    private void PruneIdle()
    {
        var now = clock.GetUtcNow();
        List<string>? idle = null;
        foreach (var (host, entry) in entries)
        {
            if (entry.Users == 0 && entry.NextStart <= now)
            {
                (idle ??= []).Add(host);
            }
        }

        foreach (var host in idle ?? [])
        {
            entries.Remove(host, out var entry);
            entry!.Slots.Dispose();
        }
    }

    /// <summary>A slot that follows a redirect chain: kept while the hops stay at one host, exchanged when they move.</summary>
    public sealed class HeldSlot(HostGate owner) : IDisposable
    {
        private string? host;
        private IDisposable? slot;

        public async Task MoveToAsync(string nextHost, CancellationToken cancellationToken)
        {
            if (slot is not null && string.Equals(host, nextHost, StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            slot?.Dispose();
            slot = null;
            slot = await owner.EnterAsync(nextHost, cancellationToken);
            host = nextHost;
        }

        public void Dispose() => slot?.Dispose();
    }

    private sealed class Entry(SemaphoreSlim slots)
    {
        public SemaphoreSlim Slots { get; } = slots;

        public int Users { get; set; }

        /// <summary>Earliest start of the next request to this host (only with a minimum delay).</summary>
        public DateTimeOffset NextStart { get; set; } = DateTimeOffset.MinValue;
    }

    private sealed class Slot(HostGate owner, Entry entry) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Leave(entry, release: true);
            }
        }
    }
}

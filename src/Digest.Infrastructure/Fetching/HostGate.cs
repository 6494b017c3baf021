namespace Digest.Infrastructure.Fetching;

/// <summary>
/// Lets at most a fixed number of requests be in flight at one host, however many fetches run concurrently.
/// A host's entry lives only while someone holds or awaits it, so the table is bounded by the fetches in flight,
/// not by the number of hosts ever seen.
/// </summary>
internal sealed class HostGate(int perHost)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, Entry> entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Waits for a slot at <paramref name="host"/>; disposing the result gives it back.</summary>
    public async Task<IDisposable> EnterAsync(string host, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (gate)
        {
            if (!entries.TryGetValue(host, out entry!))
            {
                entry = new Entry(new SemaphoreSlim(perHost, perHost));
                entries[host] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Slots.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(host, entry, release: false);
            throw;
        }

        return new Slot(this, host, entry);
    }

    /// <summary>Hosts with a request in flight or waiting; for tests of the cleanup.</summary>
    internal int TrackedHosts
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    private void Leave(string host, Entry entry, bool release)
    {
        if (release)
        {
            entry.Slots.Release();
        }

        lock (gate)
        {
            if (--entry.Users == 0)
            {
                entries.Remove(host);
                entry.Slots.Dispose();
            }
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
    }

    private sealed class Slot(HostGate owner, string host, Entry entry) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                owner.Leave(host, entry, release: true);
            }
        }
    }
}

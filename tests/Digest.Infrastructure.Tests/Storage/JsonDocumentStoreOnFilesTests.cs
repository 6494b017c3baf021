using Digest.Core.Storage;
using Digest.Infrastructure.Storage;
using Digest.Infrastructure.Tests.Support;

namespace Digest.Infrastructure.Tests.Storage;

/// <summary>The core's optimistic-concurrency loop, run against the real file store.</summary>
public sealed class JsonDocumentStoreOnFilesTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    private sealed record Tally(int Count, IReadOnlyList<string> Seen);

    [Fact]
    public async Task Concurrent_updaters_lose_no_update()
    {
        // JsonDocumentStore gives up after 20 conflicts and does not back off, so 4 × 5 keeps every updater's worst case
        // (losing to all 15 other updates) inside its budget; heavier contention needs backoff in the core loop.
        const int updaters = 4;
        const int updatesEach = 5;

        await Task.WhenAll(Enumerable.Range(0, updaters).Select(updater => Task.Run(async () =>
        {
            var documents = new JsonDocumentStore(new FileSystemBlobStore(folder.Path));
            for (var i = 0; i < updatesEach; i++)
            {
                var mark = $"u{updater:D2}-{i}";
                await documents.UpdateAsync<Tally>(Containers.State, "story-index.json",
                    current => new Tally((current?.Count ?? 0) + 1, [.. current?.Seen ?? [], mark]));
            }
        })));

        var final = await new JsonDocumentStore(new FileSystemBlobStore(folder.Path))
            .GetAsync<Tally>(Containers.State, "story-index.json");
        Assert.NotNull(final);
        Assert.Equal(updaters * updatesEach, final.Count);
        Assert.Equal(updaters * updatesEach, final.Seen.Distinct(StringComparer.Ordinal).Count());
    }
}
